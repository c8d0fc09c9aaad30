package io.concierge.notifications;

import java.time.Clock;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.IntegrationTest;
import io.concierge.notifications.MailMessage.Status;
import io.concierge.shared.EmailAddress;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery from the outbox to a real SMTP server (GreenMail), and what happens when there
 * is none.
 */
@IntegrationTest
class SmtpDeliveryTests {

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
		.withPerMethodLifecycle(false);

	@Autowired
	MailMessageRepository messages;

	@Autowired
	MailOutbox outbox;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Clock clock;

	@Test
	void keepsMailInTheOutboxWhenNoServerIsConfigured() {
		MailMessage kept = this.outbox.send(EmailAddress.of("kept@example.com"), "Kept", "Stays here");
		assertThat(this.outbox.smtpConfigured()).isFalse();
		assertThat(this.messages.findById(kept.getId()))
			.hasValueSatisfying((message) -> assertThat(message.getStatus()).isEqualTo(Status.KEPT));
	}

	@Test
	void deliversPendingMailOverSmtpAndMarksItSent() throws Exception {
		MailMessage pending = this.messages.save(new MailMessage(EmailAddress.of("jana.keller@nordwind.example"),
				"Your invoice", "Grüße aus Köln – invoice attached.", true, this.clock.instant()));
		delivery(smtp.getSmtp().getPort()).deliverDue();
		MimeMessage[] received = smtp.getReceivedMessages();
		assertThat(received).hasSize(1);
		assertThat(received[0].getSubject()).isEqualTo("Your invoice");
		assertThat(((String) received[0].getContent()).strip()).isEqualTo("Grüße aus Köln – invoice attached.");
		assertThat(this.messages.findById(pending.getId()))
			.hasValueSatisfying((message) -> assertThat(message.getStatus()).isEqualTo(Status.SENT));
	}

	@Test
	void keepsMailPendingForAnotherAttemptWhenTheServerIsDown() {
		MailMessage pending = this.messages
			.save(new MailMessage(EmailAddress.of("retry@example.com"), "Retry", "Later", true, this.clock.instant()));
		delivery(1).deliverDue();
		assertThat(this.messages.findById(pending.getId())).hasValueSatisfying((message) -> {
			assertThat(message.getStatus()).isEqualTo(Status.PENDING);
			assertThat(message.getAttempts()).isEqualTo(1);
			assertThat(message.getLastError()).isNotBlank();
			assertThat(message.getNextAttemptAt()).isAfter(this.clock.instant());
		});
	}

	private SmtpDelivery delivery(int port) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(port);
		sender.setDefaultEncoding("UTF-8");
		sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
		return new SmtpDelivery(this.messages, sender, "Concierge <no-reply@concierge.example>", this.transactions,
				this.clock);
	}

}
