package io.concierge.support;

/**
 * Where a ticket stands: new until an agent answers, open while support owes the next
 * step, waiting while the customer does (its clocks stop), solved (the customer may still
 * reopen it for 14 days), closed.
 */
public enum TicketStatus {

	NEW, OPEN, WAITING, SOLVED, CLOSED;

	public boolean active() {
		return this == NEW || this == OPEN || this == WAITING;
	}

}
