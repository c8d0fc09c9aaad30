package io.concierge.web;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Backends reached over a network must be spoken to over TLS: each one that is not is
 * named with the setting that fixes it, and stops the start when that is asked for.
 */
class BackendTlsTests {

	@Test
	void namesEachBackendReachedInTheClear() {
		MockEnvironment plain = new MockEnvironment()
			.withProperty("spring.datasource.url", "jdbc:postgresql://db.internal:5432/concierge")
			.withProperty("spring.mail.host", "smtp.example.com")
			.withProperty("spring.mail.properties.mail.smtp.starttls.enable", "true")
			.withProperty("concierge.support.imap.host", "imap.example.com")
			.withProperty("concierge.support.imap.ssl", "false")
			.withProperty("concierge.intake.kafka.enabled", "true");

		assertThat(BackendTls.problems(plain)).hasSize(4)
			.anyMatch((problem) -> problem.startsWith("PostgreSQL: add sslmode=verify-full"))
			.anyMatch((problem) -> problem.startsWith("SMTP:") && problem.contains("starttls.required=true"))
			.anyMatch((problem) -> problem.startsWith("IMAP:"))
			.anyMatch((problem) -> problem.startsWith("Kafka:"));
		assertThat(BackendTls.problems(plain.withProperty("spring.datasource.url",
				"jdbc:postgresql://db.internal:5432/concierge?ApplicationName=x&sslmode=prefer")))
			.as("prefer falls back to the clear")
			.anyMatch((problem) -> problem.startsWith("PostgreSQL"));
	}

	@Test
	void passesEncryptedBackendsAndThoseOnThisMachine() {
		MockEnvironment encrypted = new MockEnvironment()
			.withProperty("spring.datasource.url",
					"jdbc:postgresql://db.internal:5432,db2.internal:5432/concierge?sslmode=verify-full")
			.withProperty("spring.mail.host", "smtp.example.com")
			.withProperty("spring.mail.properties.mail.smtp.starttls.required", "true")
			.withProperty("concierge.support.imap.host", "imap.example.com")
			.withProperty("concierge.intake.kafka.enabled", "true")
			.withProperty("spring.kafka.security.protocol", "SASL_SSL");
		assertThat(BackendTls.problems(encrypted)).isEmpty();

		MockEnvironment local = new MockEnvironment()
			.withProperty("spring.datasource.url", "jdbc:postgresql://localhost:5432/concierge")
			.withProperty("spring.mail.host", "127.0.0.1")
			.withProperty("concierge.support.imap.host", "localhost")
			.withProperty("concierge.support.imap.ssl", "false");
		assertThat(BackendTls.problems(local)).isEmpty();
		assertThat(BackendTls.problems(
				new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db.internal/concierge")
					.withProperty("concierge.database.embedded.active", "true")))
			.as("the embedded server")
			.isEmpty();
	}

	@Test
	void warnsByDefaultRefusesWhenRequiredAndLeavesTheDemoAlone() {
		MockEnvironment plain = new MockEnvironment().withProperty("spring.datasource.url",
				"jdbc:postgresql://db.internal:5432/concierge");

		new BackendTls(plain);
		assertThatThrownBy(() -> new BackendTls(plain.withProperty("concierge.backends.tls", "require")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("PostgreSQL: add sslmode=verify-full");
		new BackendTls(plain.withProperty("concierge.demo.enabled", "true"));
		assertThatThrownBy(() -> new BackendTls(new MockEnvironment().withProperty("concierge.backends.tls", "maybe")))
			.hasMessageContaining("warn or require");
	}

}
