package io.concierge.privacy;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.IntegrationTest;
import io.concierge.documents.DocumentKind;
import io.concierge.documents.Documents;
import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.NewAccount;
import io.concierge.identity.Role;
import io.concierge.orders.Address;
import io.concierge.orders.Channel;
import io.concierge.orders.NewOrder;
import io.concierge.orders.NewOrder.NewLine;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.OrderSelfService;
import io.concierge.orders.Totals;
import io.concierge.shared.DataSubject;
import io.concierge.shared.EmailAddress;
import io.concierge.shared.Money;
import io.concierge.shared.PersonalData;
import io.concierge.shared.PersonalData.Blocker;
import io.concierge.shared.PersonalData.Erased;
import io.concierge.support.Ticket;
import io.concierge.support.TicketCategory;
import io.concierge.support.Tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every module's part of a person's data, together: a customer with an order, a ticket, a
 * document, a session, a dead letter and a webhook delivery is exported section by
 * section, held up by their open order, and once it is finished erased in one
 * transaction, after which no column of any table names them but the invoices'.
 */
@IntegrationTest
class PersonalDataTests {

	/** Tables the law keeps as they are: an invoice names its buyer for ten years. */
	private static final Set<String> KEPT = Set.of("invoice", "invoice_line", "flyway_schema_history");

	@Autowired
	List<PersonalData> modules;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Accounts accounts;

	@Autowired
	Callers callers;

	@Autowired
	OrderManagement orders;

	@Autowired
	OrderSelfService selfService;

	@Autowired
	Tickets tickets;

	@Autowired
	Documents documents;

	@Test
	void aPersonIsExportedByEveryModuleHeldUpByAnOpenOrderAndErasedWithoutATrace() throws Exception {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String email = "quillon-" + tag + "@example.com";
		String name = "Quillon Vantreska " + tag;
		AccountView account = this.accounts.open(new NewAccount(EmailAddress.of(email), name,
				"test passphrase " + UUID.randomUUID(), Role.CUSTOMER, null));
		Caller caller = this.callers.of((Principal) () -> email);
		String number = this.orders.place(order(account.id(), email, name, tag));
		Ticket ticket = this.tickets.open(caller, new Tickets.NewTicket("Where is my mug", "Kind regards, " + name,
				TicketCategory.OTHER, null, null, null, null,
				new Tickets.Attachment("receipt.txt", ("Receipt for " + name).getBytes(StandardCharsets.UTF_8))),
				"WEB");
		this.documents.keep(account.id(), email, "127.0.0.1", DocumentKind.GENERAL, "passport.txt",
				("Passport of " + name).getBytes(StandardCharsets.UTF_8));
		session(email);
		deadLetter(email, tag);
		webhookDelivery(email, tag);
		DataSubject subject = new DataSubject(account.id(), email, name, null);

		Map<String, Map<String, List<Map<String, Object>>>> export = new LinkedHashMap<>();
		List<String> files = new ArrayList<>();
		for (PersonalData module : this.modules) {
			export.put(module.section(), module.export(subject));
			module.files(subject, (path, content) -> files.add(path));
		}
		assertThat(export).containsKeys("privacy", "identity", "orders", "intake", "billing", "documents",
				"notifications", "support", "webhooks");
		assertThat(export.get("identity").get("account")).singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("email", email).containsEntry("display_name", name));
		assertThat(export.get("identity").get("sessions")).hasSize(1);
		assertThat(export.get("orders").get("orders")).singleElement()
			.satisfies((row) -> assertThat(row).containsEntry("number", number)
				.containsEntry("ship_name", name)
				.containsEntry("customer_email", email));
		assertThat(export.get("orders").get("lines")).isNotEmpty();
		assertThat(export.get("intake").get("submissions")).singleElement()
			.satisfies((row) -> assertThat((String) row.get("payload")).contains(email));
		assertThat(export.get("billing")).containsKeys("invoices", "payments");
		assertThat(export.get("documents").get("documents")).extracting((row) -> row.get("display_name"))
			.contains("passport.txt", "receipt.txt");
		assertThat(export.get("support").get("tickets")).extracting((row) -> row.get("number"))
			.containsExactly(ticket.number());
		assertThat(export.get("support").get("messages")).extracting((row) -> row.get("body"))
			.contains("Kind regards, " + name);
		assertThat(export.get("webhooks").get("deliveries")).hasSize(1);
		assertThat(files).contains("documents/passport.txt", "documents/receipt.txt");
		assertThat(this.modules.stream().flatMap((module) -> module.references(subject).stream())).contains(number,
				ticket.number());

