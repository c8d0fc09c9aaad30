package io.concierge.orders;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a customer's orders.
 *
 * @param matching how many orders match, counted up to {@link #COUNT_LIMIT}
 * @param next the cursor of the next page, null on the last
 */
public record OrderPage(List<OrderSummary> orders, long matching, @Nullable String next) {

	public static final int COUNT_LIMIT = 1000;

	public int countLimit() {
		return COUNT_LIMIT;
	}

	public boolean matchingMore() {
		return this.matching > COUNT_LIMIT;
	}

}
