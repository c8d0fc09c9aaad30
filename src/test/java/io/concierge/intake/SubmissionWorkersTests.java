package io.concierge.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.concierge.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Workers convert waiting submissions several to a transaction; one that fails does not
 * take the others with it.
 */
@IntegrationTest
class SubmissionWorkersTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void aSubmissionThatCannotBeReadIsRejectedAloneAndTheOthersOfItsBatchBecomeOrders() {
		String prefix = "W-" + UUID.randomUUID().toString().substring(0, 8);
		byte[] good = ShopifyPayloads.sale(prefix + "-1", "batch.buyer@example.com", "EUR", "12.50")
			.getBytes(StandardCharsets.UTF_8);
		byte[] alsoGood = ShopifyPayloads.sale(prefix + "-3", "batch.buyer@example.com", "EUR", "12.50")
			.getBytes(StandardCharsets.UTF_8);
		byte[] broken = "{\"saleId\": ".getBytes(StandardCharsets.UTF_8);
		// one statement, so a worker finds all three waiting at once and takes them
		// together
		this.jdbc
			.sql("""
					insert into intake_submission (id, channel_key, format, external_reference, payload, received_at,
					  priority, order_total, currency, state, next_attempt_at)
					values (gen_random_uuid(), 'test-till', 'POINT_OF_SALE', ?, ?, now(), 5, 12.50, 'EUR', 'RECEIVED', now()),
					       (gen_random_uuid(), 'test-till', 'POINT_OF_SALE', ?, ?, now(), 5, 12.50, 'EUR', 'RECEIVED', now()),
					       (gen_random_uuid(), 'test-till', 'POINT_OF_SALE', ?, ?, now(), 5, 12.50, 'EUR', 'RECEIVED', now())""")
			.params(prefix + "-1", good, prefix + "-2", broken, prefix + "-3", alsoGood)
			.update();

		await().atMost(Duration.ofSeconds(10)).until(() -> states(prefix), (states) -> !states.contains("RECEIVED"));
		assertThat(states(prefix)).containsExactly("ACCEPTED", "REJECTED", "ACCEPTED");
		assertThat(this.jdbc.sql("select reason_code from intake_submission where external_reference = ?")
			.param(prefix + "-2")
			.query(String.class)
			.single()).isEqualTo("MALFORMED");
	}

	private List<String> states(String prefix) {
		return this.jdbc
			.sql("select state from intake_submission where external_reference like ? order by external_reference")
			.param(prefix + "-%")
			.query(String.class)
			.list();
	}

}
