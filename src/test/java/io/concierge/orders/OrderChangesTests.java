package io.concierge.orders;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.concierge.IntegrationTest;
import io.concierge.identity.Accounts;
import io.concierge.identity.ApiKeys;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.orders.ChangeEvents.AddressChangeRefused;
import io.concierge.orders.ChangeEvents.LinesCancelled;
import io.concierge.orders.ChangeEvents.RefundDue;
import io.concierge.orders.ChangeEvents.ReturnApproved;
import io.concierge.orders.ChangeEvents.ReturnRequested;
import io.concierge.notifications.MailOutbox;
import io.concierge.shared.EmailAddress;
import io.concierge.shared.Money;
import io.concierge.webhooks.WebhookSubscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Customers' changes end to end on the real database: what the policy allows happens at
 * once, the rest waits for an agent, refusals change nothing, and a repeated request with
 * the same Idempotency-Key changes the order once.
 */
@IntegrationTest
@RecordApplicationEvents
class OrderChangesTests {

	@Autowired
	OrderManagement management;

	@Autowired
	OrderSelfService self;

	@Autowired
	ChangeApprovals approvals;

	@Autowired
	OrderQueries queries;

	@Autowired
	Accounts accounts;

	@Autowired
	Callers callers;

	@Autowired
	ApiKeys keys;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEvents events;

	@Test
	void cancelsOneOfTwoMugsAtOnceWithItsShareOfTheRefund() {
		TestLogin customer = TestLogins.customer(this.accounts);
		Caller caller = caller(customer);
		String number = this.management.place(Orders.aTwoLineOrder(caller.account(), Instant.now()));

		OrderSelfService.Preview preview = this.self.previewCancel(caller, number, Map.of(1, 1));
		ChangeView done = this.self.cancel(caller, number, Map.of(1, 1), customer.email(), "test");

		assertThat(preview.refund()).isEqualTo(Money.of("12.50", "GBP"));
		assertThat(preview.destination()).isEqualTo("ORIGINAL_PAYMENT");
		assertThat(done.status()).isEqualTo(ChangeStatus.DONE);
		assertThat(done.refund()).isEqualTo(Money.of("12.50", "GBP"));
		OrderDetails order = this.queries.find(caller, number).orElseThrow();
		assertThat(order.lines().get(0).status()).isEqualTo(LineStatus.PLACED);
		assertThat(this.events.stream(LinesCancelled.class).filter((event) -> event.number().equals(number)))
			.singleElement()
			.satisfies((event) -> assertThat(event.lines()).extracting(ChangeEvents.LineUnits::quantity)
				.containsExactly(1));
		assertThat(this.events.stream(RefundDue.class).filter((event) -> event.number().equals(number))).singleElement()
			.satisfies((event) -> assertThat(event.amount()).isEqualByComparingTo("12.50"));
		assertThat(this.self.options(caller, number).orElseThrow().lines().get(0).cancellable()).isEqualTo(1);
	}

	@Test
	void aCancellationGoesToTheSubscribedSystemsAsAWebhookWithItsRefund(@Autowired WebhookSubscriptions webhooks) {
		TestLogin customer = TestLogins.customer(this.accounts);
		Caller caller = caller(customer);
		String number = this.management.place(Orders.aTwoLineOrder(caller.account(), Instant.now()));
		WebhookSubscriptions.Created erp = webhooks.create(new WebhookSubscriptions.NewSubscription("ERP " + number,
				"http://127.0.0.1:9/hooks", List.of("order.lines_cancelled", "order.refund_due"), "erp@example.com"),
				"test", "test");
		try {
			this.self.cancel(caller, number, Map.of(2, 1), customer.email(), "test");

			await().atMost(Duration.ofSeconds(5))
				.until(() -> webhooks.deliveries(erp.id())
					.stream()
					.map(WebhookSubscriptions.Delivery::eventType)
					.toList()
					.containsAll(List.of("order.lines_cancelled", "order.refund_due")));
			assertThat(webhooks.deliveries(erp.id()))
				.allSatisfy((delivery) -> assertThat(delivery.subject()).isEqualTo(number));
		}
		finally {
			webhooks.remove(erp.id(), "test", "test");
		}
	}

