package io.concierge.orders;

import java.util.Collection;
import java.util.List;

/**
 * The status of a whole order, derived from its lines: what needs attention first (on
 * hold, delivery failed, delayed), then how far the least advanced line has come, with
 * "partially" where the lines are apart.
 */
public enum OrderStatus {

	PLACED, CONFIRMED, PICKING, PACKED, PARTIALLY_SHIPPED, SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY, PARTIALLY_DELIVERED,
	DELIVERED, ON_HOLD, DELAYED, DELIVERY_FAILED, CANCELLED, PARTIALLY_RETURNED, RETURNED;

	/**
	 * @param lines each line's status and the stage it has reached
	 */
	static OrderStatus of(Collection<LineState> lines) {
		List<LineState> active = lines.stream().filter((line) -> line.status() != LineStatus.CANCELLED).toList();
		if (active.isEmpty()) {
			return CANCELLED;
		}
		for (LineStatus exception : List.of(LineStatus.ON_HOLD, LineStatus.DELIVERY_FAILED, LineStatus.DELAYED)) {
			if (active.stream().anyMatch((line) -> line.status() == exception)) {
				return valueOf(exception.name());
			}
		}
		long returned = active.stream().filter((line) -> line.status() == LineStatus.RETURNED).count();
		if (returned == active.size()) {
			return RETURNED;
		}
		if (returned > 0) {
			return PARTIALLY_RETURNED;
		}
		long delivered = active.stream().filter((line) -> line.stage() == LineStatus.DELIVERED).count();
		if (delivered == active.size()) {
			return DELIVERED;
		}
		if (delivered > 0) {
			return PARTIALLY_DELIVERED;
		}
		LineStatus least = active.stream()
			.map(LineState::stage)
			.reduce((a, b) -> a.isAfter(b) ? b : a)
			.orElse(LineStatus.PLACED);
		boolean someShipped = active.stream().anyMatch((line) -> line.stage().hasShipped());
		if (someShipped && !least.hasShipped()) {
			return PARTIALLY_SHIPPED;
		}
		return valueOf(least.name());
	}

	/**
	 * Still on its way to the customer, or waiting.
	 */
	public boolean isOpen() {
		return this != DELIVERED && this != CANCELLED && this != RETURNED && this != PARTIALLY_RETURNED;
	}

	public boolean needsAttention() {
		return this == ON_HOLD || this == DELAYED || this == DELIVERY_FAILED;
	}

	/**
	 * A line's status and the furthest stage it reached.
	 */
	record LineState(LineStatus status, LineStatus stage) {

	}

}
