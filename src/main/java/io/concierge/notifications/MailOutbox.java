package io.concierge.notifications;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.shared.EmailAddress;

/**
 * Sends email by writing it to the outbox; {@link SmtpDelivery} delivers it when SMTP is
 * configured. Without SMTP (embedded mode) messages are kept for administrators to read.
 */
@Service
public class MailOutbox {

	private final MailMessageRepository messages;

	private final boolean smtpConfigured;

	private final Clock clock;

	MailOutbox(MailMessageRepository messages, ObjectProvider<JavaMailSender> sender, Clock clock) {
		this.messages = messages;
		this.smtpConfigured = sender.getIfAvailable() != null;
		this.clock = clock;
	}

	@Transactional
	public MailMessage send(EmailAddress recipient, String subject, String body) {
		return this.messages.save(new MailMessage(recipient, subject, body, this.smtpConfigured, this.clock.instant()));
	}

	/**
	 * Writes a message with an HTML part and a one-click unsubscribe address, to go no
	 * sooner than {@code notBefore}.
	 */
	@Transactional
	MailMessage send(EmailAddress recipient, String subject, String text, String html, @Nullable String unsubscribe,
			Instant notBefore) {
		return send(recipient, subject, text, html, unsubscribe, notBefore, null);
	}

	/**
	 * The same, threaded as a conversation's reply when {@code threading} is given.
	 */
	@Transactional
	MailMessage send(EmailAddress recipient, String subject, String text, String html, @Nullable String unsubscribe,
			Instant notBefore, Notice.@Nullable Threading threading) {
		MailMessage message = new MailMessage(recipient, subject, text, html, unsubscribe, this.smtpConfigured,
				this.clock.instant(), notBefore);
		if (threading != null) {
			message.thread(threading.replyTo(), threading.messageKey(), threading.inReplyTo());
		}
		return this.messages.save(message);
	}

	@Transactional(readOnly = true)
	public Page<MailMessage> newestFirst(int page, int size) {
		return this.messages.findAllByOrderByCreatedAtDesc(PageRequest.of(Math.max(page, 0), size));
	}

	@Transactional(readOnly = true)
	public Optional<MailMessage> find(UUID id) {
		return this.messages.findById(id);
	}

	/**
	 * Every message to one address, newest first.
	 */
	@Transactional(readOnly = true)
	public List<MailMessage> sentTo(EmailAddress recipient) {
		return this.messages.findByRecipientOrderByCreatedAtDesc(recipient.value());
	}

	public boolean smtpConfigured() {
		return this.smtpConfigured;
	}

}
