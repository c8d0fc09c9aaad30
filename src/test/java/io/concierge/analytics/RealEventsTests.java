package io.concierge.analytics;

import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;
import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.identity.NewAccount;
import io.concierge.identity.Role;
import io.concierge.privacy.Consents;
import io.concierge.shared.EmailAddress;
import io.concierge.support.Tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The figures that the simulated population alone used to feed, now from what customers
 * really do: a customer searches the help centre (once in vain), reads an article, asks
 * the assistant, writes a ticket with a draft, has it solved and rates it; each arrives
 * in the daily sums. And the analytics consent: a customer's usage is theirs in the raw
 * events only if they agreed.
 */
@IntegrationTest
class RealEventsTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	Accounts accounts;

	@Autowired
	Consents consents;

	@Autowired
	Tickets tickets;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	@Test
	void whatACustomerDoesInSupportArrivesInTheSums() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String email = customer(tag, true).email().value();
		String nothing = "zyxquor " + tag;
		long articles = today("articles", "refunds");
		long tickets = today("tickets", "");
		long ratings = today("csat", "5");
		long selfService = today("needs", "self");

		assertThat(this.mvc.get().uri("/help?q={q}", "Return Label").with(user(email).roles("CUSTOMER"))).hasStatusOk();
		assertThat(this.mvc.get().uri("/help?q={q}", nothing.toUpperCase()).with(user(email).roles("CUSTOMER")))
			.hasStatusOk();
		UUID draft = UUID.randomUUID();
		assertThat(this.mvc.post()
			.uri("/tickets/suggestions")
			.param("subject", "refund for my order")
			.param("draft", draft.toString())
			.with(user(email).roles("CUSTOMER"))
			.with(csrf())).hasStatusOk();
		assertThat(this.mvc.get().uri("/help/refunds?draft={draft}", draft).with(user(email).roles("CUSTOMER")))
			.hasStatusOk();
		assertThat(this.mvc.post()
			.uri("/assistant")
			.param("question", "where is my order")
			.with(user(email).roles("CUSTOMER"))
			.with(csrf())).hasStatusOk();
		assertThat(this.mvc.post()
			.uri("/tickets")
			.param("subject", "Refund " + tag)
			.param("body", "The refund has not arrived.")
			.param("category", "OTHER")
			.param("draft", draft.toString())
			.with(user(email).roles("CUSTOMER"))
			.with(csrf())).hasStatus3xxRedirection();
		String number = this.jdbc.sql("select number from ticket where subject = ?")
			.param("Refund " + tag)
			.query(String.class)
			.single();
		// counted as opened before it is solved: the solution does not count it again
		await().atMost(WAIT).until(() -> events("TICKET_OPENED", number) == 1);
		this.tickets.solve(this.accounts.withRole(Role.AGENT).getFirst().id(), number);
		assertThat(this.mvc.post()
			.uri("/tickets/{number}/rating", number)
			.param("score", "5")
			.param("comment", "Quick")
			.with(user(email).roles("CUSTOMER"))
			.with(csrf())).hasStatus3xxRedirection();

		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(today("searches", "return label")).isPositive();
			assertThat(today("zero_searches", nothing)).as("the search that found nothing").isOne();
			assertThat(today("searches", nothing)).isOne();
			assertThat(today("articles", "refunds")).isGreaterThan(articles);
			assertThat(today("needs", "self")).as("the assistant answered itself").isGreaterThan(selfService);
			assertThat(today("tickets", "")).isGreaterThan(tickets);
			assertThat(today("csat", "5")).isGreaterThan(ratings);
		});
		assertThat(events("TICKET_OPENED", number)).as("once, though solved").isOne();
		assertThat(events("DRAFT_STARTED", draft.toString())).isOne();
		assertThat(events("DRAFT_HELPED", draft.toString())).as("the article opened from the draft").isOne();
		assertThat(events("DRAFT_TICKET", draft.toString())).as("the ticket written in it: not deflected").isOne();
		assertThat(this.jdbc
			.sql("select count(*) from analytics_event where kind = 'CSAT' and subject = ? "
					+ "and value = 5 and detail is null")
			.param(number)
			.query(Long.class)
			.single()).as("the score, not the comment").isOne();
	}

	@Test
	void aCustomersUsageIsTheirsOnlyWithTheirConsent() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		AccountView agreed = customer(tag + "a", true);
		AccountView declined = customer(tag + "b", false);
		this.consents.decide(declined.id(), Consents.Purpose.ANALYTICS, 1, false, declined.email().value(),
				"127.0.0.1");
		for (AccountView customer : new AccountView[] { agreed, declined }) {
			assertThat(this.mvc.get()
				.uri("/help?q={q}", "refund " + customer.id())
				.with(user(customer.email().value()).roles("CUSTOMER"))).hasStatusOk();
		}
		await().atMost(WAIT)
			.until(() -> events("SEARCH", "refund " + agreed.id()) == 1
					&& events("SEARCH", "refund " + declined.id()) == 1);
		assertThat(searcher("refund " + agreed.id())).isEqualTo(agreed.id().toString());
		assertThat(searcher("refund " + declined.id())).as("counted, but not as theirs").isEqualTo("none");
		assertThat(this.jdbc.sql("select count(*) from analytics_event where account = ?")
			.param(declined.id())
			.query(Long.class)
			.single()).isZero();
	}

	private AccountView customer(String tag, boolean consenting) {
		String email = "orlaith-" + tag + "@example.com";
		AccountView account = this.accounts.open(new NewAccount(EmailAddress.of(email), "Orlaith " + tag,
				"test passphrase " + UUID.randomUUID(), Role.CUSTOMER, null));
		if (consenting) {
			this.consents.decide(account.id(), Consents.Purpose.ANALYTICS, 1, true, email, "127.0.0.1");
		}
		return account;
	}

	private String searcher(String query) {
		return this.jdbc
			.sql("select coalesce(account::text, 'none') from analytics_event where kind = 'SEARCH' "
					+ "and subject = ?")
			.param(query)
			.query(String.class)
			.single();
	}

	private long events(String kind, String subject) {
		return this.jdbc.sql("select count(*) from analytics_event where kind = ? and subject = ?")
			.params(kind, subject)
			.query(Long.class)
			.single();
	}

	private long today(String metric, String dimension) {
		return this.jdbc
			.sql("select coalesce(sum(count), 0) from analytics_daily where metric = ? and dimension = ? and day = ?")
			.params(metric, dimension, Date.valueOf(LocalDate.now(ZoneOffset.UTC)))
			.query(Long.class)
			.single();
	}

}
