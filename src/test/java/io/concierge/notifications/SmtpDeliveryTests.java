package io.concierge.notifications;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.Base64;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

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

	@Autowired
	MailBounces bounces;

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
		MimeMessage received = receivedBy("jana.keller@nordwind.example");
		assertThat(received.getSubject()).isEqualTo("Your invoice");
		assertThat(((String) received.getContent()).strip()).isEqualTo("Grüße aus Köln – invoice attached.");
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

	@Test
	void sendsTextAndHtmlWithAOneClickUnsubscribeAndAnIdOfItsOwn() throws Exception {
		MailMessage pending = this.messages
			.save(new MailMessage(EmailAddress.of("multipart@example.com"), "Shipped", "Your order is on its way.",
					"<p>Your order is <b>on its way</b>.</p>", "https://portal.example/notifications/unsubscribe/1",
					true, this.clock.instant(), this.clock.instant()));
		delivery(smtp.getSmtp().getPort()).deliverDue();

		MimeMessage received = receivedBy("multipart@example.com");
		assertThat(received.getHeader("List-Unsubscribe"))
			.containsExactly("<https://portal.example/notifications/unsubscribe/1>");
		assertThat(received.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
		assertThat(received.getMessageID()).isEqualTo("<" + pending.getId() + "@concierge.example>");
		String raw = new String(received.getRawInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(received.getContentType()).startsWith("multipart/mixed");
		assertThat(raw).contains("text/plain").contains("text/html").contains("multipart/alternative");
		assertThat(received.getHeader("DKIM-Signature")).as("no key configured").isNull();
	}

	@Test
	void signsWithDkimWhenAKeyIsConfigured(@TempDir Path directory) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair keys = generator.generateKeyPair();
		Path key = directory.resolve("dkim.pem");
		Files.writeString(key,
				"-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
						+ "\n-----END PRIVATE KEY-----\n");
		this.messages.save(new MailMessage(EmailAddress.of("signed@example.com"), "Signed", "Grüße, signed.",
				"<p>Grüße, signed.</p>", null, true, this.clock.instant(), this.clock.instant()));

		delivery(smtp.getSmtp().getPort(), new DkimSigning(key.toString(), "concierge.example", "mail")).deliverDue();

		MimeMessage received = receivedBy("signed@example.com");
		String signature = received.getHeader("DKIM-Signature")[0];
		assertThat(signature).contains("d=concierge.example").contains("s=mail").contains("a=rsa-sha256");
		assertThat(Dkim.verify(received, keys.getPublic())).as("the signature verifies with the public key").isTrue();
		assertThat(Dkim.verify(received, generator.generateKeyPair().getPublic())).as("and with no other").isFalse();
	}

	@Test
	void aRecipientTheServerRefusesIsABounceNotTriedAgain() throws Exception {
		MailMessage refused = this.messages.save(new MailMessage(EmailAddress.of("nobody@example.com"), "Hello",
				"Anyone there?", true, this.clock.instant()));
		try (RefusingSmtpServer server = new RefusingSmtpServer("550 5.1.1 No such user here")) {
			delivery(server.port()).deliverDue();
		}
		assertThat(this.messages.findById(refused.getId())).hasValueSatisfying((message) -> {
			assertThat(message.getStatus()).isEqualTo(Status.BOUNCED);
			assertThat(message.getLastError()).contains("550").contains("No such user");
			assertThat(message.getNextAttemptAt()).isNull();
		});
		assertThat(this.bounces.lastBounce(EmailAddress.of("nobody@example.com"))).isPresent();
	}

	@Test
	void aRecipientRefusedForNowIsTriedAgain() throws Exception {
		MailMessage later = this.messages.save(new MailMessage(EmailAddress.of("busy@example.com"), "Hello",
				"Anyone there?", true, this.clock.instant()));
		try (RefusingSmtpServer server = new RefusingSmtpServer("450 4.2.1 Mailbox busy, try later")) {
			delivery(server.port()).deliverDue();
		}
		assertThat(this.messages.findById(later.getId())).hasValueSatisfying((message) -> {
			assertThat(message.getStatus()).isEqualTo(Status.PENDING);
			assertThat(message.getNextAttemptAt()).isAfter(this.clock.instant());
		});
		assertThat(this.bounces.lastBounce(EmailAddress.of("busy@example.com"))).isEmpty();
	}

	private MimeMessage receivedBy(String address) {
		return java.util.Arrays.stream(smtp.getReceivedMessages()).filter((message) -> {
			try {
				return message.getAllRecipients()[0].toString().equals(address);
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).findFirst().orElseThrow();
	}

	private SmtpDelivery delivery(int port) {
		return delivery(port, new DkimSigning("", "", "concierge"));
	}

	private SmtpDelivery delivery(int port, DkimSigning dkim) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(port);
		sender.setDefaultEncoding("UTF-8");
		sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
		return new SmtpDelivery(this.messages, sender, "Concierge <no-reply@concierge.example>", this.transactions,
				this.clock, this.bounces, dkim);
	}

}
