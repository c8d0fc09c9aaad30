package io.concierge.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The administrators' view of the audit trail.
 */
final class AuditTrailPage {

	private final Page page;

	private AuditTrailPage(Page page) {
		this.page = page;
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Audit trail").setLevel(1)))
			.isVisible();
		Accessibility.check(page);
	}

	static AuditTrailPage shown(Page page) {
		return new AuditTrailPage(page);
	}

	Locator rows() {
		return this.page.getByRole(AriaRole.TABLE).getByRole(AriaRole.ROW);
	}

	AuditTrailPage find(String text) {
		this.page.getByLabel("Find by person, action or subject").fill(text);
		return this;
	}

	Locator resultCount() {
		return this.page.locator("#results .result-count");
	}

	Locator announcement() {
		return this.page.locator("#announcer");
	}

	Locator checkIntegrity() {
		Locator button = this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check integrity"));
		button.click();
		Locator outcome = this.page.locator("#integrity .notice");
		assertThat(outcome).isVisible();
		assertThat(button).isFocused();
		Accessibility.check(this.page);
		return outcome;
	}

}
