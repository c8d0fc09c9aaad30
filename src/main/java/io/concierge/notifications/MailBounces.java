package io.concierge.notifications;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.concierge.shared.EmailAddress;

/**
 * The addresses the SMTP server refused, so the customer can be told on their settings
 * page that their mail does not arrive.
 */
@Component
class MailBounces {

	private final JdbcClient jdbc;

	private final Clock clock;

	MailBounces(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void record(MailMessage message, String reason) {
		this.jdbc.sql("insert into mail_bounce (id, email, mail_message, reason, created_at) values (?, ?, ?, ?, ?)")
			.params(UUID.randomUUID(), message.getRecipient(), message.getId(), reason,
					java.sql.Timestamp.from(this.clock.instant()))
			.update();
	}

	/**
	 * When mail to the address was last refused, if ever.
	 */
	Optional<Instant> lastBounce(EmailAddress email) {
		return this.jdbc
			.sql("select created_at from mail_bounce where lower(email) = lower(?) order by created_at desc limit 1")
			.param(email.value())
			.query((row, number) -> row.getObject(1, OffsetDateTime.class).toInstant())
			.optional();
	}

}
