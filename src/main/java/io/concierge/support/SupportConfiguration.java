package io.concierge.support;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SupportSettings.class)
class SupportConfiguration {

	@Bean
	ReplyAddress replyAddress(SupportSettings settings) {
		return new ReplyAddress(settings.replySecret(), settings.mailbox());
	}

}
