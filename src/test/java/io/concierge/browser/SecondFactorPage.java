package io.concierge.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The page that asks for the code after the password, or before a sensitive change.
 */
final class SecondFactorPage {

	private final Page page;

	private SecondFactorPage(Page page) {
		this.page = page;
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Confirm it is you")))
			.isVisible();
		Accessibility.check(page);
	}

	static SecondFactorPage shown(Page page) {
		return new SecondFactorPage(page);
	}

	DashboardPage enter(String code) {
		submit(code, false);
		return DashboardPage.shown(this.page);
	}

	DashboardPage enterAndTrustThisBrowser(String code) {
		submit(code, true);
		return DashboardPage.shown(this.page);
	}

	SecondFactorPage enterWrong(String code) {
		submit(code, false);
		return new SecondFactorPage(this.page);
	}

	void submit(String code, boolean trust) {
		this.page.getByLabel("Code", new Page.GetByLabelOptions().setExact(true)).fill(code);
		if (trust) {
			this.page.getByLabel("Trust this browser for 30 days").check();
		}
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
	}

	Locator alert() {
		return this.page.getByRole(AriaRole.ALERT);
	}

}
