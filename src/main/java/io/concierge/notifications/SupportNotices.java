package io.concierge.notifications;

import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.concierge.support.SupportEvents.TicketBreached;
import io.concierge.support.SupportEvents.TicketReplied;
import io.concierge.support.SupportEvents.TicketSolved;

/**
 * Tells customers what support answered (the answer itself, in a mail they can reply to,
 * threaded back into the ticket) and asks them to rate a solved ticket; tells agents of a
 * ticket that missed its service level.
 */
@Component
class SupportNotices {

	private final Notifier notifier;

	private final MessageSource messages;

	SupportNotices(Notifier notifier, MessageSource messages) {
		this.notifier = notifier;
		this.messages = messages;
	}

	@ApplicationModuleListener
	void on(TicketReplied event) {
		this.notifier.tell(new Notice("ticket.replied", "ticket-reply:" + event.messageKey(), event.account(), null,
				reference(event.orderNumber(), event.number()), event.occurredAt(),
				(locale) -> new Object[] { event.number(), event.subject(), event.agentName(), event.body() },
				"/tickets/" + event.number(),
				new Notice.Threading(event.replyTo(), event.messageKey(), event.inReplyTo())));
	}

	@ApplicationModuleListener
	void on(TicketSolved event) {
		this.notifier.tell(new Notice("ticket.solved", "ticket-solved:" + event.number() + ":" + event.occurredAt(),
				event.account(), null, reference(event.orderNumber(), event.number()), event.occurredAt(),
				(locale) -> new Object[] { event.number(), event.subject() }, "/tickets/" + event.number() + "#rating",
				new Notice.Threading(event.replyTo(), "ticket-solved-" + java.util.UUID.randomUUID(), null)));
	}

	@ApplicationModuleListener
	void on(TicketBreached event) {
		if (event.agent() == null) {
			return;
		}
		this.notifier.tell(new Notice("ticket.breached", "ticket-breached:" + event.number() + ":" + event.which(),
				event.agent(), null, event.number(), event.occurredAt(),
				(locale) -> new Object[] { event.number(),
						this.messages.getMessage("support.sla." + event.which(), null, locale), event.subject() },
				"/support/tickets/" + event.number()));
	}

	private static String reference(@org.jspecify.annotations.Nullable String orderNumber, String ticket) {
		return (orderNumber != null) ? orderNumber : ticket;
	}

}
