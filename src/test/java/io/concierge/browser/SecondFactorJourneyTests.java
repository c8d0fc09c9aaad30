package io.concierge.browser;

import java.util.List;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.concierge.Authenticator;
import io.concierge.identity.Accounts;
import io.concierge.identity.Role;
import io.concierge.identity.SecondFactors;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.notifications.MailOutbox;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * A customer sets up an authenticator, signs in with it, with a recovery code and from a
 * trusted browser; staff cannot go without one.
 */
class SecondFactorJourneyTests extends BrowserTest {

	@Autowired
	Accounts accounts;

	@Autowired
	SecondFactors factors;

	@Autowired
	MailOutbox outbox;

	@Test
	void customerSetsUpAnAuthenticatorThenSignsInWithItAndWithARecoveryCode() {
		TestLogin customer = TestLogins.customer(this.accounts);
		LoginPage.open(this.page).signIn(customer.email(), customer.password());
		this.page.navigate("/account/security");
		Accessibility.check(this.page);
		click("Set up an authenticator app");
		// the first factor needs the password again
		this.page.getByLabel("Your password").fill(customer.password());
		click("Continue");
		click("Set up an authenticator app");
		assertThat(this.page.getByRole(AriaRole.IMG,
				new Page.GetByRoleOptions().setName("QR code to add Concierge to your authenticator app")))
			.isVisible();
		Accessibility.check(this.page);
		String secret = this.page.locator("#totp-secret").textContent().replace(" ", "");
		this.page.getByLabel("Code shown in the app").fill("000000");
		click("Turn on");
		assertThat(this.page.getByText("That code is not right.")).isVisible();
		this.page.getByLabel("Code shown in the app").fill(Authenticator.code(secret));
		click("Turn on");
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
			.hasText("Your recovery codes");
		Accessibility.check(this.page);
		List<String> codes = this.page.locator(".codes code").allTextContents();
		org.assertj.core.api.Assertions.assertThat(codes).hasSize(10).doesNotHaveDuplicates();
		org.assertj.core.api.Assertions
			.assertThat(new Mailbox(this.outbox).latest(customer.email(), "sign-in security").getBody())
			.contains("an authenticator app was set up");

		signOut();
		LoginPage.open(this.page).signInToSecondFactor(customer.email(), customer.password()).enterWrong("123456");
		SecondFactorPage.shown(this.page).enter(Authenticator.code(secret));

		signOut();
		LoginPage.open(this.page)
			.signInToSecondFactor(customer.email(), customer.password())
			.submit(codes.get(3), false);
		assertThat(this.page).hasURL(Pattern.compile(".*/account/security$"));
		assertThat(this.page.getByText("You have 9 unused recovery codes.")).isVisible();

		signOut();
		LoginPage.open(this.page)
			.signInToSecondFactor(customer.email(), customer.password())
			.submit(codes.get(3), false);
		assertThat(SecondFactorPage.shown(this.page).alert()).containsText("That code is not right.");
	}

	@Test
	void aTrustedBrowserSkipsTheCodeUntilTrustIsWithdrawn() {
		TestLogin agent = TestLogins.staff(this.accounts, this.factors, Role.AGENT);
		LoginPage.open(this.page)
			.signInToSecondFactor(agent.email(), agent.password())
			.enterAndTrustThisBrowser(Authenticator.code(agent.totpSecret()));
		signOut();
		LoginPage.open(this.page).signIn(agent.email(), agent.password());

		this.page.navigate("/account");
		this.page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Password"))
			.getByLabel("Current password")
			.fill(agent.password());
		this.page.getByLabel("New password").fill("a brand new agent passphrase");
		click("Change password");
		assertThat(this.page.getByText("This is a sensitive change")).isVisible();
		assertThat(this.page.getByLabel("Trust this browser for 30 days")).hasCount(0);
		SecondFactorPage.shown(this.page).submit(Authenticator.code(agent.totpSecret()), false);
		assertThat(this.page).hasURL(Pattern.compile(".*/account$"));
		this.page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Password"))
			.getByLabel("Current password")
			.fill(agent.password());
		this.page.getByLabel("New password").fill("a brand new agent passphrase");
		click("Change password");
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS)).containsText("password is changed");

		this.page.navigate("/account/security");
		assertThat(this.page.getByText("1 browser skips the code")).isVisible();
		click("Ask for the code everywhere again");
		signOut();
		LoginPage.open(this.page).signInToSecondFactor(agent.email(), "a brand new agent passphrase");
	}

	@Test
	void staffWithoutASecondFactorMustSetOneUpBeforeAnythingElse() {
		TestLogin operations = TestLogins.staffWithoutSecondFactor(this.accounts, Role.OPERATIONS);
		LoginPage.open(this.page);
		this.page.getByLabel("Email address").fill(operations.email());
		this.page.getByLabel("Password").fill(operations.password());
		click("Sign in");
		assertThat(this.page).hasURL(Pattern.compile(".*/account/security$"));
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("needs a second factor");
		assertThat(this.page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))).hasCount(0);
		Accessibility.check(this.page);
		this.page.navigate("/dashboard");
		assertThat(this.page).hasURL(Pattern.compile(".*/account/security$"));

		click("Set up an authenticator app");
		String secret = this.page.locator("#totp-secret").textContent().replace(" ", "");
		this.page.getByLabel("Code shown in the app").fill(Authenticator.code(secret));
		click("Turn on");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("I have saved them")).click();
		assertThat(
				this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Turn off the second factor")))
			.hasCount(0);
		this.page.navigate("/dashboard");
		DashboardPage.shown(this.page);
	}

	@Test
	void theDemoAdministratorSignsInWithTheAuthenticatorKeyFromTheBanner() {
		var admin = this.demo.of(Role.ADMINISTRATOR);
		org.assertj.core.api.Assertions.assertThat(admin.totpSecret()).isNotBlank();
		SecondFactorPage second = LoginPage.open(this.page)
			.signInToSecondFactor(admin.email().value(), admin.password());
		assertThat(this.page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))).hasCount(0);
		second.enter(Authenticator.code(admin.totpSecret()));
	}

	private void signOut() {
		click("Sign out");
		LoginPage.shown(this.page);
	}

	private void click(String button) {
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button).setExact(true)).click();
	}

}
