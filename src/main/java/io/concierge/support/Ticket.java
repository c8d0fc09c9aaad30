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
 */
public record Ticket(UUID id, String number, UUID account, String email, String subject, TicketCategory category,
		String tier, TicketStatus status, @Nullable String contextKind, @Nullable String contextRef,
		@Nullable String orderNumber, @Nullable UUID assignee, @Nullable String mergedInto, Instant createdAt,
		Instant updatedAt, Instant firstResponseDue, Instant resolutionDue, @Nullable Instant firstResponseAt,
		@Nullable Instant waitingSince, @Nullable Instant solvedAt, @Nullable Instant closedAt,
		@Nullable String breached) {

	/**
	 * One entry of the conversation.
	 *
	 * @param authorKind {@code CUSTOMER}, {@code AGENT}, {@code SYSTEM} or
	 * {@code ASSISTANT}
	 * @param internal a note among agents, never shown to the customer
	 * @param via {@code WEB}, {@code EMAIL}, {@code ASSISTANT} or {@code SYSTEM}
	 */
	public record Message(UUID id, @Nullable UUID author, @Nullable String authorName, String authorKind,
			boolean internal, String body, String via, @Nullable UUID document, Instant createdAt) {
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
