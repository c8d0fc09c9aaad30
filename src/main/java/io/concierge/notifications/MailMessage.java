package io.concierge.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import org.jspecify.annotations.Nullable;

import io.concierge.shared.EmailAddress;

/**
 * An email the product sends. It is written before it is delivered, so a crash or an SMTP
 * outage delays it but never loses it.
 */
@Entity
public class MailMessage {

	static final int MAX_ATTEMPTS = 8;

	/**
	 * Where a message is on its way out.
	 */
	public enum Status {

		/** Kept in the outbox only: no SMTP server is configured (embedded mode). */
		KEPT,

		/** Waiting for delivery, first or again. */
		PENDING,

		/** Handed to the SMTP server. */
		SENT,

		/** Given up after {@value MailMessage#MAX_ATTEMPTS} attempts. */
		FAILED,

		/** Refused by the SMTP server for good: the address does not take mail. */
		BOUNCED

	}

	@Id
	private UUID id;

	private String recipient;

	private String subject;

	private String body;

	private @Nullable String html;

	private @Nullable String unsubscribeUrl;

	private @Nullable String replyTo;

	private @Nullable String messageKey;

	private @Nullable String inReplyTo;

	@Enumerated(EnumType.STRING)
	private Status status;

	private int attempts;

	private @Nullable String lastError;

	private Instant createdAt;

	private @Nullable Instant nextAttemptAt;

	private @Nullable Instant sentAt;

	MailMessage(EmailAddress recipient, String subject, String body, boolean deliver, Instant now) {
		this(recipient, subject, body, null, null, deliver, now, now);
	}

	/**
	 * @param html the same message as HTML, sent beside the text when given
	 * @param unsubscribeUrl where one click (RFC 8058) stops mails of this kind
	 * @param notBefore when it may go at the earliest (after the recipient's quiet hours)
	 */
	MailMessage(EmailAddress recipient, String subject, String body, @Nullable String html,
			@Nullable String unsubscribeUrl, boolean deliver, Instant now, Instant notBefore) {
		this.id = UUID.randomUUID();
		this.recipient = recipient.value();
		this.subject = subject;
		this.body = body;
		this.html = html;
		this.unsubscribeUrl = unsubscribeUrl;
		this.status = deliver ? Status.PENDING : Status.KEPT;
		this.createdAt = now;
		this.nextAttemptAt = deliver ? notBefore : null;
	}

	/**
	 * Threads the message: replies go to {@code replyTo}; its Message-ID is
	 * {@code <messageKey@domain>} (so a reply's In-Reply-To names it); it answers the
	 * message {@code inReplyTo}.
	 */
	void thread(@Nullable String replyTo, @Nullable String messageKey, @Nullable String inReplyTo) {
		this.replyTo = replyTo;
		this.messageKey = messageKey;
		this.inReplyTo = inReplyTo;
	}

	public @Nullable String getReplyTo() {
		return this.replyTo;
	}

	public @Nullable String getMessageKey() {
		return this.messageKey;
	}

	public @Nullable String getInReplyTo() {
		return this.inReplyTo;
	}

	protected MailMessage() {
		this.id = UUID.randomUUID();
		this.recipient = "";
		this.subject = "";
		this.body = "";
		this.status = Status.KEPT;
		this.createdAt = Instant.EPOCH;
	}

	void delivered(Instant now) {
		this.status = Status.SENT;
		this.attempts++;
		this.sentAt = now;
		this.nextAttemptAt = null;
		this.lastError = null;
	}

	/**
	 * The server refused the recipient for good: no more attempts.
	 */
	void bounced(String error) {
		this.attempts++;
		this.lastError = error;
		this.status = Status.BOUNCED;
		this.nextAttemptAt = null;
	}

	/**
	 * Schedules another attempt after 30 s, 1, 2, 4 … minutes, or gives up.
	 */
	void attemptFailed(String error, Instant now) {
		this.attempts++;
		this.lastError = error;
		if (this.attempts >= MAX_ATTEMPTS) {
			this.status = Status.FAILED;
			this.nextAttemptAt = null;
		}
		else {
			this.nextAttemptAt = now.plus(Duration.ofSeconds(30L << (this.attempts - 1)));
		}
	}

	public UUID getId() {
		return this.id;
	}

	public String getRecipient() {
		return this.recipient;
	}

	public String getSubject() {
		return this.subject;
	}

	public String getBody() {
		return this.body;
	}

	public @Nullable String getHtml() {
		return this.html;
	}

	public @Nullable String getUnsubscribeUrl() {
		return this.unsubscribeUrl;
	}

	public Status getStatus() {
		return this.status;
	}

	public int getAttempts() {
		return this.attempts;
	}

	public @Nullable String getLastError() {
		return this.lastError;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public @Nullable Instant getNextAttemptAt() {
		return this.nextAttemptAt;
	}

	public @Nullable Instant getSentAt() {
		return this.sentAt;
	}

}
