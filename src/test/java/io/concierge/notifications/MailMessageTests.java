package io.concierge.notifications;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.concierge.notifications.MailMessage.Status;
import io.concierge.shared.EmailAddress;

import static org.assertj.core.api.Assertions.assertThat;

class MailMessageTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	@Test
	void isKeptInTheOutboxWhenThereIsNoMailServer() {
		MailMessage message = new MailMessage(EmailAddress.of("a@example.com"), "Hi", "Body", false, NOW);
		assertThat(message.getStatus()).isEqualTo(Status.KEPT);
		assertThat(message.getNextAttemptAt()).isNull();
	}

	@Test
	void retriesWithGrowingPausesAndGivesUpAfterTheLastAttempt() {
		MailMessage message = new MailMessage(EmailAddress.of("a@example.com"), "Hi", "Body", true, NOW);
		assertThat(message.getStatus()).isEqualTo(Status.PENDING);
		message.attemptFailed("Connection refused", NOW);
		assertThat(message.getNextAttemptAt()).isEqualTo(NOW.plus(Duration.ofSeconds(30)));
		message.attemptFailed("Connection refused", NOW);
		assertThat(message.getNextAttemptAt()).isEqualTo(NOW.plus(Duration.ofSeconds(60)));
		for (int attempt = 3; attempt <= MailMessage.MAX_ATTEMPTS; attempt++) {
			message.attemptFailed("Connection refused", NOW);
		}
		assertThat(message.getStatus()).isEqualTo(Status.FAILED);
		assertThat(message.getLastError()).isEqualTo("Connection refused");
	}

	@Test
	void forgetsEarlierErrorsOnceDelivered() {
		MailMessage message = new MailMessage(EmailAddress.of("a@example.com"), "Hi", "Body", true, NOW);
		message.attemptFailed("Timeout", NOW);
		message.delivered(NOW.plusSeconds(40));
		assertThat(message.getStatus()).isEqualTo(Status.SENT);
		assertThat(message.getLastError()).isNull();
		assertThat(message.getAttempts()).isEqualTo(2);
	}

}
