package io.concierge.orders;

import java.util.List;

/**
 * A customer's orders at a glance.
 *
 * @param inFlight the newest orders still on their way
 * @param inFlightCount how many are on their way, counted up to
 * {@link OrderPage#COUNT_LIMIT}
 * @param needAttention orders on hold, delayed or not delivered, latest first
 * @param recentlyUpdated the orders that changed last
 */
public record OrderOverview(List<OrderSummary> inFlight, long inFlightCount, List<OrderSummary> needAttention,
		List<OrderSummary> recentlyUpdated) {

}
