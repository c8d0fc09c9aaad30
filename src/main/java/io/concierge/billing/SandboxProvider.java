package io.concierge.billing;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.function.SingletonSupplier;

import io.concierge.shared.Signatures;
import io.concierge.shared.StrictJson;

/**
 * The built-in payment provider the demo and the tests use, which behaves like a real
 * one: a hosted checkout page the customer is sent to, cards that are declined or ask for
 * a 3-D-Secure-like confirmation, and a signed webhook that comes a little after the
 * payment, over HTTP, in Stripe's signature scheme.
 * <p>
 * Test cards: {@code 4242 4242 4242 4242} pays; {@code 4000 0000 0000 0002} is declined;
 * {@code 4000 0027 6000 3184} asks the bank's confirmation first; any other number that
 * passes the Luhn check pays.
 */
public class SandboxProvider implements PaymentProvider {

	private static final Logger logger = LoggerFactory.getLogger(SandboxProvider.class);

	static final String NAME = "sandbox";

	static final String DECLINED = "4000000000000002";

	static final String CHALLENGE = "4000002760003184";

	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final BillingSettings.Sandbox settings;

	private final Clock clock;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private volatile int port;

	/** The name of the secret made for the webhooks when none is configured. */
	static final String WEBHOOK_SECRET = "billing.sandbox.webhook-secret";

	private final Supplier<String> secret;

	/**
	 * @param secret signs and checks the webhooks: the configured one, else the one
	 * Concierge made at its first start, read at the first webhook
	 */
	SandboxProvider(JdbcClient jdbc, BillingSettings.Sandbox settings, Clock clock, Supplier<String> secret) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.secret = SingletonSupplier.of(secret);
		this.clock = clock;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	@Transactional
	public Checkout checkout(BigDecimal amount, String currency, String description, String returnUrl,
			String idempotencyKey) {
		Optional<String> existing = this.jdbc.sql("select id from sandbox_session where idempotency_key = ?")
			.param(idempotencyKey)
			.query(String.class)
			.optional();
		String id = existing.orElseGet(() -> {
			String created = "cs_sandbox_" + token();
			this.jdbc.sql("""
					insert into sandbox_session (id, amount, currency, description, return_url, status, idempotency_key,
					  created_at) values (?, ?, ?, ?, ?, 'OPEN', ?, ?)""")
				.params(created, amount, currency, description, returnUrl, idempotencyKey,
						this.clock.instant().atOffset(ZoneOffset.UTC))
				.update();
			return created;
		});
		return new Checkout(id, "/billing/sandbox/" + id);
	}

	@Override
	@Transactional
	public String refund(String payment, BigDecimal amount, String currency, String idempotencyKey) {
		String session = payment.startsWith("pi_sandbox_") ? "cs_sandbox_" + payment.substring(11) : "";
		Integer paid = this.jdbc.sql("select count(*) from sandbox_session where id = ? and status = 'PAID'")
			.param(session)
			.query(Integer.class)
			.single();
		if (paid == 0) {
			throw new PaymentFailed("The sandbox knows no payment " + payment, null);
		}
		return "re_sandbox_" + HexFormat.of().formatHex(sha256(idempotencyKey)).substring(0, 24);
	}

	/**
	 * A checkout session as its page shows it.
	 */
	public record Session(String id, BigDecimal amount, String currency, String description, String returnUrl,
			String status) {

	}

	@Transactional(readOnly = true)
	public Optional<Session> session(String id) {
		return this.jdbc.sql("select * from sandbox_session where id = ?")
			.param(id)
			.query((rs, n) -> new Session(rs.getString("id"), rs.getBigDecimal("amount"), rs.getString("currency"),
					rs.getString("description"), rs.getString("return_url"), rs.getString("status")))
			.optional();
	}

	/**
	 * What paying with a card did.
	 */
	public enum Outcome {

		PAID, DECLINED, CHALLENGE, INVALID_CARD, CLOSED

	}

	/**
	 * Pays an open session with a card number.
	 */
	@Transactional
	public Outcome pay(String id, String cardNumber) {
		String card = cardNumber.replaceAll("[\\s-]", "");
		if (!card.matches("\\d{12,19}") || !luhn(card)) {
			return Outcome.INVALID_CARD;
		}
		Optional<Session> session = open(id);
		if (session.isEmpty()) {
			return Outcome.CLOSED;
		}
		if (card.equals(DECLINED)) {
			return Outcome.DECLINED;
		}
		if (card.equals(CHALLENGE)) {
			this.jdbc.sql("update sandbox_session set status = 'CHALLENGE', card_last4 = ? where id = ?")
				.params(card.substring(card.length() - 4), id)
				.update();
			return Outcome.CHALLENGE;
		}
		paid(session.get(), card.substring(card.length() - 4));
		return Outcome.PAID;
	}

