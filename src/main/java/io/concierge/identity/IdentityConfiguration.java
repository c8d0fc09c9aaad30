package io.concierge.identity;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

	/**
	 * Argon2id's memory in KiB: OWASP's minimum (19 MiB, with 2 iterations and 1 lane),
	 * above Spring Security's 5.8 defaults of 16 MiB.
	 */
	static final int ARGON2_MEMORY_KIB = 19 * 1024;

	static final int ARGON2_ITERATIONS = 2;

	static final int ARGON2_PARALLELISM = 1;

	/**
	 * Argon2id with OWASP's minimum parameters, behind a delegating encoder so that
	 * stored hashes name their algorithm; a hash of weaker parameters (or of another
	 * algorithm) is hashed again on its owner's next sign-in
	 * ({@link AccountUserDetailsService#updatePassword}).
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		return new DelegatingPasswordEncoder("argon2", Map.of("argon2", argon2()));
	}

	static Argon2PasswordEncoder argon2() {
		return new Argon2PasswordEncoder(16, 32, ARGON2_PARALLELISM, ARGON2_MEMORY_KIB, ARGON2_ITERATIONS);
	}

}
