package io.concierge.intake;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.concierge.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka down while a channel is queued through it. Down from the start, every submission
 * is still answered 202 at once and becomes one order, converted from PostgreSQL by the
 * node itself; once a broker listens on the address, submissions go through Kafka again;
 * when it goes away under traffic, the ones it did not take are converted here after the
 * producer gives up on them. Nothing is lost, nothing becomes two orders.
 */
@IntegrationTest
@TestPropertySource(properties = { "concierge.intake.kafka.enabled=true", "spring.kafka.admin.operation-timeout=2s",
		"spring.kafka.admin.close-timeout=2s" })
@DirtiesContext
class KafkaFaultTests {

	private static final String TOPIC = "concierge.intake.submissions";

	private static final int PORT = freePort();

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + PORT);
	}

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void withKafkaDownSubmissionsAreTakenAndEachBecomesOneOrder() throws Exception {
		String run = "KF-" + UUID.randomUUID().toString().substring(0, 8);

		// down from the start: nothing listens at the bootstrap address
		List<String> whileDown = submit(run + "-down", 8);
		awaitOrders(whileDown, Duration.ofSeconds(30));

		// a broker comes up behind the bootstrap address (the KRaft test broker takes a
		// port of its own, so the address forwards to it; clients then talk to the broker
		// at the address it advertises)
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, TOPIC);
		broker.afterPropertiesSet();
		List<String> throughKafka = new ArrayList<>();
		List<String> whileUp = new ArrayList<>();
		try (Forwarder bootstrap = new Forwarder(PORT, broker.getBrokersAsString())) {
			// back: the producer finds the broker, and announcements go through it again
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
				List<String> one = submit(run + "-up-" + whileUp.size(), 1);
				whileUp.addAll(one);
				throughKafka.addAll(announced(broker, whileUp));
				return !throughKafka.isEmpty();
			});
			awaitOrders(whileUp, Duration.ofSeconds(30));
		}
		finally {
			broker.destroy();
		}

		// away again under traffic: the producer knows the topic, holds the messages, and
		// gives up on them after its delivery timeout
		List<String> afterwards = submit(run + "-gone", 8);
		awaitOrders(afterwards, Duration.ofSeconds(60));

		List<String> all = new ArrayList<>(whileDown);
		all.addAll(whileUp);
		all.addAll(afterwards);
		assertThat(this.jdbc.sql("""
				select count(*) from intake_submission s join customer_order o on o.number = s.order_number
				where s.id in (:ids) and s.state = 'ACCEPTED'""")
			.param("ids", all.stream().map(UUID::fromString).toList())
			.query(Integer.class)
			.single()).as("each submission one order").isEqualTo(all.size());
		assertThat(this.jdbc.sql("select count(*) from customer_order where external_reference like ?")
			.param(run + "-%")
			.query(Integer.class)
			.single()).as("and no order twice").isEqualTo(all.size());
	}

	/**
	 * Sends so many orders on the Kafka channel; each is answered 202 at once.
	 * @return their submissions' ids
	 */
	private List<String> submit(String prefix, int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			byte[] body = ShopifyPayloads.sale(prefix + "-" + i, "kafka.fault@example.com", "EUR", "9.90")
				.getBytes(StandardCharsets.UTF_8);
			long started = System.nanoTime();
			MvcTestResult result = this.mvc.post()
				.uri("/api/intake/test-kafka")
				.contentType(MediaType.APPLICATION_JSON)
				.header("X-Concierge-Hmac-Sha256", IntakeApiTests.sign(body, "test-kafka-secret"))
				.content(body)
				.exchange();
			assertThat(result).hasStatus(202);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered without waiting for Kafka")
				.isLessThan(Duration.ofSeconds(1));
			String location = result.getResponse().getHeader("Location");
			ids.add(location.substring(location.lastIndexOf('/') + 1));
		}
		return ids;
	}

	private void awaitOrders(List<String> ids, Duration patience) {
		await().atMost(patience)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> this.jdbc
				.sql("select count(*) from intake_submission where id in (:ids) and state = 'ACCEPTED'")
				.param("ids", ids.stream().map(UUID::fromString).toList())
				.query(Integer.class)
				.single(), (accepted) -> accepted == ids.size());
	}

	/**
	 * Which of these submissions were announced on the topic.
	 */
	private static List<String> announced(EmbeddedKafkaKraftBroker broker, List<String> ids) {
		Map<String, Object> properties = KafkaTestUtils.consumerProps(broker, "fault-" + UUID.randomUUID(), false);
		properties.put("auto.offset.reset", "earliest");
		try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<>(properties, new StringDeserializer(),
				new StringDeserializer())
			.createConsumer()) {
			broker.consumeFromAnEmbeddedTopic(consumer, TOPIC);
			List<String> seen = new ArrayList<>();
			KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(2)).forEach((record) -> seen.add(record.value()));
			return seen.stream().filter(ids::contains).toList();
		}
	}

	/**
	 * Forwards the connections to one address to another.
	 */
	static final class Forwarder implements AutoCloseable {

		private final ServerSocket server;

		private final List<Socket> sockets = new CopyOnWriteArrayList<>();

		Forwarder(int port, String target) throws IOException {
			this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
			String host = target.substring(0, target.lastIndexOf(':'));
			int targetPort = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
			Thread.ofVirtual().start(() -> {
				while (!this.server.isClosed()) {
					try {
						Socket client = this.server.accept();
						this.sockets.add(client);
						try {
							Socket broker = new Socket(host, targetPort);
							this.sockets.add(broker);
							Thread.ofVirtual().start(() -> copy(client, broker));
							Thread.ofVirtual().start(() -> copy(broker, client));
						}
						catch (IOException gone) {
							// the broker is gone: the client sees its connection end
							client.close();
						}
					}
					catch (IOException closed) {
						// the forwarder is closed
					}
				}
			});
		}

		private static void copy(Socket from, Socket to) {
			try {
				from.getInputStream().transferTo(to.getOutputStream());
			}
			catch (IOException ended) {
				// one side closed
			}
			finally {
				try {
					from.close();
					to.close();
				}
				catch (IOException ex) {
					// closed already
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.server.close();
			for (Socket socket : this.sockets) {
				socket.close();
			}
		}

	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
