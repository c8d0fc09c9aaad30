package io.concierge.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A channel queued through Kafka, on an embedded broker: each stored submission is
 * announced on the topic keyed by channel and order, the consumers convert it, and one
 * whose message never came is taken from PostgreSQL after the grace period. The
 * PostgreSQL workers leave the channel's fresh submissions alone, so the orders here were
 * made by the consumers.
 */
@IntegrationTest
@EmbeddedKafka(partitions = 3, topics = "concierge.intake.submissions")
@TestPropertySource(properties = { "concierge.intake.kafka.enabled=true",
		"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}" })
class KafkaQueueTests {

	private static final String SECRET = "test-kafka-secret";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Test
	void submissionsAreQueuedThroughKafkaKeyedByChannelAndOrderAndBecomeOrders() {
		String prefix = "K-" + UUID.randomUUID().toString().substring(0, 8);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			byte[] body = ShopifyPayloads.sale(prefix + "-" + i, "kafka.buyer@example.com", "EUR", "12.50")
				.getBytes(StandardCharsets.UTF_8);
			String id = this.mvc.post()
				.uri("/api/intake/test-kafka")
				.contentType(MediaType.APPLICATION_JSON)
				.header("X-Concierge-Hmac-Sha256", IntakeApiTests.sign(body, SECRET))
				.content(body)
				.exchange()
				.getResponse()
				.getHeader("Location");
			ids.add(id.substring(id.lastIndexOf('/') + 1));
		}

		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc
				.sql("select count(*) from intake_submission where external_reference like ? "
						+ "and state = 'ACCEPTED'")
				.param(prefix + "-%")
				.query(Integer.class)
				.single(), (n) -> n == 5);

		Map<String, Object> properties = KafkaTestUtils.consumerProps(this.broker, "test-" + prefix, false);
		properties.put("auto.offset.reset", "earliest");
		try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(properties, new StringDeserializer(),
				new StringDeserializer())
			.createConsumer()) {
			this.broker.consumeFromAnEmbeddedTopic(consumer, "concierge.intake.submissions");
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				KafkaTestUtils.getRecords(consumer, Duration.ofMillis(500)).forEach(records::add);
				return records.stream().filter((r) -> r.key().startsWith("test-kafka:" + prefix)).count() == 5;
			});
			assertThat(records).filteredOn((r) -> r.key().startsWith("test-kafka:" + prefix))
				.extracting(ConsumerRecord::value)
				.containsExactlyInAnyOrderElementsOf(ids);
		}
	}

	@Test
	void aSubmissionWhoseMessageNeverCameIsTakenFromPostgresqlAfterTheGracePeriod() {
		String reference = "K-" + UUID.randomUUID().toString().substring(0, 8);
		byte[] body = ShopifyPayloads.sale(reference, "kafka.buyer@example.com", "EUR", "12.50")
			.getBytes(StandardCharsets.UTF_8);
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into intake_submission (id, channel_key, format, external_reference, payload, received_at,
				  priority, order_total, currency, state, next_attempt_at)
				values (?, 'test-kafka', 'POINT_OF_SALE', ?, ?, now() - interval '3 minutes', 5, 12.50, 'EUR',
				  'RECEIVED', now() - interval '3 minutes')""").params(id, reference, body).update();

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.sql("select state from intake_submission where id = ?")
				.param(id)
				.query(String.class)
				.single(), (state) -> state.equals("ACCEPTED"));
	}

}
