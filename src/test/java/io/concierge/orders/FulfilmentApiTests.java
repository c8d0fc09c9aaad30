package io.concierge.orders;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.concierge.IntegrationTest;
import io.concierge.identity.Accounts;
import io.concierge.identity.ApiKeys;
import io.concierge.identity.Callers;
import io.concierge.identity.TestLogins;
import io.concierge.orders.NewOrder.NewLine;
import io.concierge.shared.EmailAddress;
import io.concierge.shared.Money;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warehouse's feed: authenticated by API key, idempotent by event id, safe against
 * events out of order, and clear about what it refuses.
 */
@IntegrationTest
class FulfilmentApiTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	ApiKeys keys;

	@Autowired
	OrderManagement management;

	@Autowired
	OrderQueries queries;

	@Autowired
	Accounts accounts;

	@Autowired
	Callers callers;

	@Autowired
	ChangeApprovals approvals;

	@Test
	void shipsAnOrderOnceThoughTheEventComesTwiceAndIgnoresAnOlderOne() {
		String key = this.keys.create("Warehouse " + UUID.randomUUID(), Set.of(ApiKeys.FULFILMENT), "test", "test");
		String order = anOrder();
		String shipped = event("ev-1", order, "SHIPPED", "2026-11-03T10:00:00Z",
				", \"carrier\": \"DHL\", \"trackingNumber\": \"00340434161094042557\", \"promisedDelivery\": \"2026-11-05\"");

		assertThat(post(key, shipped)).hasStatusOk().bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.movedLines").asArray().containsExactly(1, 2);
			assertThat(json).extractingPath("$.duplicate").isEqualTo(false);
		});
		assertThat(post(key, shipped)).hasStatusOk().bodyJson().extractingPath("$.duplicate").isEqualTo(true);
		assertThat(post(key, event("ev-0", order, "PACKED", "2026-11-03T09:00:00Z", ""))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.movedLines")
			.asArray()
			.isEmpty();
		OrderDetails details = this.management.details(order);
		assertThat(details.status()).isEqualTo(OrderStatus.SHIPPED);
		assertThat(details.shipments()).singleElement()
			.satisfies((shipment) -> assertThat(shipment.trackingUrl()).contains("00340434161094042557"));
	}

	@Test
	void refusesWhatCannotBeAndSaysWhy() {
		String key = this.keys.create("ERP " + UUID.randomUUID(), Set.of(ApiKeys.FULFILMENT), "test", "test");
		String order = anOrder();
		post(key, event("ev-a", order, "DELIVERED", "2026-11-04T10:00:00Z", ""));

		MvcTestResult cancel = post(key, event("ev-b", order, "CANCELLED", "2026-11-04T11:00:00Z", ""));
		assertThat(cancel).hasStatus(HttpStatus.CONFLICT).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(cancel).bodyJson().extractingPath("$.detail").asString().contains("DELIVERED");
		// refused events are not remembered: corrected, the same id can come again
		assertThat(post(key, event("ev-b", order, "RETURNED", "2026-11-06T11:00:00Z", ""))).hasStatusOk();

		assertThat(post(key, event("ev-c", "C-0", "PACKED", "2026-11-04T10:00:00Z", "")))
			.hasStatus(HttpStatus.NOT_FOUND);
		assertThat(post(key, event("ev-d", order, "TELEPORTED", "2026-11-04T10:00:00Z", "")))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(post(key, event("ev-e", order, "SHIPPED", "2026-11-04T10:00:00Z", "")))
			.hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("carrier");
		assertThat(post(key, "{\"eventId\": \"ev-f\"}")).hasStatus(HttpStatus.BAD_REQUEST);
	}

	@Test
	void theDemoWarehouseTakesANewAddressAndBringsAReturnBackStepByStep(@Autowired JdbcClient jdbc,
			@Autowired TaskScheduler scheduler, @Autowired ShipmentTracking tracking, @Autowired OrderSelfService self,
			@LocalServerPort int port) {
		TestLogins.TestLogin customer = TestLogins.customer(this.accounts);
		io.concierge.identity.Caller caller = this.callers.of((Principal) customer::email);
		String order = this.management.place(Orders.aTwoLineOrder(caller.account(), Instant.now()));
		ChangeView address = self.changeAddress(caller, order,
				new Address("Alex Morgan", "Torstraße 1", "10119", "Berlin", null, "DE"), customer.email(), "test");
		String delivered = this.management.place(Orders.aTwoLineOrder(caller.account(), Instant.now()));
		this.management.apply(new FulfilmentUpdate(delivered, LineStatus.SHIPPED, Instant.now(), List.of(), "DHL", null,
				"SIM" + System.nanoTime(), null, null));
		this.management.apply(new FulfilmentUpdate(delivered, LineStatus.DELIVERED, Instant.now(), List.of(), null,
				null, null, null, null));
		ChangeView opened = self.requestReturn(caller, delivered, new OrderSelfService.ReturnRequest(Map.of(1, 1),
				Map.of(), ReturnReason.DOES_NOT_FIT, null, Resolution.REFUND), List.of(), customer.email(), "test");
		jdbc.sql("update order_change set updated_at = '2000-01-01T00:00:00Z' where id = ?")
			.param(opened.id())
			.update();
		FulfilmentSimulator simulator = new FulfilmentSimulator(this.keys, jdbc, scheduler, Clock.systemUTC(),
				Duration.ofSeconds(15), tracking, this.approvals);
		simulator.connect(port);

		simulator.answerAddressChanges();
		simulator.moveReturns();

		assertThat(self.changes(caller, order)).singleElement()
			.satisfies((change) -> assertThat(change.status()).isEqualTo(ChangeStatus.DONE));
		assertThat(address.status()).isEqualTo(ChangeStatus.AWAITING_WAREHOUSE);
		assertThat(self.changes(caller, delivered)).singleElement()
			.satisfies((change) -> assertThat(change.status()).isEqualTo(ChangeStatus.IN_TRANSIT));
	}

	@Test
	void theDemoWarehouseMovesTheLongestWaitingOrderThroughTheApiAndItsCarrierScansTheParcel(@Autowired JdbcClient jdbc,
			@Autowired TaskScheduler scheduler, @Autowired ShipmentTracking tracking, @LocalServerPort int port) {
		String order = anOrder();
		jdbc.sql("update customer_order set updated_at = '2000-01-01T00:00:00Z' where number = ?")
			.param(order)
			.update();
		FulfilmentSimulator simulator = new FulfilmentSimulator(this.keys, jdbc, scheduler, Clock.systemUTC(),
				Duration.ofSeconds(15), tracking, this.approvals);
		simulator.connect(port);
		simulator.tick();
		assertThat(this.management.details(order).status()).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(this.keys.list()).filteredOn((key) -> key.name().equals(FulfilmentSimulator.KEY_NAME))
			.filteredOn((key) -> key.revokedAt() == null)
			.singleElement()
			.satisfies((key) -> assertThat(key.lastUsedAt()).isNotNull());

		this.management.apply(new FulfilmentUpdate(order, LineStatus.SHIPPED, Instant.now(), List.of(), "DHL", null,
				"SIM" + System.nanoTime(), null, null));
		// now and then the warehouse reports a delay instead; the next tick moves it on
		for (int tick = 0; tick < 3 && this.management.details(order).shipments().getFirst().stage() == null; tick++) {
			jdbc.sql("update customer_order set updated_at = '2000-01-01T00:00:00Z' where number = ?")
				.param(order)
				.update();
			simulator.tick();
		}
		OrderDetails.ShipmentView parcel = this.management.details(order).shipments().getFirst();
		assertThat(parcel.stage()).isEqualTo(DeliveryStage.IN_TRANSIT);
		assertThat(parcel.checkpoints()).singleElement()
			.satisfies((scan) -> assertThat(scan.location()).endsWith(", DE"));
	}

	@Test
	void describesTheApiInOpenApi() {
		assertThat(this.mvc.get().uri("/v3/api-docs")).hasStatusOk().bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.info.title").isEqualTo("Concierge API");
			assertThat(json).extractingPath("$.paths['/api/fulfilment/events'].post.summary")
				.isEqualTo("Report what happened to an order");
			assertThat(json).extractingPath("$.paths['/api/orders/{number}'].get").isNotNull();
		});
	}

	@Test
	void acceptsOnlyAValidUnrevokedKey() {
		String order = anOrder();
		String body = event("ev-1", order, "CONFIRMED", "2026-11-03T10:00:00Z", "");
		assertThat(this.mvc.post().uri("/api/fulfilment/events").contentType(MediaType.APPLICATION_JSON).content(body))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(post("ck_not-a-key", body)).hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		String name = "Old warehouse " + UUID.randomUUID();
		String key = this.keys.create(name, Set.of(ApiKeys.FULFILMENT), "test", "test");
		this.keys.list()
			.stream()
			.filter((listed) -> listed.name().equals(name))
			.forEach((listed) -> this.keys.revoke(listed.id(), "test", "test"));
		assertThat(post(key, body)).hasStatus(HttpStatus.UNAUTHORIZED);
	}

	private MvcTestResult post(String key, String body) {
		return this.mvc.post()
			.uri("/api/fulfilment/events")
			.header("Authorization", "Bearer " + key)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private static String event(String id, String order, String type, String at, String more) {
		return "{\"eventId\": \"" + id + "\", \"orderNumber\": \"" + order + "\", \"type\": \"" + type
				+ "\", \"occurredAt\": \"" + at + "\"" + more + "}";
	}

	private String anOrder() {
		String email = TestLogins.customer(this.accounts).email();
		UUID account = this.callers.of((Principal) () -> email).account();
		return this.management
			.place(Orders.of(account, null, Orders.PLACED, "MUG-01", "Stoneware mug", "POT-07", "Cast iron teapot"));
	}

}