	/**
	 * The bank's confirmation step: confirmed pays, refused goes back to the card form.
	 */
	@Transactional
	public Outcome confirm(String id, boolean confirmed) {
		Optional<Session> session = session(id).filter((found) -> found.status().equals("CHALLENGE"));
		if (session.isEmpty()) {
			return Outcome.CLOSED;
		}
		if (!confirmed) {
			this.jdbc.sql("update sandbox_session set status = 'OPEN' where id = ?").param(id).update();
			return Outcome.DECLINED;
		}
		paid(session.get(), null);
		return Outcome.PAID;
	}

	private Optional<Session> open(String id) {
		return this.jdbc.sql("select id from sandbox_session where id = ? and status = 'OPEN' for update")
			.param(id)
			.query(String.class)
			.optional()
			.flatMap(this::session);
	}

	private void paid(Session session, @Nullable String last4) {
		this.jdbc.sql("update sandbox_session set status = 'PAID', card_last4 = coalesce(?, card_last4) where id = ?")
			.params(last4, session.id())
			.update();
		String payload = StrictJson.mapper()
			.writeValueAsString(Map.of("id", "evt_sandbox_" + token(), "type", "checkout.session.completed", "data",
					Map.of("id", session.id(), "payment", "pi_sandbox_" + session.id().substring(11), "amount",
							session.amount().stripTrailingZeros().toPlainString(), "currency", session.currency())));
		this.jdbc.sql("insert into sandbox_webhook (payload, deliver_at) values (?, ?)")
			.params(payload, this.clock.instant().plus(this.settings.webhookDelay()).atOffset(ZoneOffset.UTC))
			.update();
	}

	@EventListener
	void on(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() == null) {
			this.port = event.getWebServer().getPort();
		}
	}

	/**
	 * Delivers the webhooks that are due to Concierge's own endpoint, signed; one that is
	 * not answered 2xx goes again later, up to ten times.
	 */
	@Scheduled(fixedDelayString = "PT0.5S", initialDelayString = "PT2S")
	void deliver() {
		if (this.port == 0) {
			return;
		}
		List<Map.Entry<Long, String>> due = this.jdbc.sql("""
				select id, payload from sandbox_webhook
				where delivered_at is null and deliver_at <= ? and attempts < 10 order by id limit 20""")
			.param(this.clock.instant().atOffset(ZoneOffset.UTC))
			.query((rs, n) -> Map.entry(rs.getLong("id"), rs.getString("payload")))
			.list();
		for (Map.Entry<Long, String> webhook : due) {
			boolean delivered = post(webhook.getValue());
			this.jdbc.sql("""
					update sandbox_webhook set attempts = attempts + 1,
					  delivered_at = case when ? then now() end,
					  deliver_at = case when ? then deliver_at else now() + interval '5 seconds' * (attempts + 1) end
					where id = ?""").params(delivered, delivered, webhook.getKey()).update();
		}
	}

	private boolean post(String payload) {
		byte[] body = payload.getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/payments/webhooks/sandbox"))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.header("Sandbox-Signature", Signatures.timestamped(this.clock.instant().getEpochSecond(), body, secret()))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		try {
			int status = this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			return status / 100 == 2;
		}
		catch (java.io.IOException ex) {
			logger.warn("The sandbox's webhook could not be delivered: {}", ex.getMessage());
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public Event verify(String payload, Map<String, String> headers) {
		String header = headers.get("sandbox-signature");
		if (header == null || !header.matches("t=\\d{1,12},v1=[0-9a-f]{64}")) {
			throw new WebhookRefused("The Sandbox-Signature header is missing or malformed");
		}
		long time = Long.parseLong(header.substring(2, header.indexOf(',')));
		if (Math.abs(this.clock.instant().getEpochSecond() - time) > 300) {
			throw new WebhookRefused("The event is more than five minutes old");
		}
		byte[] expected = Signatures.timestamped(time, payload.getBytes(StandardCharsets.UTF_8), secret())
			.getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.US_ASCII))) {
			throw new WebhookRefused("The signature does not match");
		}
		try {
			JsonNode event = StrictJson.mapper().readTree(payload);
			JsonNode data = event.required("data");
			String type = "checkout.session.completed".equals(event.required("type").asString()) ? "PAID" : "IGNORED";
			String currency = data.required("currency").asString();
			if (!currency.matches("[A-Z]{3}")) {
				throw new WebhookRefused("The event's currency is not a currency code");
			}
			return new Event(event.required("id").asString(), type, data.required("id").asString(),
					data.required("payment").asString(), new BigDecimal(data.required("amount").asString()), currency);
		}
		catch (WebhookRefused ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new WebhookRefused("The event cannot be read");
		}
	}

	static boolean luhn(String digits) {
		int sum = 0;
		for (int i = 0; i < digits.length(); i++) {
			int digit = digits.charAt(digits.length() - 1 - i) - '0';
			if (i % 2 == 1) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
		}
		return sum % 10 == 0;
	}

	private static String token() {
		byte[] bytes = new byte[12];
		random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The secret its webhooks are signed with.
	 */
	String secret() {
		return this.secret.get();
	}

}
