package io.concierge.browser;

import java.util.regex.Pattern;

import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.concierge.identity.Accounts;
import io.concierge.identity.Role;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.notifications.MailOutbox;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Passkeys, with Chromium's virtual authenticator standing in for a phone or security key
 * (it verifies the user as a fingerprint would): add one, sign in with it alone, use it
 * as the second factor after the password, and remove it.
 */
class PasskeyJourneyTests extends BrowserTest {

	@Autowired
	Accounts accounts;

	@Autowired
	MailOutbox outbox;

	@Test
	void customerAddsAPasskeySignsInWithItAndRemovesIt() {
		addVirtualAuthenticator();
		TestLogin customer = TestLogins.customer(this.accounts);
		LoginPage.open(this.page).signIn(customer.email(), customer.password());
		this.page.navigate("/account/security");
		this.page.getByLabel("Name for the new passkey").fill("Work laptop");
		click("Add a passkey");
		// the first passkey needs the password again
		this.page.getByLabel("Your password").fill(customer.password());
		click("Continue");
		this.page.getByLabel("Name for the new passkey").fill("Work laptop");
		click("Add a passkey");
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS)).containsText("The passkey is added");
		assertThat(this.page.getByText("Work laptop", new Page.GetByTextOptions().setExact(true))).isVisible();
		Accessibility.check(this.page);
		org.assertj.core.api.Assertions
			.assertThat(new Mailbox(this.outbox).latest(customer.email(), "sign-in security").getBody())
			.contains("a passkey was added");

		signOut();
		LoginPage.open(this.page);
		Accessibility.check(this.page);
		click("Sign in with a passkey");
		DashboardPage.shown(this.page);

		signOut();
		LoginPage.open(this.page).signInToSecondFactor(customer.email(), customer.password());
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
			.hasText("Confirm it is you");
		assertThat(this.page.getByLabel("Code")).hasCount(0);
		Accessibility.check(this.page);
		click("Use a passkey");
		DashboardPage.shown(this.page);

		this.page.navigate("/account/security");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove the passkey Work laptop"))
			.click();
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS))
			.containsText("The passkey is removed");
		signOut();
		LoginPage.open(this.page);
		click("Sign in with a passkey");
		assertThat(this.page).hasURL(Pattern.compile(".*/login\\?passkey=passkey.failed$"));
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("The passkey did not work");
	}

	@Test
	void staffWhoMustHaveASecondFactorMaySetUpAPasskeyInstead() {
		addVirtualAuthenticator();
		TestLogin agent = TestLogins.staffWithoutSecondFactor(this.accounts, Role.AGENT);
		LoginPage.open(this.page);
		this.page.getByLabel("Email address").fill(agent.email());
		this.page.getByLabel("Password").fill(agent.password());
		click("Sign in");
		assertThat(this.page).hasURL(Pattern.compile(".*/account/security$"));
		this.page.getByLabel("Name for the new passkey").fill("Security key");
		click("Add a passkey");
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS)).containsText("The passkey is added");
		this.page.navigate("/dashboard");
		DashboardPage.shown(this.page);

		this.page.navigate("/account/security");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove the passkey Security key"))
			.click();
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("only second factor");
	}

	/**
	 * A platform authenticator with a fingerprint reader that always matches.
	 */
	private void addVirtualAuthenticator() {
		CDPSession devtools = this.page.context().newCDPSession(this.page);
		devtools.send("WebAuthn.enable");
		JsonObject options = new JsonObject();
		options.addProperty("protocol", "ctap2");
		options.addProperty("transport", "internal");
		options.addProperty("hasResidentKey", true);
		options.addProperty("hasUserVerification", true);
		options.addProperty("isUserVerified", true);
		options.addProperty("automaticPresenceSimulation", true);
		JsonObject parameters = new JsonObject();
		parameters.add("options", options);
		devtools.send("WebAuthn.addVirtualAuthenticator", parameters);
	}

	private void signOut() {
		click("Sign out");
		LoginPage.shown(this.page);
	}

	private void click(String button) {
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button).setExact(true)).click();
	}

}
