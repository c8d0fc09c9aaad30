package io.concierge.browser;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.concierge.identity.Accounts;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.Role;
import io.concierge.identity.SecondFactors;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.notifications.MailMessage;
import io.concierge.notifications.MailOutbox;
import io.concierge.orders.FulfilmentUpdate;
import io.concierge.orders.LineStatus;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.Orders;
import io.concierge.support.MailIntake;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Support as its users meet it: a customer finds the answer while typing a request and
 * leaves without sending it; asks the assistant where an order is; opens a request from a
 * parcel, which an agent answers from the console (warned that a colleague has it open
 * too), answers by email, and rates once it is solved.
 */
class SupportJourneyTests extends BrowserTest {

	@Autowired
	Accounts accounts;

	@Autowired
	Callers callers;

	@Autowired
	OrderManagement orders;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aCustomerFindsTheAnswerWhileTypingAndSendsNoRequest() {
		TestLogin customer = TestLogins.customer(this.accounts);
		String order = shipped(customer, "JD" + UUID.randomUUID());
		LoginPage.open(this.page).signIn(customer.email(), customer.password());

		this.page.navigate("/tickets/new?kind=ORDER&about=" + order);
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("New help request")))
			.isVisible();
		this.page.getByLabel("What is it about?")
			.pressSequentially("where is my parcel",
					new com.microsoft.playwright.Locator.PressSequentiallyOptions().setDelay(20));
		assertThat(this.page.locator("#suggestions")).containsText("on its way with DHL");
		Accessibility.check(this.page);
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Where is my order?")).click();
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Where is my order?")))
			.isVisible();
		Accessibility.check(this.page);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes")).click();
		assertThat(this.page.getByRole(AriaRole.STATUS)
			.filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("Thank you"))).isVisible();

		this.page.navigate("/help?lang=de&q=Retoure");
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Hilfe-Center")))
			.isVisible();
		assertThat(
				this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Einen Artikel zurückschicken")))
			.isVisible();
		Accessibility.check(this.page);
		this.page.navigate("/help?lang=en");

		UUID account = this.callers.of((Principal) customer::email).account();
		assertThat(this.jdbc.sql("select count(*) from support_event where account = ? and kind = 'ARTICLE_VIEWED'")
			.param(account)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from ticket where account = ?")
			.param(account)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aCustomerAsksTheAssistantWhereTheirOrderIs() {
		TestLogin customer = TestLogins.customer(this.accounts);
		String order = shipped(customer, "JD" + UUID.randomUUID());
		LoginPage.open(this.page).signIn(customer.email(), customer.password());

		this.page.getByText("Ask the assistant").click();
		this.page.getByLabel("Your question").fill("where is my order " + order.substring(2));
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ask")).click();

		assertThat(this.page.locator(".assistant-answer").last()).containsText("on its way with DHL");
		assertThat(this.page.locator(".assistant-answer")
			.last()
			.getByRole(AriaRole.LINK,
					new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Open order " + order)))
			.isVisible();
		assertThat(this.page.getByLabel("Your question")).isEmpty();
		Accessibility.check(this.page);
	}

	@Test
	void aRequestFromAParcelIsAnsweredInTheConsoleRepliedToByEmailSolvedAndRated(@Autowired SecondFactors factors,
			@Autowired MailOutbox outbox, @Autowired MailIntake intake) throws Exception {
		TestLogin customer = TestLogins.customer(this.accounts);
		String tracking = "JD" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		String order = shipped(customer, tracking);
		LoginPage.open(this.page).signIn(customer.email(), customer.password());
		this.page.navigate("/tickets/new?kind=PARCEL&about=" + order + "&ref=" + tracking);
		assertThat(this.page.getByText("About parcel " + tracking + " of order " + order)).isVisible();
		this.page.getByLabel("What is it about?").fill("The box arrived dented");
		this.page.getByLabel("Category").selectOption("DELIVERY");
		this.page.getByLabel("Your message").fill("The mug inside is <b>chipped</b>.");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send request")).click();
		assertThat(this.page.getByRole(AriaRole.STATUS).first()).containsText("is with our team");
		String number = this.page.locator("h1 .hint").textContent();
		assertThat(this.page.locator(".message-body").first()).hasText("The mug inside is <b>chipped</b>.");
		Accessibility.check(this.page);

		TestLogin sam = TestLogins.staff(this.accounts, factors, Role.AGENT);
		TestLogin kim = TestLogins.staff(this.accounts, factors, Role.AGENT);
		Page agent = newBrowserWindow();
		LoginPage.open(agent).signIn(sam.email(), sam.password(), sam.totpSecret());
		agent.navigate("/support?text=" + number);
		Accessibility.check(agent);
		agent.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(number)).click();
		assertThat(agent.getByText("About parcel " + tracking + " of order " + order)).isVisible();
		assertThat(
				agent.getByRole(AriaRole.COMPLEMENTARY, new Page.GetByRoleOptions().setName("The customer's orders")))
			.containsText(order);
		Page colleague = newBrowserWindow();
		LoginPage.open(colleague).signIn(kim.email(), kim.password(), kim.totpSecret());
		colleague.navigate("/support/tickets/" + number);
		assertThat(agent.locator("#viewers")).containsText("Also looking at this ticket now: Test agent");
		Accessibility.check(agent);
		colleague.close();

		agent.getByLabel("Canned reply")
			.selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Parcel on its way"));
		agent.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Use")).click();
		assertThat(agent.getByLabel("Answer to the customer")).containsText("your order " + order);
		agent.getByLabel("Answer to the customer").fill("Sorry about that. Could you send a photo of the mug?");
		agent.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send and wait for the customer")).click();
		assertThat(agent.getByRole(AriaRole.STATUS).first()).containsText("The answer was sent");

		MailMessage answer = new Mailbox(outbox).latest(customer.email(), number);
		assertThat(answer.getBody()).contains("Could you send a photo of the mug?");
		MimeMessage reply = new MimeMessage(Session.getInstance(new Properties()));
		reply.setFrom(new InternetAddress(customer.email()));
		reply.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(answer.getReplyTo()));
		reply.setSubject("Re: " + answer.getSubject());
		reply.setText("Here it is: the handle is off.\n\n-- \nMia\n\n> Could you send a photo of the mug?\n", "UTF-8");
		assertThat(intake.receive(reply)).isEqualTo(MailIntake.Outcome.ADDED);

		agent.reload();
		assertThat(agent.locator(".message-body").last()).hasText("Here it is: the handle is off.");
		agent.getByLabel("Answer to the customer").fill("A new mug is on its way to you.");
		agent.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send and mark solved")).click();
		assertThat(agent.getByRole(AriaRole.STATUS).first()).containsText("solved");

		this.page.navigate("/tickets/" + number);
		assertThat(this.page.getByText("Solved", new Page.GetByTextOptions().setExact(true))).isVisible();
		Accessibility.check(this.page);
		this.page.getByLabel("Very satisfied").check();
		this.page.getByLabel("Anything to add? (optional)").fill("Quick and kind");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send rating")).click();
		assertThat(this.page.getByText("Thank you for your rating.")).isVisible();
		assertThat(this.page.getByText("You rated this request 5 out of 5.")).isVisible();
		assertThat(List.of(new Mailbox(outbox).latest(customer.email(), "is solved").getSubject()))
			.anyMatch((subject) -> subject.contains(number));
	}

	private String shipped(TestLogin customer, String tracking) {
		Caller caller = this.callers.of((Principal) customer::email);
		String number = this.orders.place(Orders.aTwoLineOrder(caller.account(), Instant.now()));
		this.orders.apply(new FulfilmentUpdate(number, LineStatus.SHIPPED, Instant.now(),
				List.of(new FulfilmentUpdate.LineRef("MUG-01", null)), "DHL", null, tracking, null, null));
		return number;
	}

}
