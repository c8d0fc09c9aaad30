package io.concierge.browser;

import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.concierge.identity.Accounts;
import io.concierge.identity.DemoLogins.DemoLogin;
import io.concierge.identity.NewAccount;
import io.concierge.identity.Role;
import io.concierge.shared.EmailAddress;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * What a person does first: open the portal, sign in, look around, change language, sign
 * out.
 */
class PortalJourneyTests extends BrowserTest {

	@Test
	void customerSignsInSeesTheDashboardSwitchesToGermanAndSignsOut() {
		DemoLogin customer = this.demo.of(Role.CUSTOMER);
		this.page.navigate("/");
		DashboardPage dashboard = LoginPage.shown(this.page).signIn(customer.email().value(), customer.password());
		assertThat(dashboard.heading()).hasText("Hello, Alex Morgan");
		assertThat(dashboard.account()).containsText(customer.email().value());
		assertThat(dashboard.account()).containsText("Customer");

		DashboardPage german = dashboard.switchLanguage("Deutsch");
		assertThat(german.heading()).hasText("Hallo, Alex Morgan");
		assertThat(this.page.locator("html")).hasAttribute("lang", "de");
		assertThat(german.account()).containsText("Mitglied seit");

		LoginPage signedOut = german.signOut("Abmelden");
		assertThat(signedOut.status()).hasText("Sie haben sich abgemeldet.");
		this.page.navigate("/dashboard");
		LoginPage.shown(this.page);
	}

	@Test
	void aWrongPasswordGetsTheSameGenericErrorAsAnUnknownAccount() {
		DemoLogin customer = this.demo.of(Role.CUSTOMER);
		LoginPage wrongPassword = LoginPage.open(this.page).signInFailing(customer.email().value(), "wrong-password");
		assertThat(wrongPassword.alert()).hasText("The email address or password is not correct. Please try again.");
		assertThat(this.page.getByLabel("Email address")).hasAttribute("aria-invalid", "true");
		LoginPage unknown = wrongPassword.signInFailing("nobody@example.com", "wrong-password");
		assertThat(unknown.alert()).hasText("The email address or password is not correct. Please try again.");
	}

	@Test
	void repeatedFailuresLockTheAccountWithoutSayingSo(@Autowired Accounts accounts) {
		String email = "locked-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		accounts
			.open(new NewAccount(EmailAddress.of(email), "Lou Locked", "the right passphrase", Role.CUSTOMER, null));
		LoginPage login = LoginPage.open(this.page);
		for (int attempt = 1; attempt <= 5; attempt++) {
			login = login.signInFailing(email, "wrong passphrase " + attempt);
		}
		LoginPage locked = login.signInFailing(email, "the right passphrase");
		assertThat(locked.alert()).hasText("The email address or password is not correct. Please try again.");
	}

	@Test
	void anUnknownAddressShowsTheNotFoundPage() {
		DemoLogin business = this.demo.of(Role.CUSTOMER);
		LoginPage.open(this.page).signIn(business.email().value(), business.password());
		this.page.navigate("/orders/does-not-exist");
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
			.hasText("Page not found");
		Accessibility.check(this.page);
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Go to your dashboard")).click();
		DashboardPage.shown(this.page);
	}

	@Test
	void theSkipLinkLeadsKeyboardUsersToTheContent() {
		LoginPage.open(this.page);
		this.page.keyboard().press("Tab");
		assertThat(this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Skip to main content")))
			.isFocused();
		this.page.keyboard().press("Enter");
		assertThat(this.page).hasURL(Pattern.compile(".*#main$"));
	}

	@Test
	void keepsItsContrastInTheDarkColourScheme() {
		this.page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
		LoginPage.open(this.page).signInFailing("nobody@example.com", "wrong-password");
		Object background = this.page.evaluate("getComputedStyle(document.body).backgroundColor");
		org.assertj.core.api.Assertions.assertThat(background).isEqualTo("rgb(18, 19, 22)");
	}

	@Test
	void worksOnAPhoneScreen() {
		this.page.setViewportSize(360, 740);
		DemoLogin business = this.demo.all().stream().filter(DemoLogin::business).findFirst().orElseThrow();
		DashboardPage dashboard = LoginPage.open(this.page).signIn(business.email().value(), business.password());
		assertThat(dashboard.account()).containsText("Nordwind Trading GmbH");
		Object overflow = this.page.evaluate("document.documentElement.scrollWidth > window.innerWidth");
		org.assertj.core.api.Assertions.assertThat(overflow).as("page scrolls sideways at 360 px").isEqualTo(false);
	}

}
