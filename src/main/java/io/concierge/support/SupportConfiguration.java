package io.concierge.support;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.concierge.shared.GeneratedSecrets;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SupportSettings.class)
class SupportConfiguration {

	/** The name of the secret made for the reply addresses when none is configured. */
	static final String REPLY_SECRET = "support.reply-secret";

	/**
	 * Signs with the configured secret, else with the one Concierge made at its first
	 * start, read when the first address is written or read.
	 */
	@Bean
	ReplyAddress replyAddress(SupportSettings settings, GeneratedSecrets generated) {
		String configured = settings.replySecret();
		return (configured != null && !configured.isBlank()) ? new ReplyAddress(configured, settings.mailbox())
				: ReplyAddress.readLater(() -> generated.named(REPLY_SECRET), settings.mailbox());
	}

}
