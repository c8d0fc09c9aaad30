package io.concierge.billing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.concierge.ChildNode;
import io.concierge.IntegrationTest;
import io.concierge.identity.Accounts;
import io.concierge.identity.ApiKeys;
import io.concierge.identity.Callers;
import io.concierge.identity.TestLogins;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.Orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node invoicing a warehouse's burst of shipments is killed with SIGKILL in the middle
 * of it; the warehouse sends again what went unanswered, a node starts again and takes on
 * the events the dead one left: every order has exactly one invoice, and the numbers run
 * on without a gap or a number twice.
 */
@IntegrationTest
class InvoiceCrashTests {

	private static final int ORDERS = 120;

	@Autowired
	Accounts accounts;

	@Autowired
	Callers callers;

	@Autowired
	OrderManagement orders;

	@Autowired
	ApiKeys keys;

	@Autowired
	JdbcClient jdbc;

	@Value("${spring.datasource.url}")
	String database;

	@Value("${spring.datasource.password:}")
	String password;

	@Test
	void aNodeKilledMidBatchLeavesEachOrderOneInvoiceAndTheNumbersWithoutGaps() throws Exception {
		UUID account = this.callers.of((Principal) TestLogins.customer(this.accounts)::email).account();
		List<String> numbers = new ArrayList<>();
		for (int i = 0; i < ORDERS; i++) {
			numbers.add(this.orders.place(Orders.of(account, null, Orders.PLACED, "MUG-01", "Stoneware mug")));
		}
		String key = this.keys.create("Warehouse " + UUID.randomUUID(), Set.of(ApiKeys.FULFILMENT), "test", "test");
		// the warehouse's events, each with its id, sent again as they were when
		// unanswered
		Map<String, String> events = new LinkedHashMap<>();
		numbers.forEach((number) -> events.put(number, """
				{"eventId": "%s", "orderNumber": "%s", "type": "SHIPPED", "occurredAt": "%s",
				 "carrier": "DHL", "trackingNumber": "SIM%d"}""".formatted(UUID.randomUUID(), number, Instant.now(),
				System.nanoTime())));
		HttpClient http = HttpClient.newHttpClient();

		int before;
		try (ChildNode node = ChildNode.start("invoice-node", this.database, this.password)) {
			List<CompletableFuture<HttpResponse<Void>>> sent = events.values()
				.stream()
				.map((event) -> send(http, node, key, event))
				.toList();
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> invoiced(numbers).size() >= 20);
			node.kill();
			sent.forEach((response) -> response.handle((answer, failure) -> null).join());
			before = invoiced(numbers).size();
		}
		assertThat(before).as("killed in the middle of the batch").isBetween(20, ORDERS - 1);

		// the node comes back (and takes on the events the dead one left), the warehouse
		// sends everything again
		try (ChildNode node = ChildNode.start("invoice-restarted", this.database, this.password)) {
			List<CompletableFuture<HttpResponse<Void>>> sent = events.values()
				.stream()
				.map((event) -> send(http, node, key, event))
				.toList();
			assertThat(sent).allSatisfy((response) -> assertThat(response.join().statusCode()).isEqualTo(200));
			await().atMost(Duration.ofSeconds(120)).until(() -> invoiced(numbers).size() == ORDERS);
			Thread.sleep(2_000);
		}

		List<String> invoiced = invoiced(numbers);
		assertThat(invoiced).as("each order once").hasSize(ORDERS).doesNotHaveDuplicates();
		// the numbers of every series and year these invoices are in: 1 to the last, each
		// once
		List<Map<String, Object>> series = this.jdbc.sql("""
				select series, year, count(*) as issued, count(distinct sequence) as numbers, max(sequence) as last
				from invoice where (series, year) in (select series, year from invoice where order_number in (:numbers))
				group by series, year""").param("numbers", numbers).query().listOfRows();
		assertThat(series).isNotEmpty().allSatisfy((row) -> {
			assertThat(((Number) row.get("numbers")).longValue()).as("no number twice in %s", row)
				.isEqualTo(((Number) row.get("issued")).longValue());
			assertThat(((Number) row.get("last")).longValue()).as("no gap in %s", row)
				.isEqualTo(((Number) row.get("issued")).longValue());
		});
		System.out.println("Invoiced before the kill: " + before + " of " + ORDERS);
	}

	/**
	 * The order numbers of the invoices issued for these orders, once per invoice.
	 */
	private List<String> invoiced(List<String> numbers) {
		return this.jdbc.sql("select order_number from invoice where order_number in (:numbers) and kind = 'INVOICE'")
			.param("numbers", numbers)
			.query(String.class)
			.list();
	}

	private static CompletableFuture<HttpResponse<Void>> send(HttpClient http, ChildNode node, String key,
			String event) {
		return http.sendAsync(HttpRequest.newBuilder(URI.create(node.url("/api/fulfilment/events")))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(event))
			.build(), HttpResponse.BodyHandlers.discarding());
	}

}
