package io.concierge.tracking;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.concierge.IntegrationTest;
import io.concierge.orders.DeliveryStage;
import io.concierge.orders.FulfilmentUpdate;
import io.concierge.orders.LineStatus;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.Orders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A carrier without webhooks, asked through its tracking API on a local server that first
 * hangs, then fails, then recovers: calls time out and are retried, the carrier is left
 * alone while it fails, and its parcels move once it answers again.
 */
@IntegrationTest
class CarrierPollerTests {

	@Autowired
	CarrierPoller poller;

	@Autowired
	OrderManagement orders;

	@Autowired
	JdbcClient jdbc;

	volatile String mode = "hang";

	@Test
	void timeoutsAndFailuresOpenTheBreakerAndTheParcelsMoveOnceTheCarrierRecovers() throws Exception {
		HttpServer carrier = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		carrier.createContext("/trackings/", (exchange) -> {
			String number = exchange.getRequestURI().getPath().substring("/trackings/".length());
			boolean authorised = "Bearer test-key".equals(exchange.getRequestHeaders().getFirst("Authorization"));
			if (this.mode.equals("hang")) {
				try {
					Thread.sleep(1_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			byte[] body = """
					{"trackingNumber": "%s", "estimatedDelivery": "2026-11-25",
					 "events": [{"time": "2026-11-21T06:12:00+01:00", "status": "IN_TRANSIT",
					   "description": "Im Paketzentrum angekommen", "location": "Leipzig, DE"},
					  {"time": "2026-11-21T05:00:00+01:00", "status": "HUB_SCAN", "description": "Hub scan"}]}
					""".formatted(number).getBytes(StandardCharsets.UTF_8);
			int status = (this.mode.equals("ok") && authorised) ? 200 : 503;
			exchange.sendResponseHeaders(status, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		carrier.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
		carrier.start();
		try {
			String name = "TestPost-" + UUID.randomUUID().toString().substring(0, 6);
			List<String> numbers = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				numbers.add(shipped(name));
			}
			CarrierPoller.Api api = new CarrierPoller.Api(
					URI.create("http://127.0.0.1:" + carrier.getAddress().getPort()), "test-key",
					Duration.ofMillis(300), Map.of("HUB_SCAN", DeliveryStage.IN_TRANSIT), Duration.ofSeconds(1));

			CarrierPoller.Round hanging = this.poller.poll(name, api);
			assertThat(hanging.asked()).isZero();
			assertThat(hanging.failed()).isGreaterThanOrEqualTo(1);
			assertThat(hanging.skipped()).as("left alone once it failed often enough").isGreaterThanOrEqualTo(1);
			assertThat(this.poller.available(name)).isFalse();

			this.mode = "fail";
			Thread.sleep(1_100);
			dueNow(numbers);
			CarrierPoller.Round failing = this.poller.poll(name, api);
			assertThat(failing.asked()).isZero();

			this.mode = "ok";
			Thread.sleep(1_100);
			dueNow(numbers);
			CarrierPoller.Round recovered = this.poller.poll(name, api);
			assertThat(recovered.asked()).isEqualTo(3);
			for (String number : numbers) {
				var parcel = this.orders.details(number).shipments().getFirst();
				assertThat(parcel.stage()).isEqualTo(DeliveryStage.IN_TRANSIT);
				assertThat(parcel.checkpoints()).hasSize(2);
			}
			assertThat(this.poller.poll(name, api).asked()).as("in transit: asked again in two hours").isZero();
		}
		finally {
			carrier.stop(0);
		}
	}

	private String shipped(String carrier) {
		String number = this.orders
			.place(Orders.of(UUID.randomUUID(), null, Instant.now().minusSeconds(86_400), "MUG-01", "Stoneware mug"));
		this.orders.apply(new FulfilmentUpdate(number, LineStatus.SHIPPED, Instant.now().minusSeconds(3_600), List.of(),
				carrier, null, "TP" + System.nanoTime(), null, null));
		return number;
	}

	private void dueNow(List<String> numbers) {
		this.jdbc
			.sql("""
					update carrier_poll set next_poll_at = now() - interval '1 second' where shipment_id in (
					  select s.id from shipment s join customer_order o on o.id = s.order_id where o.number in (:numbers))""")
			.param("numbers", numbers)
			.update();
	}

}
