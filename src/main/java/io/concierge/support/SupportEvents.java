package io.concierge.support;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What support tells the rest of the product, after its transaction commits.
 */
public final class SupportEvents {

	private SupportEvents() {
	}

	/**
	 * An agent opened a ticket and with it the customer's orders and invoices: the ticket
	 * is their reason.
	 */
	public record CustomerDataOpened(String actor, String ticket, String origin,
			Instant occurredAt) implements io.concierge.shared.AuditableEvent {

		@Override
		public String action() {
			return "support.customer.opened-as-agent";
		}

		@Override
		public String subject() {
			return this.ticket;
		}

	}

	/**
	 * An agent answered a customer.
	 *
	 * @param replyTo the signed address a reply by mail goes to, which threads it back
	 * @param messageKey the mail's own Message-ID (without brackets and domain)
	 * @param inReplyTo the Message-ID of the customer's mail it answers, if it came by
	 * mail
	 */
	public record TicketReplied(UUID ticket, String number, UUID account, String email, String subject,
			String agentName, String body, String replyTo, String messageKey, @Nullable String inReplyTo,
			@Nullable String orderNumber, Instant occurredAt) {
	}

	/**
	 * A ticket was solved: the customer is asked how it went.
	 *
	 * @param replyTo the signed address a reply by mail goes to, which reopens it
	 */
	public record TicketSolved(UUID ticket, String number, UUID account, String email, String subject, String replyTo,
			@Nullable String orderNumber, Instant occurredAt) {
	}

	/**
	 * A ticket missed its first response or its resolution time.
	 *
	 * @param which {@code FIRST_RESPONSE} or {@code RESOLUTION}
	 * @param agent whom it is assigned to, if anyone
	 */
	public record TicketBreached(UUID ticket, String number, @Nullable UUID agent, String which, String subject,
			Instant occurredAt) {
	}

}
