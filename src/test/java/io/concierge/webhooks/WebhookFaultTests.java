package io.concierge.webhooks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.IntegrationTest;
import io.concierge.shared.IntegrationEvent;
import io.concierge.webhooks.WebhookSubscriptions.Delivery;
import io.concierge.webhooks.WebhookSubscriptions.NewSubscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A receiver that hangs (it answers the status line and never finishes the body, the
 * nastiest way to hang) beside one that answers at once: the healthy one gets every
 * delivery while the hung one still holds its connections, the hung one never gets more
 * connections than its bulkhead allows, and each of its posts ends after the timeout and
 * is tried again later.
 */
@IntegrationTest
class WebhookFaultTests {

	@Autowired
	WebhookSubscriptions subscriptions;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	record ReturnRequested(String subject, String reason, Instant occurredAt) implements IntegrationEvent {

		@Override
		public String eventType() {
			return "order.return_requested";
		}

	}

	@Test
	void aHungReceiverDelaysNoOtherAndTimesOut() throws Exception {
		Map<String, Instant> healthyGot = new ConcurrentHashMap<>();
		HttpServer healthy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		healthy.createContext("/hook", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			healthyGot.put(exchange.getRequestHeaders().getFirst("Concierge-Delivery"), Instant.now());
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		healthy.start();
		try (HungReceiver hung = new HungReceiver()) {
			UUID slow = this.subscriptions
				.create(new NewSubscription("Hung ERP " + UUID.randomUUID(), hung.url(),
						List.of("order.return_requested"), "hung@example.com"), "test", "test")
				.id();
			UUID fine = this.subscriptions
				.create(new NewSubscription("Healthy WMS " + UUID.randomUUID(),
						"http://127.0.0.1:" + healthy.getAddress().getPort() + "/hook",
						List.of("order.return_requested"), "wms@example.com"), "test", "test")
				.id();
			try {
				for (int i = 0; i < 6; i++) {
					publish(new ReturnRequested("ORD-" + UUID.randomUUID(), "hung " + i, Instant.now()));
				}
				await().atMost(Duration.ofSeconds(20)).until(() -> hung.open() > 0);
				// more work arrives while the hung receiver holds its connections
				for (int i = 0; i < 4; i++) {
					publish(new ReturnRequested("ORD-" + UUID.randomUUID(), "later " + i, Instant.now()));
				}

				await().atMost(Duration.ofSeconds(20)).until(() -> delivered(fine) == 10);
				assertThat(attempted(slow)).as("the healthy receiver got everything before the hung one timed out")
					.isZero();
				assertThat(healthyGot).hasSize(10);

				List<Delivery> timedOut = await().atMost(Duration.ofSeconds(30))
					.until(() -> this.subscriptions.deliveries(slow),
							(log) -> log.stream().filter((delivery) -> !delivery.tries().isEmpty()).count() >= 4);
				assertThat(timedOut).flatExtracting(Delivery::tries)
					.allSatisfy((attempt) -> assertThat(attempt.error()).isEqualTo("No answer within 5 s"));
				assertThat(hung.mostOpenAtOnce()).as("the hung receiver's bulkhead").isBetween(1, 4);
				assertThat(this.subscriptions.deliveries(slow)).allSatisfy(
						(delivery) -> assertThat(delivery.status()).isEqualTo(WebhookSubscriptions.Status.PENDING));
			}
			finally {
				this.subscriptions.remove(slow, "test", "test");
				this.subscriptions.remove(fine, "test", "test");
			}
		}
		finally {
			healthy.stop(0);
		}
	}

	private long delivered(UUID subscription) {
		return this.subscriptions.deliveries(subscription)
			.stream()
			.filter((delivery) -> delivery.status() == WebhookSubscriptions.Status.DELIVERED)
			.count();
	}

	private long attempted(UUID subscription) {
		return this.subscriptions.deliveries(subscription)
			.stream()
			.filter((delivery) -> !delivery.tries().isEmpty())
			.count();
	}

	private void publish(IntegrationEvent event) {
		this.transactions.executeWithoutResult((transaction) -> this.events.publishEvent(event));
	}

	/**
	 * Takes every connection, reads the request, sends a status line and headers that
	 * promise a body, and then nothing more until it is closed.
	 */
	static final class HungReceiver implements AutoCloseable {

		private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

		private final List<Socket> connections = new CopyOnWriteArrayList<>();

		private final AtomicInteger open = new AtomicInteger();

		private final AtomicInteger most = new AtomicInteger();

		private final Thread acceptor;

		HungReceiver() throws IOException {
			this.acceptor = Thread.ofVirtual().start(this::accept);
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getLocalPort() + "/hook";
		}

		int open() {
			return this.open.get();
		}

		int mostOpenAtOnce() {
			return this.most.get();
		}

		private void accept() {
			while (!this.server.isClosed()) {
				try {
					Socket connection = this.server.accept();
					this.connections.add(connection);
					this.most.accumulateAndGet(this.open.incrementAndGet(), Math::max);
					Thread.ofVirtual().start(() -> hang(connection));
				}
				catch (IOException closed) {
					return;
				}
			}
		}

		private void hang(Socket connection) {
			try (connection) {
				byte[] buffer = new byte[8192];
				List<Byte> seen = new ArrayList<>();
				// up to the end of the request's headers; the body is left unread
				while (!endsWithBlankLine(seen)) {
					int read = connection.getInputStream().read(buffer, 0, 1);
					if (read < 0) {
						return;
					}
					seen.add(buffer[0]);
				}
				OutputStream out = connection.getOutputStream();
				out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				// and then nothing: the client gives up and closes
				while (connection.getInputStream().read(buffer) >= 0) {
					// drain the body it sends, until it closes
				}
			}
			catch (IOException ended) {
				// closed by the client or by the test
			}
			finally {
				this.open.decrementAndGet();
			}
		}

		private static boolean endsWithBlankLine(List<Byte> seen) {
			int n = seen.size();
			return n >= 4 && seen.get(n - 4) == '\r' && seen.get(n - 3) == '\n' && seen.get(n - 2) == '\r'
					&& seen.get(n - 1) == '\n';
		}

		@Override
		public void close() throws IOException {
			this.server.close();
			for (Socket connection : this.connections) {
				connection.close();
			}
			this.acceptor.interrupt();
		}

	}

}
