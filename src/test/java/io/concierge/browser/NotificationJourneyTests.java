package io.concierge.browser;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.concierge.identity.Accounts;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.notifications.Inbox;
import io.concierge.notifications.MailOutbox;
import io.concierge.orders.ChangeApprovals;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.OrderSelfService;
import io.concierge.orders.Orders;
import io.concierge.shared.EmailAddress;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A customer hears live, under the bell, when an agent turns down their request; opens
 * the bell and reads it; then says they want no mail about such things, and gets none
 * while the portal still tells them.
 */
class NotificationJourneyTests extends BrowserTest {

	@Autowired
	Accounts accounts;

	@Autowired
	Callers callers;

	@Autowired
	OrderManagement orders;

	@Autowired
	OrderSelfService self;

	@Autowired
	ChangeApprovals approvals;

	@Autowired
	Inbox inbox;

	@Autowired
	MailOutbox outbox;

	@Test
	void anAgentsDecisionRingsTheBellLiveAndTheCustomersChoiceIsRespected() {
		TestLogin customer = TestLogins.customer(this.accounts);
		Caller caller = this.callers.of((Principal) customer::email);
		String first = lateOrder(caller);
		String second = lateOrder(caller);
		LoginPage.open(this.page).signIn(customer.email(), customer.password());
		// a page that does not follow an order live, so the bell's news is the only news
		// read out
		this.page.navigate("/account");
		Locator bell = this.page.locator("summary").filter(new Locator.FilterOptions().setHasText("Notifications"));
		assertThat(bell).containsText("0 unread");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "true".equals(this.page.locator("#bell").getAttribute("data-listening")));
		Accessibility.check(this.page);

		reject(caller, customer, first, "The teapot was engraved for you.");

		assertThat(bell).containsText("1 unread",
				new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
		assertThat(this.page.locator("#announcer")).hasText("You have a new notification.");
		bell.click();
		Locator panel = this.page.locator("#bell-panel");
		assertThat(panel.getByRole(AriaRole.LINK,
				new Locator.GetByRoleOptions().setName("About your request for order " + first)))
			.isVisible();
		assertThat(bell).containsText("0 unread");
		Accessibility.check(this.page);

		panel.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Settings")).click();
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Notification settings")))
			.isVisible();
		Accessibility.check(this.page);
		this.page.getByLabel("Requests we could not approve by email").uncheck();
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save settings")).click();
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS))
			.hasText("Your notification settings are saved.");
		assertThat(this.page.getByLabel("Requests we could not approve by email")).not().isChecked();

		reject(caller, customer, second, "This one left the warehouse already.");

		await().atMost(Duration.ofSeconds(10)).until(() -> this.inbox.unread(caller.account()) == 1);
		assertThat(this.outbox.sentTo(EmailAddress.of(customer.email())))
			.anyMatch((mail) -> mail.getSubject().contains(first))
			.noneMatch((mail) -> mail.getSubject().contains(second));
		this.page.navigate("/notifications");
		assertThat(this.page.getByRole(AriaRole.LINK,
				new Page.GetByRoleOptions().setName("About your request for order " + second)))
			.isVisible();
		Accessibility.check(this.page);
	}

	/**
	 * An order placed three days ago: cancelling part of it needs an agent's approval.
	 */
	private String lateOrder(Caller caller) {
		return this.orders.place(Orders.aTwoLineOrder(caller.account(), Instant.now().minus(Duration.ofDays(3))));
	}

	private void reject(Caller caller, TestLogin customer, String number, String reason) {
		var requested = this.self.cancel(caller, number, Map.of(2, 1), customer.email(), "test");
		this.approvals.reject(requested.id(), "agent@concierge.example", reason, "test");
	}

}
