package io.concierge.orders;

import java.util.List;

/**
 * Where a customer's change is. Cancellations, address changes and delivery preferences
 * are {@link #DONE} at once or wait in {@link #REQUESTED} for someone's approval; an
 * address change also waits for the warehouse to confirm it. A return goes from requested
 * (or approved at once) through its label, the parcel's way back and the inspection to
 * its refund, or is closed.
 */
public enum ChangeStatus {

	REQUESTED, DONE, REJECTED, AWAITING_WAREHOUSE, REFUSED_BY_WAREHOUSE,

	APPROVED, LABEL_ISSUED, IN_TRANSIT, RECEIVED, INSPECTED, REFUNDED, CLOSED;

	private static final List<ChangeStatus> RETURN_STEPS = List.of(REQUESTED, LABEL_ISSUED, IN_TRANSIT, RECEIVED,
			INSPECTED, REFUNDED);

	/**
	 * Whether a return can move here from this status: forward along its way, closed from
	 * anywhere after approval.
	 */
	public boolean canAdvanceTo(ChangeStatus to) {
		if (this == REFUNDED || this == CLOSED || this == REJECTED) {
			return false;
		}
		if (to == CLOSED) {
			return this != REQUESTED;
		}
		int from = RETURN_STEPS.indexOf(this == APPROVED ? LABEL_ISSUED : this);
		int next = RETURN_STEPS.indexOf(to);
		return from > 0 && next > from;
	}

	/**
	 * A return still on its way: its units cannot be returned again.
	 */
	public boolean isUnderWay() {
		return this != REJECTED && this != CLOSED && this != REFUNDED && this != DONE && this != REFUSED_BY_WAREHOUSE;
	}

	/**
	 * The next steps of a return, for the agent's buttons.
	 */
	public List<ChangeStatus> nextReturnSteps() {
		return java.util.Arrays.stream(values()).filter(this::canAdvanceTo).toList();
	}

	/**
	 * The steps a return's progress shows.
	 */
	public static List<ChangeStatus> returnSteps() {
		return RETURN_STEPS;
	}

}
