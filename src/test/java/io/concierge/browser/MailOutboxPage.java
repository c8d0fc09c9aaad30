package io.concierge.browser;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The outbox where every email the portal sent can be read.
 */
final class MailOutboxPage {

	private final Page page;

	private MailOutboxPage(Page page) {
		this.page = page;
		assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Mail outbox").setLevel(1)))
			.isVisible();
		Accessibility.check(page);
	}

	static MailOutboxPage shown(Page page) {
		return new MailOutboxPage(page);
	}

	Page sendTestMessage() {
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send me a test message")).click();
		assertThat(this.page.getByRole(AriaRole.HEADING,
				new Page.GetByRoleOptions().setName("Test message from Concierge").setLevel(1)))
			.isVisible();
		Accessibility.check(this.page);
		return this.page;
	}

}
