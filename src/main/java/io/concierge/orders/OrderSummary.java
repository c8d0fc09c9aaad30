package io.concierge.orders;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.concierge.shared.Money;

/**
 * An order as a row of the list.
 *
 * @param firstItem the name of its first line
 * @param items how many lines it has
 */
public record OrderSummary(String number, Instant placedAt, Channel channel, OrderStatus status, Money grandTotal,
		String firstItem, int items, @Nullable String purchaseOrder) {

}
