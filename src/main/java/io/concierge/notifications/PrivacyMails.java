package io.concierge.notifications;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.concierge.privacy.PrivacyEvents.ErasureScheduled;
import io.concierge.privacy.PrivacyEvents.ExportReady;

/**
 * The mails of privacy requests: an export's link when it is ready, and the receipt's
 * link when a deletion is scheduled. Like the account mails, they cannot be unsubscribed
 * from: the customer asked for them.
 */
@Component
class PrivacyMails {

	private final MailOutbox outbox;

	private final MailLinks links;

	private final MessageSource messages;

	PrivacyMails(MailOutbox outbox, MailLinks links, MessageSource messages) {
		this.outbox = outbox;
		this.links = links;
		this.messages = messages;
	}

	@ApplicationModuleListener
	void on(ExportReady event) {
		Locale locale = Locale.of(event.to().language());
		Object[] arguments = { event.to().name(), this.links.of(event.link()), date(event.expiresAt(), locale) };
		this.outbox.send(event.to().email(), this.messages.getMessage("mail.exportReady.subject", null, locale),
				this.messages.getMessage("mail.exportReady.body", arguments, locale));
	}

	@ApplicationModuleListener
	void on(ErasureScheduled event) {
		Locale locale = Locale.of(event.to().language());
		Object[] arguments = { event.to().name(), date(event.dueAt(), locale), this.links.of(event.receiptLink()),
				this.links.of("/account/privacy") };
		this.outbox.send(event.to().email(), this.messages.getMessage("mail.erasureScheduled.subject", null, locale),
				this.messages.getMessage("mail.erasureScheduled.body", arguments, locale));
	}

	private static String date(java.time.Instant instant, Locale locale) {
		return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
			.withLocale(locale)
			.format(instant.atZone(ZoneOffset.UTC));
	}

}
