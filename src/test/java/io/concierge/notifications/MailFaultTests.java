package io.concierge.notifications;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.IntegrationTest;
import io.concierge.notifications.MailMessage.Status;
import io.concierge.shared.EmailAddress;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SMTP server is down for a while: mails queue in the outbox with their attempts
 * counted, and once the server is back on its address each goes, once; delivery runs
 * again and nothing goes twice. (A node killed between rendering and sending is
 * {@link NotificationCrashTests}.)
 */
@IntegrationTest
class MailFaultTests {

	private static final int MAILS = 25;

	@Autowired
	MailMessageRepository messages;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	MailBounces bounces;

	@Autowired
	Clock clock;

	@Test
	void mailsQueueWhileTheServerIsDownAndThenGoEachOnce() throws Exception {
		int port = freePort();
		MovableClock time = new MovableClock(this.clock.instant());
		SmtpDelivery delivery = delivery(port, time);
		String run = UUID.randomUUID().toString().substring(0, 8);
		List<UUID> queued = new ArrayList<>();
		for (int i = 0; i < MAILS; i++) {
			queued.add(
					this.messages
						.save(new MailMessage(EmailAddress.of("outage-" + run + "-" + i + "@example.com"),
								"Your order " + i, "It is on its way.", true, time.instant()))
						.getId());
		}

		// down: nothing listens on the server's address, three rounds of attempts
		for (int round = 1; round <= 3; round++) {
			delivery.deliverDue();
			int attempts = round;
			assertThat(this.messages.findAllById(queued)).hasSize(MAILS).allSatisfy((message) -> {
				assertThat(message.getStatus()).isEqualTo(Status.PENDING);
				assertThat(message.getAttempts()).isEqualTo(attempts);
				assertThat(message.getLastError()).isNotBlank();
			});
			time.move(Duration.ofMinutes(5));
		}

		GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
			.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
		server.start();
		try {
			delivery.deliverDue();
			time.move(Duration.ofHours(2));
			delivery.deliverDue();
			delivery.deliverDue();

			List<String> received = Arrays.stream(server.getReceivedMessages())
				.map(MailFaultTests::recipient)
				.filter((recipient) -> recipient.startsWith("outage-" + run))
				.toList();
			assertThat(received).as("each mail once").hasSize(MAILS).doesNotHaveDuplicates();
			assertThat(this.messages.findAllById(queued)).allSatisfy((message) -> {
				assertThat(message.getStatus()).isEqualTo(Status.SENT);
				assertThat(message.getAttempts()).isEqualTo(4);
			});
		}
		finally {
			server.stop();
		}
	}

	private SmtpDelivery delivery(int port, Clock time) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(port);
		sender.setDefaultEncoding("UTF-8");
		sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
		sender.getJavaMailProperties().put("mail.smtp.timeout", "5000");
		return new SmtpDelivery(this.messages, sender, "Concierge <no-reply@concierge.example>", this.transactions,
				time, this.bounces, new DkimSigning("", "", "concierge"));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String recipient(MimeMessage message) {
		try {
			return message.getAllRecipients()[0].toString();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Time that the test moves on, past the outbox's waits between attempts.
	 */
	static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void move(Duration by) {
			this.now = this.now.plus(by);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
