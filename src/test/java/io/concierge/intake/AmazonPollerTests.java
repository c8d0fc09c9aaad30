package io.concierge.intake;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.concierge.IntegrationTest;
import io.concierge.orders.OrderDetails;
import io.concierge.orders.OrderManagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The Amazon marketplace channel against a fake Selling Partner API on 127.0.0.1: orders
 * fetched page by page with their items, a pending order completed by a later poll, a
 * failing poll that stores nothing, and the poll's lag in the channel's health.
 */
@IntegrationTest
class AmazonPollerTests {

	private static final String CHANNEL = "test-amazon";

	static FakeAmazon amazon;

	@Autowired
	AmazonPoller poller;

	@Autowired
	IntakeChannels channels;

	@Autowired
	IntakeHealth health;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OrderManagement orders;

	@BeforeAll
	static void startAmazon() throws Exception {
		amazon = new FakeAmazon();
	}

	@AfterAll
	static void stopAmazon() {
		amazon.close();
	}

	@Test
	void fetchesCompletedOrdersWithTheirItemsAndCompletesAPendingOneLater() {
		String shipped = "302-" + UUID.randomUUID().toString().substring(0, 7) + "-0000001";
		String pending = "302-" + UUID.randomUUID().toString().substring(0, 7) + "-0000002";
		amazon.orders.clear();
		amazon.orders.add(FakeAmazon.unshipped(shipped, "kd8z9x@marketplace.amazon.de"));
		amazon.orders.add(FakeAmazon.pending(pending));
		amazon.items.put(shipped, FakeAmazon.items());
		amazon.items.put(pending, FakeAmazon.items());

		AmazonPoller.Polled first = poll();
		assertThat(first.stored()).isEqualTo(1);
		assertThat(first.waiting()).isEqualTo(1);
		OrderDetails order = this.orders.details(accepted(shipped));
		assertThat(order.channel()).hasToString("MARKETPLACE");
		assertThat(order.totals().grandTotal().amount()).isEqualByComparingTo("53.90");
		assertThat(order.totals().discounts().amount()).isEqualByComparingTo("2.50");
		assertThat(order.lines()).extracting(OrderDetails.Line::sku).containsExactly("MUG-01", "POT-07");
		assertThat(order.lines().getFirst().unitPrice().amount()).as("ItemPrice is for the line")
			.isEqualByComparingTo("12.50");
		assertThat(order.shipTo().lineList()).containsExactly("Kastanienallee 12", "Hinterhaus");

		amazon.orders.set(1, FakeAmazon.unshipped(pending, "p3q7r1@marketplace.amazon.de"));
		AmazonPoller.Polled second = poll();
		assertThat(second.waiting()).isZero();
		assertThat(this.orders.details(accepted(pending)).shipTo().city()).isEqualTo("Berlin");
		assertThat(amazon.updatedAfter.getLast()).as("the next poll starts where Amazon said the last one ended")
			.isEqualTo("2026-11-22T10:00:00Z");
		assertThat(this.jdbc.sql("select count(*) from intake_submission where external_reference = ?")
			.param(shipped)
			.query(Integer.class)
			.single()).as("fetched twice, stored once").isEqualTo(1);
		assertThat(amazon.tokensIssued.get()).as("the access token is kept until it expires").isEqualTo(1);
	}

	@Test
	void aFailingPollStoresNothingAndShowsInTheChannelsHealth() {
		String id = "302-" + UUID.randomUUID().toString().substring(0, 7) + "-0000003";
		amazon.orders.clear();
		amazon.orders.add(FakeAmazon.unshipped(id, "z1@marketplace.amazon.de"));
		amazon.items.put(id, FakeAmazon.items());
		amazon.failing = true;
		try {
			assertThatException().isThrownBy(this::poll);
		}
		finally {
			amazon.failing = false;
		}
		assertThat(this.jdbc.sql("select count(*) from intake_submission where external_reference = ?")
			.param(id)
			.query(Integer.class)
			.single()).isZero();

		poll();
		@SuppressWarnings("unchecked")
		Map<String, Object> source = (Map<String, Object>) this.health.health().getDetails().get(CHANNEL);
		assertThat(source).containsKey("pollLagSeconds");
		assertThat((String) source.get("reason")).contains("pending at the source");
	}

	private AmazonPoller.Polled poll() {
		IntakeChannels.Channel channel = this.channels.find(CHANNEL).orElseThrow();
		IntakeChannels.Marketplace configured = channel.marketplace();
		return this.poller.poll(CHANNEL, channel,
				new IntakeChannels.Marketplace(amazon.baseUrl(), List.of("A1PA6795UKMFR9"),
						amazon.baseUrl().resolve("/auth/o2/token"), configured.clientId(), configured.clientSecret(),
						configured.refreshToken(), configured.pollInterval()));
	}

	private String accepted(String amazonOrderId) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc
				.sql("select coalesce(order_number, '') from intake_submission where external_reference = ?")
				.param(amazonOrderId)
				.query(String.class)
				.optional()
				.orElse(""), (number) -> !number.isEmpty());
	}

}
