package io.concierge.webhooks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.IntegrationTest;
import io.concierge.notifications.MailOutbox;
import io.concierge.shared.EmailAddress;
import io.concierge.shared.IntegrationEvent;
import io.concierge.shared.SecretSeal;
import io.concierge.shared.Signatures;
import io.concierge.webhooks.WebhookSubscriptions.Delivery;
import io.concierge.webhooks.WebhookSubscriptions.NewSubscription;
import io.concierge.webhooks.WebhookSubscriptions.Status;
import io.concierge.webhooks.WebhookSubscriptions.Subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Integration events reach a receiver on this machine, signed, through its failures; one
 * that never answers well gets its subscription switched off and its contact a mail.
 */
@IntegrationTest
class WebhookDeliveryTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@Autowired
	WebhookSubscriptions subscriptions;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MailOutbox outbox;

	@Autowired
	JsonMapper json;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private HttpServer receiver;

	record ReturnRequested(String subject, String reason, Instant occurredAt) implements IntegrationEvent {

		@Override
		public String eventType() {
			return "order.return_requested";
		}

	}

	record Received(String delivery, String event, String signature, String body) {

	}

	@AfterEach
	void stopReceiver() {
		if (this.receiver != null) {
			this.receiver.stop(0);
		}
	}

	@Test
	void retriesThroughFailuresAndDeliversOnceSigned() throws IOException {
		String url = receiver((attempt) -> attempt <= 3);
		String name = "ERP " + UUID.randomUUID();
		WebhookSubscriptions.Created subscription = this.subscriptions.create(
				new NewSubscription(name, url, List.of("order.return_requested"), "erp@example.com"), "test", "test");
		String order = "ORD-" + UUID.randomUUID();

		publish(new ReturnRequested(order, "too small", Instant.parse("2026-11-02T09:30:00Z")));

		Delivery delivery = eventually(() -> this.subscriptions.deliveries(subscription.id()),
				(log) -> log.size() == 1 && log.get(0).status() == Status.DELIVERED)
			.get(0);
		assertThat(delivery.attempts()).isEqualTo(4);
		assertThat(delivery.lastStatusCode()).isEqualTo(200);
		assertThat(delivery.tries()).extracting(WebhookSubscriptions.Attempt::statusCode)
			.containsExactly(500, 500, 500, 200);
		assertThat(delivery.tries()).allSatisfy((attempt) -> assertThat(attempt.error()).isNull());
		pause(Duration.ofSeconds(1));
		assertThat(this.received).hasSize(4)
			.allSatisfy((request) -> assertThat(request.delivery()).isEqualTo(delivery.id().toString()))
			.allSatisfy((request) -> assertThat(request.event()).isEqualTo("order.return_requested"))
			.allSatisfy((request) -> assertThat(request.body()).isEqualTo(this.received.get(0).body()))
			.allSatisfy((request) -> assertThat(signedWith(request, subscription.secret())).isTrue());
		JsonNode body = this.json.readTree(this.received.get(0).body());
		assertThat(body.get("id").asString()).isEqualTo(delivery.eventId().toString());
		assertThat(body.get("type").asString()).isEqualTo("order.return_requested");
		assertThat(body.get("subject").asString()).isEqualTo(order);
		assertThat(body.get("occurredAt").asString()).isEqualTo("2026-11-02T09:30:00Z");
		assertThat(body.get("data").get("reason").asString()).isEqualTo("too small");
		assertThat(signedWith(this.received.get(0), "another secret")).isFalse();
	}

	@Test
	void switchesOffASubscriptionThatFailsForTheWholePeriodAndTellsItsContact() throws IOException {
		String url = receiver((attempt) -> true);
		String contact = "wms-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		WebhookSubscriptions.Created subscription = this.subscriptions
			.create(new NewSubscription("WMS", url, List.of(), contact), "test", "test");
		publish(new ReturnRequested("ORD-" + UUID.randomUUID(), "broken", Instant.now()));
		eventually(() -> this.subscriptions.deliveries(subscription.id()),
				(log) -> log.size() == 1 && log.get(0).attempts() >= 2);

		// a day of failures, without waiting a day: the first attempt moves back in time
		this.jdbc.sql("""
				update webhook_delivery set first_attempt_at = first_attempt_at - interval '2 days'
				where subscription_id = ?""").param(subscription.id()).update();

		Subscription off = eventually(() -> this.subscriptions.find(subscription.id()).orElseThrow(),
				(found) -> !found.enabled());
		assertThat(off.disabledReason()).contains("HTTP 500");
		Delivery given = this.subscriptions.deliveries(subscription.id()).get(0);
		assertThat(given.status()).isEqualTo(Status.FAILED);
		assertThat(eventually(() -> this.outbox.sentTo(EmailAddress.of(contact)), (mails) -> !mails.isEmpty()))
			.singleElement()
			.satisfies((mail) -> assertThat(mail.getSubject()).contains("WMS"));
		int sent = this.received.size();
		pause(Duration.ofSeconds(1));
		assertThat(this.received).hasSize(sent);

		this.subscriptions.enable(subscription.id(), "test", "test");
		this.subscriptions.sendAgain(subscription.id(), given.id(), "test", "test");
		eventually(this.received::size, (count) -> count > sent);
		this.subscriptions.remove(subscription.id(), "test", "test");
	}

	@Test
	void aReceiverThatRedirectsIsNotFollowed() throws IOException {
		List<String> elsewhere = new CopyOnWriteArrayList<>();
		this.receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		String base = "http://127.0.0.1:" + this.receiver.getAddress().getPort();
		this.receiver.createContext("/hook", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			exchange.getResponseHeaders().add("Location", base + "/internal-service");
			exchange.sendResponseHeaders(307, -1);
			exchange.close();
		});
		this.receiver.createContext("/internal-service", (exchange) -> {
			elsewhere.add(exchange.getRequestMethod());
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.receiver.start();
		WebhookSubscriptions.Created subscription = this.subscriptions
			.create(new NewSubscription("Redirecting " + UUID.randomUUID(), base + "/hook",
					List.of("order.return_requested"), "erp@example.com"), "test", "test");
		try {
			publish(new ReturnRequested("ORD-" + UUID.randomUUID(), "redirected", Instant.now()));
			Delivery delivery = eventually(() -> this.subscriptions.deliveries(subscription.id()),
					(log) -> log.size() == 1 && log.get(0).attempts() >= 2)
				.get(0);
			assertThat(delivery.status()).as("a redirect is no delivery").isNotEqualTo(Status.DELIVERED);
			assertThat(delivery.tries()).extracting(WebhookSubscriptions.Attempt::statusCode).contains(307);
			assertThat(elsewhere).as("the address it was sent on to").isEmpty();
		}
		finally {
			this.subscriptions.remove(subscription.id(), "test", "test");
		}
	}

	private String receiver(IntPredicate failsAttempt) throws IOException {
		this.receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.receiver.createContext("/hook", (exchange) -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			Received request = new Received(exchange.getRequestHeaders().getFirst("Concierge-Delivery"),
					exchange.getRequestHeaders().getFirst("Concierge-Event"),
					exchange.getRequestHeaders().getFirst("Concierge-Signature"),
					new String(body, StandardCharsets.UTF_8));
			this.received.add(request);
			long attempt = this.received.stream()
				.filter((earlier) -> earlier.delivery().equals(request.delivery()))
				.count();
			exchange.sendResponseHeaders(failsAttempt.test((int) attempt) ? 500 : 200, -1);
			exchange.close();
		});
		this.receiver.start();
		return "http://127.0.0.1:" + this.receiver.getAddress().getPort() + "/hook";
	}

	/**
	 * As a receiver checks it: the HMAC of {@code <t>.<body>} in hex after {@code v1=}.
	 */
	private static boolean signedWith(Received request, String secret) {
		String timestamp = request.signature().replaceAll("^t=(\\d+),v1=[0-9a-f]{64}$", "$1");
		String signature = request.signature().substring(request.signature().indexOf("v1=") + 3);
		byte[] expected = Signatures.hmacSha256((timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8),
				secret);
		return java.security.MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature));
	}

	@Test
	void aPrivateOrLinkLocalAddressIsRefusedWhenSubscribedAndAgainWhenSent() {
		for (String url : List.of("https://169.254.169.254/latest/meta-data/", "https://10.0.0.5/hooks",
				"https://[fd00::5]/hooks")) {
			assertThatExceptionOfType(WebhookSubscriptions.InvalidSubscription.class)
				.isThrownBy(() -> this.subscriptions.create(
						new NewSubscription("Inside " + UUID.randomUUID(), url, List.of(), "erp@example.com"), "test",
						"test"))
				.satisfies((ex) -> assertThat(ex.problems())
					.containsExactly(org.assertj.core.api.Assertions.entry("url", "webhooks.problem.url.private")));
		}

		// one made before the check, or whose name leads elsewhere now
		WebhookSubscriptions.Created inside = this.subscriptions
			.create(new NewSubscription("Inside " + UUID.randomUUID(), "http://127.0.0.1:9/hooks",
					List.of("order.return_requested"), "erp@example.com"), "test", "test");
		try {
			this.jdbc.sql("update webhook_subscription set url = 'https://10.0.0.5/hooks' where id = ?")
				.param(inside.id())
				.update();
			publish(new ReturnRequested("ORD-" + UUID.randomUUID(), "inside", Instant.now()));

			Delivery delivery = eventually(() -> this.subscriptions.deliveries(inside.id()),
					(log) -> log.size() == 1 && !log.get(0).tries().isEmpty())
				.get(0);
			assertThat(delivery.status()).isEqualTo(Status.PENDING);
			assertThat(delivery.tries().get(0).statusCode()).isNull();
			assertThat(delivery.tries().get(0).error()).isEqualTo(
					"Not sent: 10.0.0.5 leads to 10.0.0.5, a private network; webhooks go only to public addresses.");
		}
		finally {
			this.subscriptions.remove(inside.id(), "test", "test");
		}
	}

	@Test
	void aSubscriptionWhoseSecretCannotBeOpenedIsSwitchedOffSayingWhyAndTheOthersGoOn() {
		WebhookSubscriptions.Created broken = this.subscriptions
			.create(new WebhookSubscriptions.NewSubscription("Broken secret", "http://127.0.0.1:9/hooks",
					List.of("order.refund_due"), "erp@example.com"), "test", "test");
		try {
			// sealed with a key this installation does not have, as a row copied from
			// elsewhere would be
			String foreign = SecretSeal.PREFIX + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
			assertThat(this.subscriptions.secret(broken.id(), foreign)).isNull();
			assertThat(this.subscriptions.find(broken.id()).orElseThrow()).satisfies((off) -> {
				assertThat(off.enabled()).isFalse();
				assertThat(off.disabledReason()).contains("give it a new secret");
			});
		}
		finally {
			this.subscriptions.remove(broken.id(), "test", "test");
		}
	}

	private void publish(IntegrationEvent event) {
		this.transactions.executeWithoutResult((transaction) -> this.events.publishEvent(event));
	}

	private static <T> T eventually(Supplier<T> probe, Predicate<T> done) {
		Instant deadline = Instant.now().plus(PATIENCE);
		T value = probe.get();
		while (!done.test(value)) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("Still not so after " + PATIENCE + ": " + value);
			}
			pause(Duration.ofMillis(100));
			value = probe.get();
		}
		return value;
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
