package io.concierge.orders;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What someone who is not signed in may see of an order: where it is, never who ordered
 * it, where it goes or what it cost.
 */
public record GuestOrder(String number, Instant placedAt, OrderStatus status, @Nullable LocalDate promisedDelivery,
		List<OrderDetails.Step> timeline) {

}
