package io.concierge.browser;

import java.util.UUID;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.concierge.notifications.MailMessage;
import io.concierge.notifications.MailOutbox;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new customer opens an account, verifies it by email, signs in, forgets the password
 * and sets a new one, and looks after their profile.
 */
class AccountJourneyTests extends BrowserTest {

	@Autowired
	MailOutbox outbox;

	@Test
	void registersVerifiesByEmailAndSignsIn() {
		String email = "new-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		String password = "blue teapots sing at dawn";
		LoginPage.open(this.page);
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create an account")).click();
		register("Mia Schulz", email, "password");
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("correct the fields");
		assertThat(this.page.getByLabel("Password")).hasAttribute("aria-invalid", "true");
		assertThat(this.page.getByText("on a list of passwords known to attackers")).isVisible();
		Accessibility.check(this.page);

		register("Mia Schulz", email, password);
		assertThat(heading()).hasText("Check your inbox");
		Accessibility.check(this.page);

		LoginPage.open(this.page).signInFailing(email, password);
		assertThat(heading()).hasText("One more step");
		Accessibility.check(this.page);

		MailMessage verification = new Mailbox(this.outbox).latest(email, "Verify your email");
		this.page.navigate(Mailbox.link(verification));
		assertThat(heading()).hasText("Verify your email address");
		Accessibility.check(this.page);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify my email address")).click();
		assertThat(heading()).hasText("Your email address is verified");

		this.page.navigate(Mailbox.link(verification));
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify my email address")).click();
		assertThat(heading()).hasText("This link no longer works");

		DashboardPage dashboard = LoginPage.open(this.page).signIn(email, password);
		assertThat(dashboard.heading()).hasText("Hello, Mia Schulz");
	}

	@Test
	void registeringAgainWithAnExistingAddressLooksTheSameAndWarnsTheOwner() {
		String existing = this.demo.all().getFirst().email().value();
		this.page.navigate("/register");
		register("Someone Else", existing, "an entirely new passphrase");
		assertThat(heading()).hasText("Check your inbox");
		MailMessage warning = new Mailbox(this.outbox).latest(existing, "tried to open");
		assertThat(warning.getBody()).contains("You already have one");
	}

