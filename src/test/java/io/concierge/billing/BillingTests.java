package io.concierge.billing;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.IntegrationTest;
import io.concierge.billing.Invoice.Kind;
import io.concierge.identity.Accounts;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.orders.ChangeEvents.LineUnits;
import io.concierge.orders.ChangeEvents.RefundDue;
import io.concierge.orders.FulfilmentUpdate;
import io.concierge.orders.LineStatus;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.Orders;
import io.concierge.shared.GeneratedSecrets;
import io.concierge.shared.NotFound;
import io.concierge.shared.Signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Billing on the real database: invoices per shipment from the channel's amounts, credit
 * notes for refunds of what was invoiced, gapless numbers under concurrency, documents
 * that cannot be changed, and payments settled once by signed webhooks only.
 */
@IntegrationTest
class BillingTests {

	@Autowired
	OrderManagement orders;

	@Autowired
	Invoices invoices;

	@Autowired
	Billing billing;

	@Autowired
	Payments payments;

	@Autowired
	SandboxProvider sandbox;

	@Autowired
	Accounts accounts;

	@Autowired
	Callers callers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	@Test
	void anInvoicePerShipmentFromTheChannelsAmountsAddingUpToTheOrder() {
		Caller customer = customer();
		String number = shippedInTwoParcels(customer);

		List<Invoice> issued = this.invoices.ofOrder(number);
		assertThat(issued).hasSize(2).allSatisfy((invoice) -> assertThat(invoice.kind()).isEqualTo(Kind.INVOICE));
		Invoice mugs = issued.get(0);
		assertThat(mugs.lines()).extracting(Invoice.Line::sku).containsExactly("MUG-01", "SHIPPING");
		assertThat(mugs.lines().get(0).net()).isEqualByComparingTo("20.83");
		assertThat(mugs.lines().get(0).tax()).isEqualByComparingTo("4.17");
		assertThat(mugs.lines().get(0).taxRate()).isEqualByComparingTo("20");
		assertThat(mugs.total()).isEqualByComparingTo("29.95");
		assertThat(issued.get(1).total()).isEqualByComparingTo("40.00");
		assertThat(mugs.total().add(issued.get(1).total())).isEqualByComparingTo("69.95");
		assertThat(this.billing.list(customer, new Billing.Filter(null, null, null, number, null, null, 0)).items())
			.extracting(Billing.Summary::status)
			.containsOnly(Billing.Status.OPEN);
		assertThat(this.billing.list(customer(), new Billing.Filter(null, null, null, number, null, null, 0)).items())
			.as("another customer sees none of them")
			.isEmpty();
	}

	@Test
	void aCreditNoteForARefundOfInvoicedUnitsNoneForUnitsNeverInvoiced(@Autowired TransactionTemplate transactions,
			@Autowired ApplicationEventPublisher events) {
		Caller customer = customer();
		String number = this.orders.place(Orders.aTwoLineOrder(customer.account(), Instant.now()));
		ship(number, "MUG-01");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.invoices.ofOrder(number).size() == 1);

		transactions.executeWithoutResult((status) -> {
			events.publishEvent(refund(number, List.of(new LineUnits(2, "POT-07", 1, null)), "33.00"));
			events.publishEvent(refund(number, List.of(new LineUnits(1, "MUG-01", 1, null)), "12.50"));
		});

