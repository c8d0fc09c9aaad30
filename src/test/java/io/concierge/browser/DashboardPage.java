package io.concierge.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The personal home page.
 */
final class DashboardPage {

	private final Page page;

	private DashboardPage(Page page) {
		this.page = page;
		assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/dashboard.*"));
		Accessibility.check(page);
	}

	static DashboardPage shown(Page page) {
		return new DashboardPage(page);
	}

	Locator heading() {
		return this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
	}

	Locator account() {
		return this.page.getByRole(AriaRole.REGION,
				new Page.GetByRoleOptions().setName(java.util.regex.Pattern.compile("Your account|Ihr Konto")));
	}

	DashboardPage switchLanguage(String language) {
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(language).setExact(true)).click();
		return new DashboardPage(this.page);
	}

	LoginPage signOut(String buttonName) {
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(buttonName)).click();
		return LoginPage.shown(this.page);
	}

	AuditTrailPage openAuditTrail() {
		this.page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Audit trail"))
			.click();
		return AuditTrailPage.shown(this.page);
	}

	MailOutboxPage openMailOutbox() {
		this.page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Mail outbox"))
			.click();
		return MailOutboxPage.shown(this.page);
	}

}
