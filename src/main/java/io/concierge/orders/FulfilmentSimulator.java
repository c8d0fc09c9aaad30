package io.concierge.orders;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import io.concierge.identity.ApiKeys;

/**
 * A pretend warehouse and carrier for the demo: it moves the customers' open orders one
 * stage at a time, up to shipped by posting to {@code /api/fulfilment/events} with an API
 * key of its own, as a real warehouse would, now and then with a delay to explain; after
 * that with the carrier's scans through German cities, as a tracking service reports
 * them.
 */
@Component
@ConditionalOnProperty(name = "concierge.demo.simulator.enabled", havingValue = "true")
class FulfilmentSimulator {

	static final String KEY_NAME = "Demo warehouse (simulator)";

	private static final Logger log = LoggerFactory.getLogger(FulfilmentSimulator.class);

	private final ApiKeys keys;

	private final JdbcClient jdbc;

	private final TaskScheduler scheduler;

	private final Clock clock;

	private final Duration interval;

	private final Random random = new Random();

	private final ShipmentTracking tracking;

	private final ChangeApprovals approvals;

	private static final List<String> HUBS = List.of("Hamburg, DE", "Hannover, DE", "Leipzig, DE", "Kassel, DE",
			"Frankfurt am Main, DE", "Nürnberg, DE", "Köln, DE");

	private @Nullable RestClient api;

	FulfilmentSimulator(ApiKeys keys, JdbcClient jdbc, TaskScheduler scheduler, Clock clock,
			@Value("${concierge.demo.simulator.interval}") Duration interval, ShipmentTracking tracking,
			ChangeApprovals approvals) {
		this.tracking = tracking;
		this.approvals = approvals;
		this.keys = keys;
		this.jdbc = jdbc;
		this.scheduler = scheduler;
		this.clock = clock;
		this.interval = interval;
	}