		assertThat(blockers(subject)).containsExactly(new Blocker("privacy.blocker.openOrders", List.of(1, number)));
		this.selfService.cancel(caller, number, Map.of(1, 1), email, "127.0.0.1");
		this.jdbc.sql("update customer_order set status = 'CANCELLED' where number = ?").param(number).update();
		assertThat(blockers(subject)).isEmpty();

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc
				.sql("select count(*) from event_publication where completion_date is null"
						+ " and strpos(serialized_event, ?) > 0")
				.param(email)
				.query(Long.class)
				.single() == 0);
		assertThat(traces(name)).as("the scan sees the person before the erasure")
			.contains("account.display_name", "customer_order.ship_name", "ticket_message.body");
		assertThat(traces(email)).contains("account.email", "customer_order.customer_email", "ticket.email",
				"intake_submission.payload", "webhook_delivery.payload", "spring_session.principal_name");
		String pseudonym = Erasures.pseudonym(account.id());
		List<Erased> erased = this.transactions.execute((status) -> this.modules.stream()
			.flatMap((module) -> module.erase(subject, pseudonym).stream())
			.toList());

		assertThat(erased).extracting(Erased::dataClass)
			.contains("identity.credentials", "identity.sessions", "identity.invitations", "identity.account",
					"orders.addresses", "orders.return-photos", "orders.records", "orders.changes", "intake.payloads",
					"billing.invoices", "billing.payments", "documents.files", "documents.invoices",
					"notifications.messages", "notifications.mail", "support.tickets", "support.messages",
					"support.votes", "webhooks.payloads");
		assertThat(erased).filteredOn((done) -> done.dataClass().equals("documents.files"))
			.singleElement()
			.extracting(Erased::rows)
			.isEqualTo(2L);
		assertThat(traces(email)).as("columns still holding the address").isEmpty();
		assertThat(traces(name)).as("columns still holding the name").isEmpty();
		assertThat(this.jdbc.sql("select count(*) from customer_order where number = ?")
			.param(number)
			.query(Long.class)
			.single()).as("the order is kept").isOne();
		assertThat(this.jdbc.sql("select count(*) from ticket where number = ?")
			.param(ticket.number())
			.query(Long.class)
			.single()).as("the ticket is kept").isOne();
	}

	private List<Blocker> blockers(DataSubject subject) {
		return this.modules.stream().flatMap((module) -> module.blockers(subject).stream()).toList();
	}

	private static NewOrder order(UUID account, String email, String name, String tag) {
		Money price = Money.of("10.00", "EUR");
		Money zero = Money.of("0", "EUR");
		Address address = new Address(name, "7 Lantern Row " + tag, "BS1 4RN", "Bristol", null, "GB");
		return new NewOrder(Channel.WEB_SHOP, "personal-data-" + tag, null, account, null, Instant.now(),
				List.of(new NewLine("MUG-01", "Stoneware mug", 1, price, zero, zero)), address, address,
				new Totals(price, zero, zero, zero, price), "Ring twice and ask for " + name, EmailAddress.of(email));
	}

	private void session(String email) {
		String id = UUID.randomUUID().toString();
		long now = System.currentTimeMillis();
		this.jdbc.sql("""
				insert into spring_session (primary_id, session_id, creation_time, last_access_time,
				  max_inactive_interval, expiry_time, principal_name) values (?, ?, ?, ?, 1800, ?, ?)""")
			.params(id, UUID.randomUUID().toString(), now, now, now + 1_800_000, email)
			.update();
	}

	private void deadLetter(String email, String tag) {
		this.jdbc.sql("""
				insert into intake_submission (id, channel_key, format, external_reference, payload, received_at,
				  priority, order_total, currency, state, next_attempt_at, reason)
				values (?, 'personal-data-test', 'JSON', ?, ?, ?, 0, 10, 'EUR', 'DEAD', ?, 'kept failing')""")
			.params(UUID.randomUUID(), "dead-" + tag,
					("{\"email\":\"" + email + "\",\"sku\":\"MUG-01\"}").getBytes(StandardCharsets.UTF_8),
					Instant.now().atOffset(ZoneOffset.UTC), Instant.now().atOffset(ZoneOffset.UTC))
			.update();
	}

	private void webhookDelivery(String email, String tag) {
		UUID subscription = UUID.randomUUID();
		this.jdbc.sql("""
				insert into webhook_subscription (id, name, url, secret, contact_email, enabled, created_at, created_by)
				values (?, ?, 'https://erp.example.com/hooks', 'secret', 'ops@example.com', false, now(), 'test')""")
			.params(subscription, "personal-data-" + tag)
			.update();
		this.jdbc.sql("""
				insert into webhook_delivery (id, subscription_id, event_id, event_type, subject, payload, status,
				  next_attempt_at, created_at) values (?, ?, ?, 'order.placed', 'C-1', ?, 'DELIVERED', now(), now())""")
			.params(UUID.randomUUID(), subscription, UUID.randomUUID(), "{\"customer\":\"" + email + "\"}")
			.update();
	}

	/**
	 * Every column of every table but the kept ones that holds the text, as
	 * {@code table.column}.
	 */
	private List<String> traces(String text) {
		List<String[]> columns = this.jdbc.sql("""
				select table_name, column_name, data_type from information_schema.columns
				where table_schema = 'public'
				  and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')
				order by table_name, column_name""")
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) })
			.list();
		List<String> found = new ArrayList<>();
		for (String[] column : columns) {
			if (KEPT.contains(column[0])) {
				continue;
			}
			String condition = column[2].equals("bytea")
					? "position(convert_to(?, 'UTF8') in \"%s\") > 0".formatted(column[1])
					: "strpos(lower(\"%s\"::text), lower(?)) > 0".formatted(column[1]);
			long rows = this.jdbc.sql("select count(*) from \"%s\" where %s".formatted(column[0], condition))
				.param(text)
				.query(Long.class)
				.single();
			if (rows > 0) {
				found.add(column[0] + "." + column[1]);
			}
		}
		return found;
	}

}
