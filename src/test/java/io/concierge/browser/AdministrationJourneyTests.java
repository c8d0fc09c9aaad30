package io.concierge.browser;

import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import io.concierge.identity.DemoLogins.DemoLogin;
import io.concierge.identity.Role;
import io.concierge.identity.Accounts;
import io.concierge.identity.SecondFactors;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;
import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * An administrator reads the audit trail, checks it is intact and follows an email in the
 * outbox.
 */
class AdministrationJourneyTests extends BrowserTest {

	@Test
	void administratorFindsSignInsInTheAuditTrailAndChecksItsIntegrity() {
		DemoLogin admin = this.demo.of(Role.ADMINISTRATOR);
		DashboardPage dashboard = LoginPage.open(this.page)
			.signIn(admin.email().value(), admin.password(), admin.totpSecret());
		AuditTrailPage trail = dashboard.openAuditTrail();
		trail.find(admin.email().value());
		assertThat(trail.rows()
			.filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Signed in"))
			.first()).containsText(admin.email().value());
		assertThat(trail.resultCount()).containsText("shown");
		assertThat(trail.announcement()).containsText("shown");
		assertThat(this.page).hasURL(Pattern.compile(".*q=admin%40concierge.example.*"));
		assertThat(trail.checkIntegrity()).containsText("intact");
	}

	@Test
	void administratorSendsATestMessageAndFollowsItsLink(@Autowired Accounts accounts,
			@Autowired SecondFactors factors) {
		TestLogin admin = TestLogins.staff(accounts, factors, Role.ADMINISTRATOR);
		DashboardPage dashboard = LoginPage.open(this.page).signIn(admin.email(), admin.password(), admin.totpSecret());
		Page message = dashboard.openMailOutbox().sendTestMessage();
		assertThat(message.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS))
			.hasText("The test message is in the outbox.");
		message.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("dashboard$"))).click();
		DashboardPage.shown(message);
	}

	@Test
	void administratorOpensTheSignInSettings(@Autowired Accounts accounts, @Autowired SecondFactors factors) {
		TestLogin admin = TestLogins.staff(accounts, factors, Role.ADMINISTRATOR);
		LoginPage.open(this.page).signIn(admin.email(), admin.password(), admin.totpSecret());
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign-in settings")).click();
		assertThat(this.page.getByLabel("Anyone may open a customer account")).isChecked();
		assertThat(this.page.getByLabel("Required for every user of Nordwind Trading GmbH")).not().isChecked();
		Accessibility.check(this.page);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save settings")).click();
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS)).containsText("apply at once");
		assertThat(this.page.getByLabel("Anyone may open a customer account")).isChecked();
		assertThat(this.page.getByRole(AriaRole.GROUP,
				new Page.GetByRoleOptions().setName("Single sign-on for companies")))
			.isVisible();
	}

	@Test
	void administratorDisablesAnAccountAndEnablesItAgain(@Autowired Accounts accounts,
			@Autowired SecondFactors factors) {
		TestLogin admin = TestLogins.staff(accounts, factors, Role.ADMINISTRATOR);
		TestLogin customer = TestLogins.customer(accounts);
		LoginPage.open(this.page).signIn(admin.email(), admin.password(), admin.totpSecret());
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign-in settings")).click();
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Find a person")).click();
		this.page.locator("#access-email").fill(customer.email());
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Find").setExact(true)).click();
		assertThat(this.page.getByRole(AriaRole.MAIN)).containsText("May sign in");
		Accessibility.check(this.page);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out everywhere")).click();
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS)).hasText("0 session(s) ended.");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disable the account")).click();
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS)).containsText("is disabled");
		assertThat(this.page.getByRole(AriaRole.MAIN)).containsText("Disabled: cannot sign in");
		Accessibility.check(this.page);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enable the account")).click();
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS)).containsText("enabled again");
	}

	@Test
	void administratorMakesAnApiKeyThatIsShownOnceAndRevokesIt(@Autowired Accounts accounts,
			@Autowired SecondFactors factors) {
		TestLogin admin = TestLogins.staff(accounts, factors, Role.ADMINISTRATOR);
		LoginPage.open(this.page).signIn(admin.email(), admin.password(), admin.totpSecret());
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("API keys")).click();
		Accessibility.check(this.page);
		String name = "Warehouse " + java.util.UUID.randomUUID().toString().substring(0, 8);
		this.page.locator("#key-name").fill(name);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make a key")).click();
		assertThat(this.page.locator("#new-key")).containsText("ck_");
		Accessibility.check(this.page);
		this.page.reload();
		assertThat(this.page.locator("#new-key")).hasCount(0);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke the key of " + name)).click();
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS)).containsText("revoked");
	}

	@Test
	void administratorMakesAnOAuthClientWhoseSecretIsShownOnceAndRevokesIt(@Autowired Accounts accounts,
			@Autowired SecondFactors factors) {
		TestLogin admin = TestLogins.staff(accounts, factors, Role.ADMINISTRATOR);
		LoginPage.open(this.page).signIn(admin.email(), admin.password(), admin.totpSecret());
		this.page.navigate("/admin/api-keys");
		String name = "ERP " + java.util.UUID.randomUUID().toString().substring(0, 8);
		this.page.locator("#client-name").fill(name);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make a client")).click();
		assertThat(this.page.locator("#new-client-id")).containsText("cc_");
		assertThat(this.page.locator("#new-client-secret")).not().isEmpty();
		Accessibility.check(this.page);
		this.page.reload();
		assertThat(this.page.locator("#new-client-secret")).hasCount(0);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke the client of " + name))
			.click();
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS)).containsText("revoked");
	}

	@Test
	void customersAreTurnedAwayFromAdministration() {
		DemoLogin customer = this.demo.of(Role.CUSTOMER);
		LoginPage.open(this.page).signIn(customer.email().value(), customer.password());
		assertThat(this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Audit trail"))).hasCount(0);
		this.page.navigate("/admin/audit");
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
			.hasText("Not allowed");
		Accessibility.check(this.page);
	}

}