	/**
	 * Starts once the server listens: a fresh key each start, the previous one revoked.
	 */
	@EventListener
	void start(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() != null) {
			// a separate management server: the API is not served there
			return;
		}
		connect(event.getWebServer().getPort());
		this.scheduler.scheduleWithFixedDelay(this::tick, this.interval);
	}

	void connect(int port) {
		this.keys.list()
			.stream()
			.filter((key) -> key.name().equals(KEY_NAME) && key.revokedAt() == null)
			.forEach((key) -> this.keys.revoke(key.id(), "demo", "localhost"));
		String key = this.keys.create(KEY_NAME, Set.of(ApiKeys.FULFILMENT), "demo", "localhost");
		this.api = RestClient.builder()
			.baseUrl("http://localhost:" + port)
			.defaultHeader("Authorization", "Bearer " + key)
			.build();
	}

	/**
	 * Moves the three customer orders that waited longest to the stage after the one
	 * their least advanced line reached.
	 */
	void tick() {
		List<Open> open = this.jdbc.sql("""
				select o.number, o.status, (select l.stage from order_line l
				    where l.order_id = o.id and l.status not in ('CANCELLED', 'RETURNED')
				    order by array_position(array['PLACED', 'CONFIRMED', 'PICKING', 'PACKED', 'SHIPPED', 'IN_TRANSIT',
				      'OUT_FOR_DELIVERY', 'DELIVERED'], l.stage) limit 1)
				from customer_order o
				where o.account_id is not null
				  and o.status not in ('DELIVERED', 'CANCELLED', 'RETURNED', 'PARTIALLY_RETURNED')
				order by o.updated_at limit 3""")
			.query((row, number) -> new Open(row.getString(1), OrderStatus.valueOf(row.getString(2)),
					LineStatus.valueOf(row.getString(3))))
			.list();
		open.forEach(this::move);
		answerAddressChanges();
		moveReturns();
	}

	/**
	 * Takes a new address while something is still to pack, as a warehouse would, and
	 * refuses it once everything is packed.
	 */
	void answerAddressChanges() {
		for (UUID change : this.approvals.awaitingWarehouse()) {
			boolean accepted = this.approvals.stillUnpacked(change);
			post("/api/fulfilment/address-changes/" + change, "{\"accepted\": " + accepted
					+ (accepted ? "" : ", \"reason\": \"The parcel was packed and labelled already.\"") + "}");
		}
	}

	/**
	 * Moves approved returns one step each tick: sent back, received, inspected, then
	 * refunded (or closed, for an exchange, whose replacement goes out).
	 */
	void moveReturns() {
		this.jdbc.sql("""
				select return_number, status, resolution from order_change
				where return_number is not null and status in ('LABEL_ISSUED', 'IN_TRANSIT', 'RECEIVED', 'INSPECTED')
				  and updated_at < ? order by updated_at limit 3""")
			.param(this.clock.instant().minus(this.interval.multipliedBy(2)).atOffset(ZoneOffset.UTC))
			.query((row, n) -> {
				String next = switch (ChangeStatus.valueOf(row.getString("status"))) {
					case LABEL_ISSUED -> "IN_TRANSIT";
					case IN_TRANSIT -> "RECEIVED";
					case RECEIVED -> "INSPECTED";
					default -> "EXCHANGE".equals(row.getString("resolution")) ? "CLOSED" : "REFUNDED";
				};
				return List.of(row.getString("return_number"), next);
			})
			.list()
			.forEach((step) -> post("/api/fulfilment/returns/" + step.get(0), "{\"status\": \"" + step.get(1) + "\"}"));
	}

	private void post(String path, String body) {
		try {
			this.api.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity();
		}
		catch (RestClientException ex) {
			log.info("The simulated warehouse could not post to {}: {}", path, ex.getMessage());
		}
	}

	private void move(Open order) {
		List<LineStatus> stages = List.of(LineStatus.stages());
		int next = stages.indexOf(order.stage()) + 1;
		if (next >= stages.size()) {
			return;
		}
		String type = stages.get(next).name();
		if (!order.status().needsAttention() && next > 1 && this.random.nextInt(10) == 0) {
			type = "DELAYED";
		}
		if (stages.get(next).isAfter(LineStatus.SHIPPED) && !type.equals("DELAYED")
				&& scanned(order, stages.get(next))) {
			return;
		}
		StringBuilder event = new StringBuilder("{\"eventId\": \"sim-" + UUID.randomUUID() + "\", \"orderNumber\": \""
				+ order.number() + "\", \"type\": \"" + type + "\", \"occurredAt\": \"" + this.clock.instant() + "\"");
		if (type.equals("SHIPPED")) {
			event.append(", \"carrier\": \"DHL\", \"service\": \"Paket\", \"trackingNumber\": \"00340434")
				.append(100_000_000 + this.random.nextInt(899_999_999))
				.append("\", \"promisedDelivery\": \"")
				.append(LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC).plusDays(2))
				.append('"');
		}
		if (type.equals("DELAYED")) {
			event.append(", \"note\": \"Held up at the sorting centre\"");
		}
		event.append('}');
		try {
			this.api.post()
				.uri("/api/fulfilment/events")
				.contentType(MediaType.APPLICATION_JSON)
				.body(event.toString())
				.retrieve()
				.toBodilessEntity();
		}
		catch (RestClientException ex) {
			log.info("The simulated warehouse could not move {}: {}", order.number(), ex.getMessage());
		}
	}

	/**
	 * The carrier's scan that takes the order's latest parcel to this stage.
	 * @return whether the order has a parcel to scan
	 */
	private boolean scanned(Open order, LineStatus stage) {
		String tracking = this.jdbc.sql("""
				select s.tracking_number from shipment s join customer_order o on o.id = s.order_id
				where o.number = ? and s.tracking_number is not null order by s.shipped_at desc limit 1""")
			.param(order.number())
			.query(String.class)
			.optional()
			.orElse(null);
		if (tracking == null) {
			return false;
		}
		String place = HUBS.get(this.random.nextInt(HUBS.size()));
		ShipmentTracking.Scan scan = switch (stage) {
			case IN_TRANSIT -> new ShipmentTracking.Scan(this.clock.instant(), DeliveryStage.IN_TRANSIT, "SIM-TRANSIT",
					"Arrived at the parcel centre", place);
			case OUT_FOR_DELIVERY -> new ShipmentTracking.Scan(this.clock.instant(), DeliveryStage.OUT_FOR_DELIVERY,
					"SIM-OFD", "With the delivery driver", place);
			default -> new ShipmentTracking.Scan(this.clock.instant(), DeliveryStage.DELIVERED, "SIM-DELIVERED",
					"Delivered to the recipient", place);
		};
		LocalDate tomorrow = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC).plusDays(1);
		this.tracking.record(new ShipmentTracking.CarrierReport(tracking,
				(stage == LineStatus.DELIVERED) ? null : tomorrow, null, List.of(scan), "simulator"));
		return true;
	}

	private record Open(String number, OrderStatus status, LineStatus stage) {

	}

}
