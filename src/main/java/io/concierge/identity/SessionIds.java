package io.concierge.identity;

import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.SessionIdGenerator;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Session ids of 256 bits from {@link SecureRandom}, as 43 characters of URL-safe Base64.
 * Spring Session's default is a random UUID: 122 random bits in a format that promises
 * uniqueness, not unpredictability (ASVS V7.2.3 wants 128 bits from a CSPRNG). The
 * repository makes a new one at sign-in too, when the session's id changes.
 */
@Configuration(proxyBeanMethods = false)
class SessionIds {

	static final int BYTES = 32;

	@Bean
	SessionIdGenerator randomSessionIds() {
		return new RandomSessionIds();
	}

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionIdsOf256Bits(SessionIdGenerator ids) {
		return (repository) -> repository.setSessionIdGenerator(ids);
	}

	static final class RandomSessionIds implements SessionIdGenerator {

		private final SecureRandom random = new SecureRandom();

		@Override
		public String generate() {
			byte[] id = new byte[BYTES];
			this.random.nextBytes(id);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
		}

	}

}
