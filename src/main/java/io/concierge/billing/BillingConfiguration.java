package io.concierge.billing;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.concierge.shared.GeneratedSecrets;

/**
 * The payment providers: the sandbox always (the demo pays with it), Stripe when its keys
 * are set.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BillingSettings.class)
class BillingConfiguration {

	@Bean
	SandboxProvider sandboxProvider(JdbcClient jdbc, BillingSettings settings, Clock clock,
			GeneratedSecrets generated) {
		String configured = settings.sandbox().secret();
		return new SandboxProvider(jdbc, settings.sandbox(), clock, (configured != null && !configured.isBlank())
				? () -> configured : () -> generated.named(SandboxProvider.WEBHOOK_SECRET));
	}

	@Bean
	@ConditionalOnProperty("concierge.billing.stripe.secret-key")
	StripeProvider stripeProvider(BillingSettings settings) {
		if (settings.stripe() == null) {
			throw new IllegalStateException("concierge.billing.stripe needs secret-key and webhook-secret");
		}
		return new StripeProvider(settings.stripe());
	}

}
