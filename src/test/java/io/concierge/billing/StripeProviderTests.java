package io.concierge.billing;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.stripe.Stripe;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.concierge.shared.Signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Stripe adapter against a server that answers as Stripe's API does (recorded
 * responses), and Stripe's events signed in its scheme: what it sends, with its
 * idempotency keys, and which events it believes.
 */
class StripeProviderTests {

	static final String SECRET = "whsec_test_stripe";

	HttpServer stripe;

	final List<Recorded> requests = new CopyOnWriteArrayList<>();

	record Recorded(String method, String path, String idempotencyKey, String body) {

	}

	StripeProvider provider;

	@BeforeEach
	void stripe() throws IOException {
		this.stripe = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.stripe.createContext("/v1/checkout/sessions", (exchange) -> answer(exchange, """
				{"id":"cs_test_a1B2c3","object":"checkout.session","amount_total":4000,"currency":"gbp",
				 "mode":"payment","payment_status":"unpaid","status":"open",
				 "url":"https://checkout.stripe.com/c/pay/cs_test_a1B2c3#fidkdWxOYHwnPyd1blpxYHZxWjA0"}"""));
		this.stripe.createContext("/v1/refunds", (exchange) -> answer(exchange, """
				{"id":"re_3QbX2aLkdIwHu7ix0zJ3","object":"refund","amount":1250,"currency":"gbp",
				 "payment_intent":"pi_3QbX2aLkdIwHu7ix","status":"succeeded"}"""));
		this.stripe.start();
		this.provider = new StripeProvider(new BillingSettings.Stripe("sk_test_concierge", SECRET,
				"http://127.0.0.1:" + this.stripe.getAddress().getPort()));
	}

	@AfterEach
	void stop() {
		this.stripe.stop(0);
	}

	@Test
	void opensACheckoutSessionInMinorUnitsWithTheIdempotencyKey() {
		PaymentProvider.Checkout checkout = this.provider.checkout(new BigDecimal("40.00"), "GBP",
				"Invoice INV-2026-000002", "https://portal.example/billing/INV-2026-000002?payment=1", "pay-1");

		assertThat(checkout.reference()).isEqualTo("cs_test_a1B2c3");
		assertThat(checkout.url()).startsWith("https://checkout.stripe.com/");
		assertThat(this.requests).singleElement().satisfies((request) -> {
			assertThat(request.path()).isEqualTo("/v1/checkout/sessions");
			assertThat(request.idempotencyKey()).isEqualTo("pay-1");
			assertThat(request.body()).contains("line_items[0][price_data][unit_amount]=4000")
				.contains("line_items[0][price_data][currency]=gbp")
				.contains("mode=payment");
		});
	}

	@Test
	void refundsThePaymentIntentWithItsOwnIdempotencyKey() {
		String refund = this.provider.refund("pi_3QbX2aLkdIwHu7ix", new BigDecimal("12.50"), "GBP", "refund-7");

		assertThat(refund).isEqualTo("re_3QbX2aLkdIwHu7ix0zJ3");
		assertThat(this.requests).singleElement().satisfies((request) -> {
			assertThat(request.idempotencyKey()).isEqualTo("refund-7");
			assertThat(request.body()).contains("amount=1250").contains("payment_intent=pi_3QbX2aLkdIwHu7ix");
		});
	}

	@Test
	void readsACompletedCheckoutFromAGenuineEvent() {
		String event = completed("cs_test_a1B2c3", 4000, "paid");

		PaymentProvider.Event read = this.provider.verify(event, signed(event, Instant.now(), SECRET));

		assertThat(read.type()).isEqualTo("PAID");
		assertThat(read.reference()).isEqualTo("cs_test_a1B2c3");
		assertThat(read.payment()).isEqualTo("pi_3QbX2aLkdIwHu7ix");
		assertThat(read.amount()).isEqualByComparingTo("40.00");
		assertThat(read.currency()).isEqualTo("GBP");
	}

	@Test
	void aCompletedCheckoutNotPaidYetWaitsForItsMoney() {
		String event = completed("cs_test_a1B2c3", 4000, "unpaid");

		assertThat(this.provider.verify(event, signed(event, Instant.now(), SECRET)).type()).isEqualTo("IGNORED");
	}

	@Test
	void refusesAForgedOrOldEvent() {
		String event = completed("cs_test_a1B2c3", 4000, "paid");

		assertThatThrownBy(() -> this.provider.verify(event, signed(event, Instant.now(), "whsec_someone_else")))
			.isInstanceOf(PaymentProvider.WebhookRefused.class);
		assertThatThrownBy(() -> this.provider.verify(event, signed(event, Instant.now().minusSeconds(600), SECRET)))
			.isInstanceOf(PaymentProvider.WebhookRefused.class);
		assertThatThrownBy(
				() -> this.provider.verify(event.replace("4000", "400"), signed(event, Instant.now(), SECRET)))
			.isInstanceOf(PaymentProvider.WebhookRefused.class);
		assertThatThrownBy(() -> this.provider.verify(event, Map.of()))
			.isInstanceOf(PaymentProvider.WebhookRefused.class);
	}

	/**
	 * A {@code checkout.session.completed} event as Stripe sends it (trimmed of fields
	 * billing does not read), at the API version the library is pinned to.
	 */
	static String completed(String session, long amount, String paymentStatus) {
		return """
				{
				  "id": "evt_1QbX2bLkdIwHu7ixh0TR4nQx",
				  "object": "event",
				  "api_version": "%s",
				  "created": 1764756000,
				  "data": {
				    "object": {
				      "id": "%s",
				      "object": "checkout.session",
				      "amount_subtotal": %d,
				      "amount_total": %d,
				      "client_reference_id": "pay-1",
				      "currency": "gbp",
				      "livemode": false,
				      "mode": "payment",
				      "payment_intent": "pi_3QbX2aLkdIwHu7ix",
				      "payment_status": "%s",
				      "status": "complete"
				    }
				  },
				  "livemode": false,
				  "pending_webhooks": 1,
				  "request": {"id": null, "idempotency_key": null},
				  "type": "checkout.session.completed"
				}""".formatted(Stripe.API_VERSION, session, amount, amount, paymentStatus);
	}

	static Map<String, String> signed(String payload, Instant at, String secret) {
		return Map.of("stripe-signature",
				Signatures.timestamped(at.getEpochSecond(), payload.getBytes(StandardCharsets.UTF_8), secret));
	}

	private void answer(HttpExchange exchange, String json) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		this.requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
				exchange.getRequestHeaders().getFirst("Idempotency-Key"),
				URLDecoder.decode(body, StandardCharsets.UTF_8)));
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.getResponseHeaders().add("Request-Id", "req_test");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
