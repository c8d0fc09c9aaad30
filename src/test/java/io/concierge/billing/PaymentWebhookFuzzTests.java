package io.concierge.billing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.concierge.shared.Signatures;
import io.concierge.shared.StorableText;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a payment provider's webhook says, once its signature is right, reading it
 * gives an event billing can act on and store, or a
 * {@link PaymentProvider.WebhookRefused} (audited, a 400): never another exception, which
 * would be a 500 and the provider's retries for days. The fuzzer's bodies are signed with
 * the test secret, as the provider signs its own, so it reaches the reading behind the
 * signature. Runs the committed inputs beside this class as regression tests;
 * {@code JAZZER_FUZZ=1 ./mvnw test
 * -Dtest='PaymentWebhookFuzzTests#stripeEvents'} fuzzes one for real.
 */
class PaymentWebhookFuzzTests {

	private static final String SECRET = "whsec_fuzz";

	private static final Instant NOW = Instant.parse("2026-11-22T09:30:00Z");

	private final StripeProvider stripe = new StripeProvider(
			new BillingSettings.Stripe("sk_test_fuzz", SECRET, "http://127.0.0.1:9"));

	private final SandboxProvider sandbox = new SandboxProvider(JdbcClient.create(new DriverManagerDataSource()),
			new BillingSettings.Sandbox(SECRET, Duration.ofSeconds(2)), Clock.fixed(NOW, ZoneOffset.UTC), () -> SECRET);

	@FuzzTest(maxDuration = "30s")
	void stripeEvents(byte[] body) {
		String payload = new String(body, StandardCharsets.UTF_8);
		// Stripe's library checks the time against the real clock
		read(this.stripe, payload, Map.of("stripe-signature", signed(payload, Instant.now())));
	}

	@FuzzTest(maxDuration = "30s")
	void sandboxEvents(byte[] body) {
		String payload = new String(body, StandardCharsets.UTF_8);
		read(this.sandbox, payload, Map.of("sandbox-signature", signed(payload, NOW)));
	}

	private static void read(PaymentProvider provider, String payload, Map<String, String> headers) {
		PaymentProvider.Event event;
		try {
			event = provider.verify(payload, headers);
		}
		catch (PaymentProvider.WebhookRefused expected) {
			// the refusal every unreadable event must get
			return;
		}
		assertThat(event.type()).isIn(Set.of("PAID", "FAILED", "IGNORED"));
		text(event.id());
		text(event.reference());
		text(event.payment());
		text(event.currency());
		if (!event.type().equals("IGNORED")) {
			assertThat(event.reference()).isNotBlank();
			assertThat(event.currency()).matches("[A-Z]{3}");
			assertThat(event.amount().precision() - event.amount().scale()).as("digits before the point")
				.isLessThanOrEqualTo(15);
			assertThat(event.amount().scale()).as("decimals").isLessThanOrEqualTo(4);
		}
	}

	private static String signed(String payload, Instant at) {
		return Signatures.timestamped(at.getEpochSecond(), payload.getBytes(StandardCharsets.UTF_8), SECRET);
	}

	private static void text(@Nullable String text) {
		if (text != null) {
			assertThat(StorableText.problem(text)).isNull();
			assertThat(text.length()).isLessThanOrEqualTo(255);
		}
	}

}
