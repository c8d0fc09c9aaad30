package io.concierge.notifications;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.concierge.shared.EmailAddress;
import io.concierge.webhooks.WebhookSubscriptionDisabled;

/**
 * Tells a webhook subscriber's contact that Concierge stopped sending to it, in English:
 * the contact is an outside system's team, whose language Concierge does not know.
 */
@Component
class WebhookMails {

	private final MailOutbox outbox;

	private final MessageSource messages;

	WebhookMails(MailOutbox outbox, MessageSource messages) {
		this.outbox = outbox;
		this.messages = messages;
	}

	@ApplicationModuleListener
	void on(WebhookSubscriptionDisabled event) {
		Object[] values = { event.name(), event.url(), event.reason() };
		this.outbox.send(EmailAddress.of(event.contactEmail()),
				this.messages.getMessage("mail.webhookDisabled.subject", values, Locale.ENGLISH),
				this.messages.getMessage("mail.webhookDisabled.body", values, Locale.ENGLISH));
	}

}
