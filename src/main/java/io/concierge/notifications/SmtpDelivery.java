package io.concierge.notifications;

import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers due outbox messages over SMTP, a batch at a time, retrying with backoff. Does
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

	@Autowired
	SmtpDelivery(MailMessageRepository messages, ObjectProvider<JavaMailSender> sender,
			@Value("${concierge.mail.from}") String from, TransactionTemplate transactions, Clock clock) {
		this(messages, sender.getIfAvailable(), from, transactions, clock);
	}

	SmtpDelivery(MailMessageRepository messages, @Nullable JavaMailSender sender, String from,
			TransactionTemplate transactions, Clock clock) {
		this.messages = messages;
		this.sender = sender;
		this.from = from;
		this.transactions = transactions;
		this.clock = clock;
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
				sender.send(smtp(message));
				message.delivered(this.clock.instant());
			}
			catch (RuntimeException ex) {
				log.warn("Mail {} not delivered (attempt {}): {}", message.getId(), message.getAttempts() + 1,
						ex.getMessage());
				message.attemptFailed(String.valueOf(ex.getMessage()), this.clock.instant());
			}
		}
		return due.size();
	}

	private SimpleMailMessage smtp(MailMessage message) {
		SimpleMailMessage smtp = new SimpleMailMessage();
		smtp.setFrom(this.from);
		smtp.setTo(message.getRecipient());
		smtp.setSubject(message.getSubject());
		smtp.setText(message.getBody());
		return smtp;
	}

}
