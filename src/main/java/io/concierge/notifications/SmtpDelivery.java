package io.concierge.notifications;

import java.time.Clock;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers due outbox messages over SMTP, a batch at a time, retrying with backoff; a
 * recipient the server refuses for good is recorded as a bounce and not tried again. Does
 * nothing when no SMTP server is configured.
 */
@Component
class SmtpDelivery {

	private static final Logger log = LoggerFactory.getLogger(SmtpDelivery.class);

	private static final int BATCH = 20;

	private final MailMessageRepository messages;

	private final @Nullable JavaMailSender sender;

	private final String from;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final MailBounces bounces;

	private final DkimSigning dkim;

	/** The domain the messages' ids end in: the sender's. */
	private final String domain;

	@Autowired
	SmtpDelivery(MailMessageRepository messages, ObjectProvider<JavaMailSender> sender,
			@Value("${concierge.mail.from}") String from, TransactionTemplate transactions, Clock clock,
			MailBounces bounces, DkimSigning dkim) {
		this(messages, sender.getIfAvailable(), from, transactions, clock, bounces, dkim);
	}

	SmtpDelivery(MailMessageRepository messages, @Nullable JavaMailSender sender, String from,
			TransactionTemplate transactions, Clock clock, MailBounces bounces, DkimSigning dkim) {
		this.messages = messages;
		this.sender = sender;
		this.from = from;
		this.transactions = transactions;
		this.clock = clock;
		this.bounces = bounces;
		this.dkim = dkim;
		this.domain = from.substring(from.lastIndexOf('@') + 1).replace(">", "").strip();
	}

	@Scheduled(fixedDelayString = "${concierge.mail.delivery-interval:PT5S}")
	void deliverDue() {
		if (this.sender == null) {
			return;
		}
		Integer delivered;
		do {
			delivered = this.transactions.execute((status) -> deliverBatch(this.sender));
		}
		while (delivered != null && delivered == BATCH);
	}

	private int deliverBatch(JavaMailSender sender) {
		List<MailMessage> due = this.messages.lockDue(this.clock.instant(), BATCH);
		for (MailMessage message : due) {
			try {
				sender.send(mime(sender, message));
				message.delivered(this.clock.instant());
			}
			catch (MailException | MessagingException ex) {
				String refusal = MailRefusal.permanent(ex);
				if (refusal != null) {
					log.warn("Mail {} refused for good by the SMTP server: {}", message.getId(), refusal);
					message.bounced(refusal);
					this.bounces.record(message, refusal);
				}
				else {
					log.warn("Mail {} not delivered (attempt {}): {}", message.getId(), message.getAttempts() + 1,
							ex.getMessage());
					message.attemptFailed(String.valueOf(ex.getMessage()), this.clock.instant());
				}
			}
		}
		return due.size();
	}

	/**
	 * The message as text, and as HTML beside it when it has some; with its own id, so a
	 * receiver recognises it if a crash after handing it over sends it again; a one-click
	 * unsubscribe (RFC 8058) when it has one; signed with DKIM when a key is configured.
	 */
	private MimeMessage mime(JavaMailSender sender, MailMessage message) throws MessagingException {
		MimeMessage mime = sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(mime, message.getHtml() != null, "UTF-8");
		helper.setFrom(this.from);
		helper.setTo(message.getRecipient());
		helper.setSubject(message.getSubject());
		if (message.getHtml() != null) {
			helper.setText(message.getBody(), message.getHtml());
		}
		else {
			helper.setText(message.getBody());
		}
		mime.setHeader("Message-ID",
				"<" + ((message.getMessageKey() != null) ? message.getMessageKey() : message.getId()) + "@"
						+ this.domain + ">");
		if (message.getReplyTo() != null) {
			// a conversation's mail: replies thread back, and it is known if it returns
			helper.setReplyTo(message.getReplyTo());
			mime.setHeader("X-Concierge-Loop", message.getReplyTo());
		}
		if (message.getInReplyTo() != null) {
			mime.setHeader("In-Reply-To", message.getInReplyTo());
			mime.setHeader("References", message.getInReplyTo());
		}
		if (message.getUnsubscribeUrl() != null) {
			mime.setHeader("List-Unsubscribe", "<" + message.getUnsubscribeUrl() + ">");
			mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		}
		return this.dkim.sign(mime);
	}

}