	@Test
	void cancellingEverythingBeforeItShipsCancelsTheOrderAndPaysShippingBack() {
		TestLogin customer = TestLogins.customer(this.accounts);
		Caller caller = caller(customer);
		String number = this.management.place(Orders.aTwoLineOrder(caller.account(), Instant.now()));

		ChangeView done = this.self.cancel(caller, number, Map.of(1, 2, 2, 1), customer.email(), "test");

		assertThat(done.refund()).isEqualTo(Money.of("69.95", "GBP"));
		assertThat(this.queries.find(caller, number).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
	}

	@Test
	void refusesToCancelWhatHasShippedAndChangesNothing() {
		TestLogin customer = TestLogins.customer(this.accounts);
		Caller caller = caller(customer);
		String number = this.management.place(Orders.aTwoLineOrder(caller.account(), Instant.now()));
		this.management.apply(new FulfilmentUpdate(number, LineStatus.SHIPPED, Instant.now(),
				List.of(new FulfilmentUpdate.LineRef("POT-07", null)), "DHL", null, "JD1", null, null));

		assertThatThrownBy(() -> this.self.cancel(caller, number, Map.of(2, 1), customer.email(), "test"))
			.isInstanceOfSatisfying(ChangeRefused.class,
					(refused) -> assertThat(refused.verdict().reason()).isEqualTo("cancel.shipped"));
		assertThat(this.self.changes(caller, number)).isEmpty();
		assertThatThrownBy(() -> this.self.cancel(caller, number, Map.of(1, 3), customer.email(), "test"))
			.isInstanceOf(InvalidChange.class);
	}

	@Test
	void anotherCustomersOrderCannotBeChanged() {
		Caller owner = caller(TestLogins.customer(this.accounts));
		TestLogin stranger = TestLogins.customer(this.accounts);
		String number = this.management.place(Orders.aTwoLineOrder(owner.account(), Instant.now()));

		assertThat(this.self.options(caller(stranger), number)).isEmpty();
		assertThatThrownBy(() -> this.self.cancel(caller(stranger), number, Map.of(1, 1), stranger.email(), "test"))
			.isInstanceOf(io.concierge.shared.NotFound.class);
	}

	@Test
	void aLateReturnWaitsForAnAgentWhoApprovesItThenTheWarehouseMovesItToItsRefund() {
		TestLogin customer = TestLogins.customer(this.accounts);
		Caller caller = caller(customer);
		String number = delivered(caller, Instant.now().minus(40, ChronoUnit.DAYS));
		OrderSelfService.ReturnRequest request = new OrderSelfService.ReturnRequest(Map.of(1, 2), Map.of(),
				ReturnReason.DAMAGED, "Both handles broke", Resolution.REFUND);

		ChangeView requested = this.self.requestReturn(caller, number, request, List.of(), customer.email(), "test");

		assertThat(requested.status()).isEqualTo(ChangeStatus.REQUESTED);
		assertThat(requested.returnNumber()).startsWith("R-");
		assertThat(this.self.returnLabel(caller, number, requested.returnNumber(), Locale.ENGLISH)).isEmpty();
		assertThat(this.approvals.pending()).extracting(ChangeView::id).contains(requested.id());
		assertThat(this.self.options(caller, number).orElseThrow().lines().get(0).returnable()).isZero();

		this.approvals.approve(requested.id(), "agent@concierge.example", "test");
		byte[] label = this.self.returnLabel(caller, number, requested.returnNumber(), Locale.GERMAN).orElseThrow();
		assertThat(new String(label, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		assertThat(this.events.stream(ReturnApproved.class).filter((event) -> event.number().equals(number)))
			.hasSize(1);

		for (ChangeStatus step : List.of(ChangeStatus.IN_TRANSIT, ChangeStatus.RECEIVED, ChangeStatus.INSPECTED,
				ChangeStatus.REFUNDED)) {
			this.approvals.advanceReturn(requested.returnNumber(), step, null, "warehouse", "test");
		}
		assertThat(this.queries.find(caller, number).orElseThrow().lines().get(0).status())
			.isEqualTo(LineStatus.RETURNED);
		assertThat(this.events.stream(RefundDue.class).filter((event) -> event.number().equals(number))).singleElement()
			.satisfies((event) -> assertThat(event.amount()).isEqualByComparingTo("25.00"));
		assertThatThrownBy(() -> this.approvals.advanceReturn(requested.returnNumber(), ChangeStatus.IN_TRANSIT, null,
				"warehouse", "test"))
			.isInstanceOf(InvalidChange.class);
	}

	@Test
	void aReturnInsideTheWindowIsApprovedAtOnceAndAnExchangeNamesTheVariantWanted() {
		TestLogin customer = TestLogins.customer(this.accounts);
		Caller caller = caller(customer);
		String number = delivered(caller, Instant.now().minus(3, ChronoUnit.DAYS));
		this.jdbc.sql("""
				insert into product_variant (sku, product, variant, name) values
				('MUG-01', 'mug', 'Blue', 'Stoneware mug'), ('MUG-01-GRN', 'mug', 'Green', 'Stoneware mug')
				on conflict (sku) do nothing""").update();

		ChangeView exchange = this.self.requestReturn(caller, number, new OrderSelfService.ReturnRequest(Map.of(1, 1),
				Map.of(1, "MUG-01-GRN"), ReturnReason.CHANGED_MIND, null, Resolution.EXCHANGE), List.of(),
				customer.email(), "test");

		assertThat(exchange.kind()).isEqualTo(ChangeAction.EXCHANGE);
		assertThat(exchange.status()).isEqualTo(ChangeStatus.LABEL_ISSUED);
		assertThat(exchange.lines().get(0).exchangeFor()).isEqualTo("Stoneware mug – Green");
		assertThat(this.events.stream(ReturnRequested.class).filter((event) -> event.number().equals(number)))
			.singleElement()
			.satisfies((event) -> assertThat(event.lines().get(0).exchangeSku()).isEqualTo("MUG-01-GRN"));
		assertThatThrownBy(
				() -> this.self.requestReturn(caller, number,
						new OrderSelfService.ReturnRequest(Map.of(2, 1), Map.of(2, "MUG-01-GRN"), ReturnReason.OTHER,
								null, Resolution.EXCHANGE),
						List.of(), customer.email(), "test"))
			.isInstanceOf(InvalidChange.class);
	}

	@Test
	void aCancellationLeftToAnAgentIsRejectedWithAReasonTheCustomerIsMailed(@Autowired MailOutbox mail) {
		TestLogin customer = TestLogins.customer(this.accounts);
		Caller caller = caller(customer);
		String number = this.management
			.place(Orders.aTwoLineOrder(caller.account(), Instant.now().minus(3, ChronoUnit.DAYS)));

		ChangeView requested = this.self.cancel(caller, number, Map.of(2, 1), customer.email(), "test");
		assertThat(requested.status()).isEqualTo(ChangeStatus.REQUESTED);
		assertThat(this.approvals.review(requested.id()).verdict().reason()).isEqualTo("cancel.late");
		assertThatThrownBy(() -> this.approvals.reject(requested.id(), "agent@concierge.example", " ", "test"))
			.isInstanceOf(InvalidChange.class);

		this.approvals.reject(requested.id(), "agent@concierge.example", "The teapot was engraved for you.", "test");

		assertThat(this.self.changes(caller, number)).singleElement().satisfies((change) -> {
			assertThat(change.status()).isEqualTo(ChangeStatus.REJECTED);
			assertThat(change.decisionNote()).isEqualTo("The teapot was engraved for you.");
		});
		assertThat(this.queries.find(caller, number).orElseThrow().lines().get(1).status())
			.isEqualTo(LineStatus.PLACED);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> mail.sentTo(EmailAddress.of(customer.email()))
				.stream()
				.anyMatch((message) -> message.getSubject().equals("About your request for order " + number)
						&& message.getBody().contains("The teapot was engraved for you.")));
	}

	@Test
	void theWarehouseRefusingANewAddressPutsTheOldOneBackAndSaysWhy() {
		TestLogin customer = TestLogins.customer(this.accounts);
		Caller caller = caller(customer);
		String number = this.management.place(Orders.aTwoLineOrder(caller.account(), Instant.now()));
		Address berlin = new Address("Alex Morgan", "Torstraße 1", "10119", "Berlin", null, "DE");

		ChangeView change = this.self.changeAddress(caller, number, berlin, customer.email(), "test");
		assertThat(change.status()).isEqualTo(ChangeStatus.AWAITING_WAREHOUSE);
		assertThat(this.queries.find(caller, number).orElseThrow().shipTo()).isEqualTo(berlin);

		this.approvals.warehouseAnswered(change.id(), false, "Already on the van", "warehouse", "test");

		assertThat(this.queries.find(caller, number).orElseThrow().shipTo()).isEqualTo(Orders.address());
		assertThat(this.self.changes(caller, number).get(0).decisionNote()).isEqualTo("Already on the van");
		assertThat(this.events.stream(AddressChangeRefused.class)).anyMatch((event) -> event.number().equals(number));
	}

	@Test
	void theSameIdempotencyKeyTwiceCancelsOnceAndAnswersTheSame() throws Exception {
		TestLogin customer = TestLogins.customer(this.accounts);
		String number = this.management.place(Orders.aTwoLineOrder(caller(customer).account(), Instant.now()));
		String key = UUID.randomUUID().toString();
		String body = "{\"lines\": [{\"line\": 1, \"quantity\": 1}]}";

		MvcTestResult first = cancel(customer, number, key, body);
		MvcTestResult second = cancel(customer, number, key, body);

		assertThat(first).hasStatus(HttpStatus.CREATED);
		assertThat(second).hasStatus(HttpStatus.CREATED);
		assertThat(second.getResponse().getContentAsString()).isEqualTo(first.getResponse().getContentAsString());
		assertThat(this.self.changes(caller(customer), number)).hasSize(1);
		assertThat(this.self.options(caller(customer), number).orElseThrow().lines().get(0).cancellable()).isEqualTo(1);
		assertThat(cancel(customer, number, key, "{\"lines\": [{\"line\": 2, \"quantity\": 1}]}"))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(
				cancel(customer, number, UUID.randomUUID().toString(), "{\"lines\": [{\"line\": 1, \"quantity\": 5}]}"))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("Stoneware mug");
	}

	@Test
	void theApiRefusesInTheCustomersWordsAndTheWarehouseMovesAReturnWithItsKey() {
		TestLogin customer = TestLogins.customer(this.accounts);
		Caller caller = caller(customer);
		String number = this.management.place(Orders.aTwoLineOrder(caller.account(), Instant.now()));
		assertThat(this.mvc.post()
			.uri("/api/orders/{number}/returns", number)
			.with(user(customer.email()).roles("CUSTOMER"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"lines\": [{\"line\": 1, \"quantity\": 1}], \"reason\": \"DAMAGED\", \"resolution\": \"REFUND\"}"))
			.hasStatus(HttpStatus.CONFLICT)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("You can request a return once it arrives.");

		String delivered = delivered(caller, Instant.now().minus(1, ChronoUnit.DAYS));
		ChangeView opened = this.self.requestReturn(caller, delivered, new OrderSelfService.ReturnRequest(Map.of(2, 1),
				Map.of(), ReturnReason.DEFECTIVE, null, Resolution.STORE_CREDIT), List.of(), customer.email(), "test");
		String apiKey = this.keys.create("Warehouse " + UUID.randomUUID(), Set.of(ApiKeys.FULFILMENT), "test", "test");
		assertThat(this.mvc.post()
			.uri("/api/fulfilment/returns/{number}", opened.returnNumber())
			.header("Authorization", "Bearer " + apiKey)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"status\": \"IN_TRANSIT\"}")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo("IN_TRANSIT");
		assertThat(this.mvc.post()
			.uri("/api/fulfilment/returns/{number}", opened.returnNumber())
			.header("Authorization", "Bearer " + apiKey)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"status\": \"REQUESTED\"}")).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
	}

	private MvcTestResult cancel(TestLogin customer, String number, String key, String body) {
		return this.mvc.post()
			.uri("/api/orders/{number}/cancellation", number)
			.with(user(customer.email()).roles("CUSTOMER"))
			.with(csrf())
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	/**
	 * The two-line order, shipped and delivered at that time.
	 */
	private String delivered(Caller caller, Instant at) {
		String number = this.management.place(Orders.aTwoLineOrder(caller.account(), Instant.now()));
		this.management.apply(new FulfilmentUpdate(number, LineStatus.SHIPPED, at.minus(1, ChronoUnit.DAYS), List.of(),
				"DHL", null, "JD" + UUID.randomUUID(), LocalDate.now(), null));
		this.management
			.apply(new FulfilmentUpdate(number, LineStatus.DELIVERED, at, List.of(), null, null, null, null, null));
		return number;
	}

	private Caller caller(TestLogin login) {
		return this.callers.of((Principal) login::email);
	}

}