		await().atMost(Duration.ofSeconds(10)).until(() -> this.invoices.ofOrder(number).size() == 2);
		Invoice note = this.invoices.ofOrder(number).get(1);
		assertThat(note.kind()).isEqualTo(Kind.CREDIT_NOTE);
		assertThat(note.corrects()).isEqualTo(this.invoices.ofOrder(number).get(0).number());
		assertThat(note.total()).isEqualByComparingTo("12.50");
		assertThat(note.lines()).singleElement().satisfies((line) -> {
			assertThat(line.net()).isEqualByComparingTo("10.42");
			assertThat(line.tax()).isEqualByComparingTo("2.08");
		});
		Billing.Summary invoice = this.billing.summary(customer, note.corrects()).orElseThrow();
		assertThat(invoice.open()).isEqualByComparingTo("17.45");
	}

	@Test
	void aThousandInvoicesFromTenThreadsHaveAThousandConsecutiveNumbers() throws Exception {
		Caller customer = customer();
		String number = this.orders.place(Orders.aTwoLineOrder(customer.account(), Instant.now()));
		Invoice template = InvoiceDocumentsTests.invoice(Kind.INVOICE, "Load Test", "DE", null, null,
				List.of(InvoiceDocumentsTests.line(1, "Mug", 1, "10.00", "1.90", Invoice.TaxCategory.S, "19")));
		List<String> numbers = Collections.synchronizedList(new ArrayList<>());
		ExecutorService threads = Executors.newFixedThreadPool(10);
		List<Future<?>> done = new ArrayList<>();
		for (int thread = 0; thread < 10; thread++) {
			done.add(threads.submit(() -> {
				for (int i = 0; i < 100; i++) {
					Invoice draft = new Invoice(UUID.randomUUID(), Kind.INVOICE, "", number,
							"load:" + UUID.randomUUID(), null, customer.account(), null, "WEB_SHOP", Instant.now(),
							null, template.dueOn(), "EUR", template.buyer(), number, null, template.lines());
					numbers.add(this.invoices.issue(draft).number());
				}
			}));
		}
		for (Future<?> each : done) {
			each.get();
		}
		threads.shutdown();

		List<Long> sequences = numbers.stream().map((issued) -> Long.parseLong(issued.substring(9))).sorted().toList();
		assertThat(sequences).hasSize(1000).doesNotHaveDuplicates();
		assertThat(sequences.get(999) - sequences.get(0)).isEqualTo(999);
		int year = Instant.now().atOffset(ZoneOffset.UTC).getYear();
		long gaps = this.jdbc.sql("""
				select count(*) from (select sequence, lag(sequence) over (order by sequence) as before
				  from invoice where series = 'INV' and year = ?) s where sequence - before <> 1""")
			.param(year)
			.query(Long.class)
			.single();
		assertThat(gaps).isZero();
	}

	@Test
	void anIssuedInvoiceIsNeverChangedOrRemoved() {
		String number = shippedInTwoParcels(customer());
		UUID id = this.invoices.ofOrder(number).get(0).id();

		assertThatThrownBy(() -> this.jdbc.sql("update invoice set total = 1 where id = ?").param(id).update())
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("issue a credit note");
		assertThatThrownBy(
				() -> this.jdbc.sql("update invoice_line set net = 1 where invoice_id = ?").param(id).update())
			.isInstanceOf(DataAccessException.class);
		assertThatThrownBy(() -> this.jdbc.sql("delete from invoice_line where invoice_id = ?").param(id).update())
			.isInstanceOf(DataAccessException.class);
		assertThat(this.invoices.find(id).orElseThrow().total()).isEqualByComparingTo("29.95");
	}

	@Test
	void aSandboxPaymentIsSettledOnceByItsSignedWebhook() {
		Caller customer = customer();
		String number = shippedInTwoParcels(customer);
		String invoice = this.invoices.ofOrder(number).get(0).number();

		Payments.Started started = this.payments.start(customer, invoice, null, null, "test", "test",
				"http://localhost/billing/" + invoice);
		Payments.Started again = this.payments.start(customer, invoice, null, null, "test", "test",
				"http://localhost/billing/" + invoice);
		assertThat(again).as("a second click goes to the same checkout").isEqualTo(started);
		String session = started.checkoutUrl().substring("/billing/sandbox/".length());
		assertThat(this.sandbox.pay(session, "4000 0000 0000 0002")).isEqualTo(SandboxProvider.Outcome.DECLINED);
		assertThat(this.sandbox.pay(session, "4242 4242 4242 4241")).isEqualTo(SandboxProvider.Outcome.INVALID_CARD);
		assertThat(this.sandbox.pay(session, "4242 4242 4242 4242")).isEqualTo(SandboxProvider.Outcome.PAID);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.billing.summary(customer, invoice).orElseThrow().status() == Billing.Status.PAID);
		String payload = this.jdbc.sql("select payload from sandbox_webhook where payload like ?")
			.param("%" + session + "%")
			.query(String.class)
			.single();
		assertThat(this.payments.webhook("sandbox", payload, signed(payload, Instant.now()), "test"))
			.isEqualTo(Payments.Outcome.ALREADY_SETTLED);
		assertThat(this.jdbc
			.sql("select count(*) from payment p join invoice i on i.id = p.invoice_id "
					+ "where i.number = ? and p.status = 'SUCCEEDED'")
			.param(invoice)
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void aForgedOrReplayedWebhookIsRefusedChangesNothingAndIsAudited() {
		String payload = """
				{"id":"evt_x","type":"checkout.session.completed","data":{"id":"cs_sandbox_unknown","payment":"pi_x","amount":"1.00","currency":"EUR"}}""";
		Map<String, String> forged = Map.of("sandbox-signature", Signatures.timestamped(Instant.now().getEpochSecond(),
				payload.getBytes(StandardCharsets.UTF_8), "not the secret"));

		assertThatThrownBy(() -> this.payments.webhook("sandbox", payload, forged, "203.0.113.9"))
			.isInstanceOf(PaymentProvider.WebhookRefused.class);
		assertThatThrownBy(
				() -> this.payments.webhook("sandbox", payload, signed(payload, Instant.now().minusSeconds(600)), "x"))
			.isInstanceOf(PaymentProvider.WebhookRefused.class)
			.hasMessageContaining("five minutes");
		assertThat(this.payments.webhook("sandbox", payload, signed(payload, Instant.now()), "x"))
			.isEqualTo(Payments.Outcome.UNKNOWN);
		await().atMost(Duration.ofSeconds(10)).until(() -> refusals("203.0.113.9") == 1);
	}

	@Test
	void theSandboxSignsWithASecretMadeForThisDatabaseNotTheFormerPublicOne(@Autowired GeneratedSecrets generated) {
		String payload = """
				{"id":"evt_z","type":"checkout.session.completed","data":{"id":"cs_sandbox_unknown","payment":"pi_z","amount":"1.00","currency":"EUR"}}""";
		Map<String, String> withThePublicDefault = Map.of("sandbox-signature",
				Signatures.timestamped(Instant.now().getEpochSecond(), payload.getBytes(StandardCharsets.UTF_8),
						"whsec_sandbox_concierge_demo"));

		assertThat(this.sandbox.secret()).isEqualTo(generated.named(SandboxProvider.WEBHOOK_SECRET))
			.isNotEqualTo("whsec_sandbox_concierge_demo")
			.hasSizeGreaterThanOrEqualTo(43);
		assertThatThrownBy(() -> this.payments.webhook("sandbox", payload, withThePublicDefault, "203.0.113.10"))
			.isInstanceOf(PaymentProvider.WebhookRefused.class);
	}

	@Test
	void outsideTheDemoAPaymentProviderMustBeNamed() {
		assertThat(Payments.providerName("stripe", false)).isEqualTo("stripe");
		assertThat(Payments.providerName(null, true)).as("the demo pays in the sandbox").isEqualTo("sandbox");
		assertThatThrownBy(() -> Payments.providerName(null, false)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("CONCIERGE_BILLING_PROVIDER");
		assertThatThrownBy(() -> Payments.providerName(" ", false)).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void aStripeEventSettlesItsPaymentThroughTheWebhookEndpointOnce() {
		Caller customer = customer();
		String number = shippedInTwoParcels(customer);
		Invoice invoice = this.invoices.ofOrder(number).get(1);
		String session = "cs_test_" + UUID.randomUUID().toString().replace("-", "");
		this.jdbc.sql("""
				insert into payment (id, kind, invoice_id, provider, provider_reference, idempotency_key, amount,
				  currency, status, created_by, created_at) values (?, 'PAYMENT', ?, 'stripe', ?, ?, 40.00, 'GBP',
				  'PENDING', 'test', now())""")
			.params(UUID.randomUUID(), invoice.id(), session, "pay-" + session)
			.update();
		String event = StripeProviderTests.completed(session, 4000, "paid");

		assertThat(post("stripe", event, StripeProviderTests.signed(event, Instant.now(), "whsec_test_concierge")))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.outcome")
			.isEqualTo("SETTLED");
		assertThat(post("stripe", event, StripeProviderTests.signed(event, Instant.now(), "whsec_test_concierge")))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.outcome")
			.isEqualTo("ALREADY_SETTLED");
		assertThat(post("stripe", event, StripeProviderTests.signed(event, Instant.now(), "whsec_forged")))
			.hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.billing.summary(customer, invoice.number()).orElseThrow().status())
			.isEqualTo(Billing.Status.PAID);
	}

	@Test
	void aPeriodsDocumentsComeAsOneZipPreparedInTheBackground(@Autowired InvoiceArchives archives) throws Exception {
		TestLogin login = TestLogins.customer(this.accounts);
		Caller customer = caller(login);
		String number = shippedInTwoParcels(customer);
		LocalDate today = LocalDate.now(ZoneOffset.UTC);

		InvoiceArchives.Archive started = archives.start(customer, today.minusDays(1), today.plusDays(1), "test");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> archives.find(customer, started.id()).orElseThrow().status().equals("READY"));
		java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
		archives.write(customer, started.id(), "test", zip);

		List<String> entries = new ArrayList<>();
		try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.toByteArray()))) {
			for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				byte[] content = in.readAllBytes();
				entries.add(entry.getName());
				if (entry.getName().endsWith(".pdf")) {
					assertThat(new String(content, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
				}
			}
		}
		assertThat(entries).containsExactlyElementsOf(List.of(this.invoices.ofOrder(number).get(0).number() + ".pdf",
				this.invoices.ofOrder(number).get(1).number() + ".pdf", "index.csv"));
		assertThat(archives.find(customer(), started.id())).as("another customer's archive").isEmpty();
		assertThatThrownBy(() -> archives.start(customer, today, today.minusDays(1), "test"))
			.isInstanceOf(InvalidPayment.class);
		assertThat(this.mvc.get()
			.uri("/billing/statement.pdf")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
				.user(login.email())
				.roles("CUSTOMER")))
			.hasStatusOk()
			.hasContentType(MediaType.APPLICATION_PDF);
	}

	@Test
	void aCompanysTermsAreCheckedBeforeTheyAreKept(@Autowired BillingTerms terms) {
		UUID company = UUID.randomUUID();

		assertThatThrownBy(() -> terms.change(company, "12345", null, "EUR", 30, "test", "test"))
			.isInstanceOf(InvalidPayment.class)
			.hasFieldOrPropertyWithValue("reason", "terms.vatId");
		assertThatThrownBy(() -> terms.change(company, null, new BigDecimal("-1"), "EUR", 30, "test", "test"))
			.isInstanceOf(InvalidPayment.class);
		assertThatThrownBy(() -> terms.change(company, null, null, "EUR", 365, "test", "test"))
			.isInstanceOf(InvalidPayment.class);
		terms.change(company, "fr 12 345678901", new BigDecimal("5000"), "EUR", 30, "test", "test");
		assertThat(this.jdbc.sql("select vat_id from billing_terms where organisation_id = ?")
			.param(company)
			.query(String.class)
			.single()).isEqualTo("FR12345678901");
	}

	@Test
	void describesTheInvoicesAndPaymentsApiInOpenApi() {
		assertThat(this.mvc.get().uri("/v3/api-docs")).hasStatusOk().bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.paths['/api/invoices'].get.summary")
				.isEqualTo("The caller's invoices and credit notes, newest first");
			assertThat(json).extractingPath("$.paths['/api/payments'].post").isNotNull();
			assertThat(json).extractingPath("$.paths['/api/payments/webhooks/{provider}'].post").isNotNull();
		});
	}

	private org.springframework.test.web.servlet.assertj.MvcTestResult post(String provider, String payload,
			Map<String, String> headers) {
		var request = this.mvc.post()
			.uri("/api/payments/webhooks/" + provider)
			.contentType(MediaType.APPLICATION_JSON)
			.content(payload);
		headers.forEach(request::header);
		return request.exchange();
	}

	@Test
	void aWebhookWhoseAmountDiffersFromItsPaymentIsRefused() {
		Caller customer = customer();
		String number = shippedInTwoParcels(customer);
		String invoice = this.invoices.ofOrder(number).get(1).number();
		Payments.Started started = this.payments.start(customer, invoice, new BigDecimal("40.00"), "GBP", "test",
				"test", "http://localhost/billing/" + invoice);
		String session = started.checkoutUrl().substring("/billing/sandbox/".length());
		String payload = """
				{"id":"evt_y","type":"checkout.session.completed","data":{"id":"%s","payment":"pi_y","amount":"4.00","currency":"GBP"}}"""
			.formatted(session);

		assertThatThrownBy(() -> this.payments.webhook("sandbox", payload, signed(payload, Instant.now()), "x"))
			.isInstanceOf(InvalidPayment.class);
		assertThat(this.billing.summary(customer, invoice).orElseThrow().status()).isEqualTo(Billing.Status.OPEN);
	}

	@Test
	void theInvoiceListIsTwentyFiveAPageAndAPageFarBeyondTheLastIsEmpty() {
		TestLogin login = TestLogins.customer(this.accounts);

		assertThat(this.mvc.get()
			.uri("/api/invoices?page=" + Integer.MAX_VALUE)
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
				.user(login.email())
				.roles("CUSTOMER")))
			.hasStatusOk()
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.items").asArray().isEmpty();
				assertThat(json).extractingPath("$.hasNext").isEqualTo(false);
			});
		assertThat(Billing.Filter.SIZE).isEqualTo(25);
	}

	@Test
	void aPaymentOfAnotherAmountCurrencyOrCustomerIsRefusedWithAClearMessage() {
		TestLogin login = TestLogins.customer(this.accounts);
		Caller customer = caller(login);
		String number = shippedInTwoParcels(customer);
		String invoice = this.invoices.ofOrder(number).get(1).number();

		assertThat(this.mvc.post()
			.uri("/api/payments")
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
				.user(login.email())
				.roles("CUSTOMER"))
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"invoice\":\"" + invoice + "\",\"amount\":39.99,\"currency\":\"GBP\"}")).hasStatus(422)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("differs from what is open on the invoice: 40.00 GBP");
		assertThatThrownBy(() -> this.payments.start(customer, invoice, null, "EUR", "test", "test", "x"))
			.isInstanceOf(InvalidPayment.class)
			.hasFieldOrPropertyWithValue("reason", "currency");
		assertThatThrownBy(() -> this.payments.start(customer(), invoice, null, null, "stranger", "198.51.100.7", "x"))
			.isInstanceOf(NotFound.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> refusals("198.51.100.7") == 1);
	}

	@Test
	void aRefundToTheOriginalPaymentIsPaidOutThroughTheProviderOnce(@Autowired TransactionTemplate transactions,
			@Autowired ApplicationEventPublisher events) {
		Caller customer = customer();
		String number = shippedInTwoParcels(customer);
		String invoice = this.invoices.ofOrder(number).get(1).number();
		Payments.Started started = this.payments.start(customer, invoice, null, null, "test", "test", "x");
		this.sandbox.pay(started.checkoutUrl().substring("/billing/sandbox/".length()), "4242424242424242");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.billing.summary(customer, invoice).orElseThrow().status() == Billing.Status.PAID);

		RefundDue refund = refund(number, List.of(new LineUnits(2, "POT-07", 1, null)), "40.00");
		transactions.executeWithoutResult((status) -> events.publishEvent(refund));

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.billing.details(customer, invoice)
				.orElseThrow()
				.payments()
				.stream()
				.anyMatch((payment) -> payment.kind().equals("REFUND") && payment.status().equals("SUCCEEDED")));
		Invoice note = this.invoices.ofOrder(number).get(2);
		assertThat(this.payments.refund(note.id())).as("paid out once").isEmpty();
		Billing.Statement statement = this.billing.statement(customer, null, null);
		assertThat(statement.closing().get("GBP")).as("owes what the first parcel cost").isEqualByComparingTo("29.95");
		assertThat(statement.entries()).extracting(Billing.Entry::kind)
			.containsExactly("INVOICE", "INVOICE", "PAYMENT", "CREDIT_NOTE", "REFUND");
	}

	@Test
	void remindersGoOnceBeforeTheDueDate(@Autowired Dunning dunning) {
		Caller customer = customer();
		String number = this.orders.place(Orders.aTwoLineOrder(customer.account(), Instant.now()));
		Invoice template = InvoiceDocumentsTests.invoice(Kind.INVOICE, "Due Soon", "DE", null, null,
				List.of(InvoiceDocumentsTests.line(1, "Mug", 1, "10.00", "1.90", Invoice.TaxCategory.S, "19")));
		Invoice due = this.invoices.issue(new Invoice(UUID.randomUUID(), Kind.INVOICE, "", number,
				"reminder:" + UUID.randomUUID(), null, customer.account(), null, "WEB_SHOP", Instant.now(), null,
				LocalDate.now(ZoneOffset.UTC).plusDays(2), "EUR", template.buyer(), number, null, template.lines()));

		dunning.remind();
		dunning.remind();

		assertThat(this.jdbc.sql("select stage from invoice_reminder where invoice_id = ?")
			.param(due.id())
			.query(String.class)
			.list()).containsExactly("due-soon");
	}

	@Test
	@WithMockUser
	void aCompanysViewersSeeNoInvoices() {
		Caller viewer = new Caller(UUID.randomUUID(), UUID.randomUUID(), io.concierge.identity.Role.CUSTOMER,
				java.util.Set.of(io.concierge.identity.OrganisationRole.VIEWER));
		Caller finance = new Caller(UUID.randomUUID(), viewer.organisation(), io.concierge.identity.Role.CUSTOMER,
				java.util.Set.of(io.concierge.identity.OrganisationRole.FINANCE));

		assertThat(Billing.mayBill(viewer)).isFalse();
		assertThat(Billing.mayBill(finance)).isTrue();
		assertThat(this.billing.summary(viewer, "INV-2026-000001")).isEmpty();
	}

	private String shippedInTwoParcels(Caller customer) {
		String number = this.orders.place(Orders.aTwoLineOrder(customer.account(), Instant.now()));
		ship(number, "MUG-01");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.invoices.ofOrder(number).size() == 1);
		ship(number, "POT-07");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.invoices.ofOrder(number).size() == 2);
		return number;
	}

	private void ship(String number, String sku) {
		this.orders.apply(new FulfilmentUpdate(number, LineStatus.SHIPPED, Instant.now(),
				List.of(new FulfilmentUpdate.LineRef(sku, null)), "DHL", null, "JD" + UUID.randomUUID(), null, null));
	}

	private long refusals(String origin) {
		return this.jdbc.sql("select count(*) from audit_entry where action = 'billing.payment.refused' and origin = ?")
			.param(origin)
			.query(Long.class)
			.single();
	}

	private static RefundDue refund(String number, List<LineUnits> lines, String amount) {
		return new RefundDue(number, UUID.randomUUID(), lines, new BigDecimal(amount), "GBP", "ORIGINAL_PAYMENT",
				"test", "test", Instant.now());
	}

	private Map<String, String> signed(String payload, Instant at) {
		return Map.of("sandbox-signature", Signatures.timestamped(at.getEpochSecond(),
				payload.getBytes(StandardCharsets.UTF_8), this.sandbox.secret()));
	}

	private Caller customer() {
		return caller(TestLogins.customer(this.accounts));
	}

	private Caller caller(TestLogin login) {
		return this.callers.of((Principal) login::email);
	}

}
