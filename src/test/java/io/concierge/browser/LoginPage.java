package io.concierge.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The sign-in page, found the way assistive technology finds it.
 */
final class LoginPage {

	private final Page page;

	private LoginPage(Page page) {
		this.page = page;
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).isVisible();
		Accessibility.check(page);
	}

	static LoginPage open(Page page) {
		page.navigate("/login");
		return new LoginPage(page);
	}

	static LoginPage shown(Page page) {
		return new LoginPage(page);
	}

	DashboardPage signIn(String email, String password) {
		submit(email, password);
		return DashboardPage.shown(this.page);
	}

	/**
	 * Password, then the code from the authenticator with this key.
	 */
	DashboardPage signIn(String email, String password, String totpSecret) {
		return signInToSecondFactor(email, password).enter(io.concierge.Authenticator.code(totpSecret));
	}

	SecondFactorPage signInToSecondFactor(String email, String password) {
		submit(email, password);
		return SecondFactorPage.shown(this.page);
	}

	LoginPage signInFailing(String email, String password) {
		submit(email, password);
		return new LoginPage(this.page);
	}

	Locator alert() {
		return this.page.getByRole(AriaRole.ALERT);
	}

	Locator status() {
		return this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS);
	}

	private void submit(String email, String password) {
		this.page.getByLabel("Email address").fill(email);
		this.page.getByLabel("Password").fill(password);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
	}

}
