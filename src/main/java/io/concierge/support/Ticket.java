package io.concierge.support;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A ticket as its pages show it.
 *
 * @param contextKind what it was opened from: {@code ORDER}, {@code LINE},
 * {@code PARCEL}, {@code RETURN}, {@code INVOICE}, or null when opened freely
 * @param contextRef the line number, the parcel's tracking number, the return's or the
 * invoice's number
 * @param breached which service level it missed, if any
 * @param openedBy who opened it for the customer, when the customer did not
 */
public record Ticket(UUID id, String number, UUID account, String email, String subject, TicketCategory category,
		String tier, TicketStatus status, @Nullable String contextKind, @Nullable String contextRef,
		@Nullable String orderNumber, @Nullable UUID assignee, @Nullable String mergedInto, Instant createdAt,
		Instant updatedAt, Instant firstResponseDue, Instant resolutionDue, @Nullable Instant firstResponseAt,
		@Nullable Instant waitingSince, @Nullable Instant solvedAt, @Nullable Instant closedAt,
		@Nullable String breached, @Nullable Opener openedBy) {

	/**
	 * Who opened a ticket on its customer's behalf: the ticket's first message is then
	 * the system's, saying so, and the ticket is not counted as one the customer wrote.
	 *
	 * @param name the carrier's name; for the warehouse, what it is called on its pages
	 */
	public record Opener(Kind kind, String name) {

		public enum Kind {

			/** A carrier, about one of its parcels. */
			CARRIER,

			/** The warehouse (operations). */
			WAREHOUSE

		}

		public Opener {
			if (name.isBlank()) {
				throw new IllegalArgumentException("An opener needs a name");
			}
		}

		public static Opener carrier(String name) {
			return new Opener(Kind.CARRIER, name.strip());
		}

		public static Opener warehouse() {
			return new Opener(Kind.WAREHOUSE, "Warehouse");
		}

	}

	/**
	 * One entry of the conversation.
	 *
	 * @param authorKind {@code CUSTOMER}, {@code AGENT}, {@code SYSTEM} or
	 * {@code ASSISTANT}
	 * @param internal a note among agents, never shown to the customer
	 * @param via {@code WEB}, {@code EMAIL}, {@code ASSISTANT} or {@code SYSTEM}
	 * @param onBehalfOf who the system wrote it for: the opener of a ticket opened for
	 * the customer, on its first message
	 */
	public record Message(UUID id, @Nullable UUID author, @Nullable String authorName, String authorKind,
			boolean internal, String body, String via, @Nullable UUID document, Instant createdAt,
			@Nullable Opener onBehalfOf) {
	}

	/**
	 * A ticket with its conversation (for the customer: without the agents' notes).
	 */
	public record Thread(Ticket ticket, List<Message> messages, @Nullable Integer rating) {
	}

	/**
	 * Whether its customer may reopen it: solved or closed less than 14 days ago.
	 */
	public boolean reopenable(Instant now) {
		Instant ended = (this.closedAt != null) ? this.closedAt : this.solvedAt;
		return !this.status.active() && this.mergedInto == null && ended != null
				&& ended.isAfter(now.minus(java.time.Duration.ofDays(14)));
	}

}
