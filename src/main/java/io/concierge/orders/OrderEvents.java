package io.concierge.orders;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What happens to orders, for the modules that follow them (tracking, billing,
 * notifications) and for the live order page.
 */
public final class OrderEvents {

	private OrderEvents() {
	}

	public record OrderPlaced(UUID order, String number, Channel channel, @Nullable UUID account,
			@Nullable UUID organisation, Instant occurredAt) {

	}

	/**
	 * Lines moved to a status, with the warehouse's or carrier's note.
	 *
	 * @param lines the line numbers, from 1
	 */
	public record OrderLinesMoved(UUID order, String number, List<Integer> lines, LineStatus status,
			@Nullable String note, Instant occurredAt) {

	}

	/**
	 * The order as a whole changed status.
	 */
	public record OrderStatusChanged(UUID order, String number, OrderStatus from, OrderStatus to, Instant occurredAt) {

	}

	public record OrderShipped(UUID order, String number, UUID shipment, String carrier,
			@Nullable String trackingNumber, @Nullable LocalDate promisedDelivery, List<Integer> lines,
			Instant occurredAt) {

	}

	public record OrderDelivered(UUID order, String number, Instant occurredAt) {

	}

	public record OrderCancelled(UUID order, String number, List<Integer> lines, @Nullable String reason,
			Instant occurredAt) {

	}

}