	@Test
	void resetsAForgottenPasswordByEmailLink() {
		String email = "reset-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		String password = "first passphrase of mine";
		this.page.navigate("/register");
		register("Lena Roth", email, password);
		Mailbox mailbox = new Mailbox(this.outbox);
		this.page.navigate(Mailbox.link(mailbox.latest(email, "Verify your email")));
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify my email address")).click();

		LoginPage.open(this.page);
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Forgot your password?")).click();
		Accessibility.check(this.page);
		this.page.getByLabel("Email address").fill(email);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send me a link")).click();
		assertThat(heading()).hasText("Check your inbox");

		this.page.navigate("/password/forgot");
		this.page.getByLabel("Email address").fill("nobody-" + email);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send me a link")).click();
		assertThat(heading()).hasText("Check your inbox");

		this.page.navigate(Mailbox.link(mailbox.latest(email, "new password")));
		Accessibility.check(this.page);
		this.page.getByLabel("New password").fill(email);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save my new password")).click();
		assertThat(this.page.getByText("must not be your email address")).isVisible();
		Accessibility.check(this.page);
		this.page.getByLabel("New password").fill("second passphrase of mine");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save my new password")).click();
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS))
			.hasText("Your new password is set. Sign in with it.");

		LoginPage.shown(this.page).signInFailing(email, password);
		LoginPage.open(this.page).signIn(email, "second passphrase of mine");
		assertThat(mailbox.latest(email, "password was changed").getBody()).contains("Lena Roth");
	}

	@Test
	void changesProfileLanguageAndPassword() {
		String email = "profile-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		this.page.navigate("/register");
		register("Noah Berg", email, "a passphrase for noah");
		this.page.navigate(Mailbox.link(new Mailbox(this.outbox).latest(email, "Verify your email")));
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify my email address")).click();
		LoginPage.open(this.page).signIn(email, "a passphrase for noah");

		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Your account")).click();
		Accessibility.check(this.page);
		this.page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Password"))
			.getByLabel("Current password")
			.fill("not my password");
		this.page.getByLabel("New password").fill("another passphrase for noah");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
		assertThat(this.page.getByText("This is not your current password.")).isVisible();
		Accessibility.check(this.page);

		this.page.getByLabel("Phone (optional)").fill("+49 30 1234567");
		this.page.getByLabel("Preferred language").selectOption("de");
		this.page.getByLabel("Time zone").selectOption("Europe/Vienna");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save profile")).click();
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS))
			.hasText("Ihr Profil ist gespeichert.");
		assertThat(this.page.getByLabel("Zeitzone")).hasValue("Europe/Vienna");
		assertThat(this.page.getByLabel("Telefon (freiwillig)")).hasValue("+49 30 1234567");
		Accessibility.check(this.page);
	}

	@Test
	void signsOutASessionOnAnotherDevice(@Autowired io.concierge.identity.Accounts accounts) {
		String email = "sessions-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		accounts.open(new io.concierge.identity.NewAccount(io.concierge.shared.EmailAddress.of(email), "Ada Lang",
				"ada passphrase for sessions", io.concierge.identity.Role.CUSTOMER, null));
		Page phone = newBrowserWindow();
		LoginPage.open(phone).signIn(email, "ada passphrase for sessions");
		LoginPage.open(this.page).signIn(email, "ada passphrase for sessions");
		assertThat(new Mailbox(this.outbox).latest(email, "New sign-in").getBody()).contains("Chrome on Linux");

		this.page.navigate("/account/sessions");
		Accessibility.check(this.page);
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.LISTITEM)).hasCount(2);
		assertThat(this.page.getByText("This browser")).isVisible();
		Locator phoneSession = this.page.getByRole(AriaRole.MAIN)
			.getByRole(AriaRole.LISTITEM)
			.filter(new Locator.FilterOptions().setHasNotText("This browser"));
		assertThat(phoneSession.getByRole(AriaRole.HEADING)).hasText("Chrome on Linux");
		phoneSession
			.getByRole(AriaRole.BUTTON,
					new Locator.GetByRoleOptions()
						.setName(java.util.regex.Pattern.compile("^Sign out Chrome on Linux")))
			.click();
		// the password first, then back to the list to sign it out
		assertThat(heading()).hasText("Confirm it is you");
		Accessibility.check(this.page);
		this.page.getByLabel("Your password").fill("not my password");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("That password is not right");
		this.page.getByLabel("Your password").fill("ada passphrase for sessions");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
		phoneSession
			.getByRole(AriaRole.BUTTON,
					new Locator.GetByRoleOptions()
						.setName(java.util.regex.Pattern.compile("^Sign out Chrome on Linux")))
			.click();
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS))
			.hasText("That session is signed out.");
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.LISTITEM)).hasCount(1);

		phone.navigate("/dashboard");
		LoginPage.shown(phone);
	}

	@Test
	void movesTheAccountToANewEmailAddressConfirmedFromThere(@Autowired io.concierge.identity.Accounts accounts) {
		io.concierge.identity.TestLogins.TestLogin login = io.concierge.identity.TestLogins.customer(accounts);
		String newEmail = "moved-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		LoginPage.open(this.page).signIn(login.email(), login.password());
		this.page.navigate("/account");
		this.page.getByLabel("New email address").fill(newEmail);
		this.page.locator("#emailPassword").fill("not my password");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change email address")).click();
		assertThat(heading()).hasText("That is not your current password");

		this.page.navigate("/account");
		this.page.getByLabel("New email address").fill(newEmail);
		this.page.locator("#emailPassword").fill(login.password());
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change email address")).click();
		assertThat(heading()).hasText("Check the new inbox");
		Mailbox mailbox = new Mailbox(this.outbox);
		assertThat(mailbox.latest(login.email(), "was requested").getBody()).contains(newEmail);

		this.page.navigate(Mailbox.link(mailbox.latest(newEmail, "Confirm your new email")));
		Accessibility.check(this.page);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Use this address")).click();
		assertThat(heading()).hasText("Your email address is changed");
		assertThat(mailbox.latest(login.email(), "was changed").getBody()).contains(newEmail);

		LoginPage.open(this.page).signInFailing(login.email(), login.password());
		LoginPage.open(this.page).signIn(newEmail, login.password());
	}

	private void register(String name, String email, String password) {
		this.page.getByLabel("Your name").fill(name);
		this.page.getByLabel("Email address").fill(email);
		this.page.getByLabel("Password").fill(password);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
	}

	private com.microsoft.playwright.Locator heading() {
		return this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
	}

}
