package io.concierge.browser;

import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.concierge.MockIdentityProvider;
import io.concierge.identity.Accounts;
import io.concierge.identity.Organisations;
import io.concierge.identity.Role;
import io.concierge.identity.SingleSignOn;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.partners.Partner;
import io.concierge.partners.Partners;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Signing in with an OpenID Connect provider (the test's mock-oauth2-server, registered
 * as "Acme ID"): new accounts, linking to an existing one, just-in-time company and
 * partner membership.
 */
class SingleSignOnJourneyTests extends BrowserTest {

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	SingleSignOn singleSignOn;

	@Test
	void aNewPersonSignsInWithTheirProviderAndGetsAnAccount() {
		String email = "sso-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		MockIdentityProvider.nextSignIn(UUID.randomUUID().toString(), email, true, "Sasha Provider");
		DashboardPage dashboard = signInWithAcme();
		assertThat(dashboard.heading()).hasText("Hello, Sasha Provider");
		assertThat(dashboard.account()).containsText(email);
	}

	@Test
	void anExistingAccountIsLinkedOnlyWhenTheProviderVouchesAndThePersonConfirms() {
		TestLogin customer = TestLogins.customer(this.accounts);
		String subject = UUID.randomUUID().toString();
		MockIdentityProvider.nextSignIn(subject, customer.email(), false, "Unverified");
		LoginPage.open(this.page);
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with Acme ID")).click();
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("has not confirmed this email address");
		Accessibility.check(this.page);

		MockIdentityProvider.nextSignIn(subject, customer.email(), true, "Verified");
		LoginPage.open(this.page);
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with Acme ID")).click();
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
			.hasText("Link your sign-in");
		Accessibility.check(this.page);
		this.page.getByLabel("Your Concierge password").fill("someone else's guess");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Link and sign in")).click();
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("not right");
		Accessibility.check(this.page);
		this.page.getByLabel("Your Concierge password").fill(customer.password());
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Link and sign in")).click();
		DashboardPage.shown(this.page);

		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
		MockIdentityProvider.nextSignIn(subject, customer.email(), true, "Verified");
		signInWithAcme();
	}

	@Test
	void aCompanyBoundToTheProviderTakesItsPeopleInAndMakesThemSignInThere() {
		String company = "Acme Corp " + UUID.randomUUID();
		String domain = "acme-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
		TestLogin admin = TestLogins.organisationAdmin(this.accounts, this.organisations, company);
		this.singleSignOn.bind(company, "acme", domain);

		MockIdentityProvider.nextSignIn(UUID.randomUUID().toString(), "pat@" + domain, true, "Pat Newcomer");
		DashboardPage dashboard = signInWithAcme();
		assertThat(dashboard.account()).containsText(company);

		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
		LoginPage.open(this.page).signInFailing(admin.email(), admin.password());
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("Your company signs you in");
	}

	@Test
	void operationsBindsAPartnerAndItsNewcomerLandsInThePartnerPortalWithoutASecondCode(
			@Autowired io.concierge.identity.SecondFactors factors, @Autowired Partners partners) {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		Partner vendor = partners.create(Partner.Kind.VENDOR, "SSO Journey " + tag, null, "ops", "::1");
		String domain = "journey-" + tag + ".example";
		TestLogin operations = TestLogins.staff(this.accounts, factors, Role.OPERATIONS);
		LoginPage.open(this.page).signIn(operations.email(), operations.password(), operations.totpSecret());
		this.page.navigate("/operations/partners");
		Locator section = this.page.getByRole(AriaRole.REGION,
				new Page.GetByRoleOptions().setName(Pattern.compile(vendor.name())));
		section.getByLabel("Provider").selectOption("acme");
		section.getByLabel("Email domain").fill("not a domain");
		section
			.getByRole(AriaRole.BUTTON,
					new Locator.GetByRoleOptions().setName("Save single sign-on for " + vendor.name()))
			.click();
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("Give the email domain");
		Accessibility.check(this.page);
		section.getByLabel("Email domain").fill(domain);
		section
			.getByRole(AriaRole.BUTTON,
					new Locator.GetByRoleOptions().setName("Save single sign-on for " + vendor.name()))
			.click();
		assertThat(this.page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText(vendor.name())))
			.containsText(vendor.name() + " signs in with acme now");
		assertThat(section).containsText("Signs in with acme (people at " + domain + ")");
		Accessibility.check(this.page);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();

		// the provider says it asked for a password and a one-time code (RFC 8176)
		MockIdentityProvider.nextSignIn(UUID.randomUUID().toString(), "robin@" + domain, true, "Robin Vendor",
				java.util.Map.of("amr", java.util.List.of("pwd", "otp", "mfa")));
		LoginPage.open(this.page);
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with Acme ID")).click();
		assertThat(this.page).hasURL(Pattern.compile(".*/partner$"));
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
			.hasText(vendor.name());
		Accessibility.check(this.page);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();

		// one factor by the provider's word (or none said): the portal asks for its own
		MockIdentityProvider.nextSignIn(UUID.randomUUID().toString(), "sam@" + domain, true, "Sam Vendor",
				java.util.Map.of("amr", java.util.List.of("pwd")));
		LoginPage.open(this.page);
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with Acme ID")).click();
		assertThat(this.page).hasURL(Pattern.compile(".*/account/security$"));
	}

	@Test
	void noAccountIsOpenedThroughAProviderWhileRegistrationIsClosed(
			@Autowired io.concierge.identity.IdentitySettings settings) {
		try {
			settings.change("admin@concierge.example", false, false, java.util.List.of(), "127.0.0.1");
			MockIdentityProvider.nextSignIn(UUID.randomUUID().toString(),
					"closed-" + UUID.randomUUID() + "@example.com", true, "Closed Door");
			LoginPage.open(this.page);
			this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with Acme ID")).click();
			assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("by invitation only");
		}
		finally {
			settings.change("admin@concierge.example", true, false, java.util.List.of(), "127.0.0.1");
		}
	}

	private DashboardPage signInWithAcme() {
		LoginPage.open(this.page);
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with Acme ID")).click();
		return DashboardPage.shown(this.page);
	}

}
