package io.concierge.support;

import java.time.Instant;
import java.util.List;
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

	/**
	 * Where a ticket came from.
	 */
	public enum Channel {

		/** The customer opened it on the portal. */
		PORTAL,

		/** The customer's mail opened it. */
		MAIL,

		/**
		 * The system opened it for the customer on someone else's behalf (a carrier's
		 * report of their parcel): it undoes none of their drafts.
		 */
		SYSTEM

	}

	/**
	 * A ticket was opened: by the customer, or for them by the system
	 * ({@link Channel#SYSTEM}, with no drafts).
	 *
	 * @param orderNumber the order it is about, if any
	 * @param drafts the customer's ticket drafts this ticket means were not deflected
	 * (see {@link Deflection}): the one it was written in, and those started in the 72
	 * hours before it about the same order (about anything, when they named none)
	 */
	public record TicketOpened(String number, UUID account, Channel channel, @Nullable String orderNumber,
			List<UUID> drafts, Instant occurredAt) {

		public TicketOpened {
			drafts = List.copyOf(drafts);
		}

	}

	/**
	 * A customer rated their solved ticket, 1 to 5 (their comment stays in support).
	 */
	public record TicketRated(String number, UUID account, int score, Instant occurredAt) {
	}

	/**
	 * Someone searched the help centre.
	 *
	 * @param query the words, trimmed and in lower case
	 * @param language {@code en} or {@code de}
	 * @param results how many articles were found: none is what the knowledge base lacks
	 * @param account the customer's, when signed in
	 */
	public record HelpCentreSearched(String query, String language, int results, @Nullable UUID account,
			Instant occurredAt) {
	}

	/**
	 * Someone read a help centre article.
	 *
	 * @param language the language of the text shown
	 * @param account the customer's, when signed in
	 */
	public record ArticleViewed(String slug, String language, @Nullable UUID account, Instant occurredAt) {
	}

	/**
	 * The assistant answered a customer's question.
	 *
	 * @param intent what it took the question for (an {@code Intent}'s name)
	 * @param handover whether it handed over to a ticket instead of answering itself
	 */
	public record AssistantAnswered(String intent, boolean handover, UUID account, Instant occurredAt) {
	}

	/**
	 * A customer began writing a ticket: the draft that {@link Deflection} measures.
	 *
	 * @param orderNumber the order it is about, if named by then
	 */
	public record DraftStarted(UUID draft, UUID account, @Nullable String orderNumber, Instant occurredAt) {
	}

	/**
	 * While writing a ticket, the customer opened a suggested article or was shown the
	 * order's live state: the draft may now be deflected.
	 */
	public record DraftHelped(UUID draft, Instant occurredAt) {
	}

}
