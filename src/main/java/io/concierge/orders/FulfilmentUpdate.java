package io.concierge.orders;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * News from the warehouse, the ERP or the carrier about an order.
 *
 * @param lines the lines it is about, by SKU (with a quantity for shipments); empty for
 * every line
 * @param carrier for {@link LineStatus#SHIPPED}: who carries the parcel
 * @param note the sender's words, shown on the timeline
 */
public record FulfilmentUpdate(String orderNumber, LineStatus status, Instant occurredAt, List<LineRef> lines,
		@Nullable String carrier, @Nullable String service, @Nullable String trackingNumber,
		@Nullable LocalDate promisedDelivery, @Nullable String note) {

	public FulfilmentUpdate {
		lines = List.copyOf(lines);
		if (status == LineStatus.SHIPPED && (carrier == null || carrier.isBlank())) {
			throw new IllegalArgumentException("A shipment needs a carrier");
		}
		if (status == LineStatus.PLACED) {
			throw new IllegalArgumentException("An order is placed once, by its channel");
		}
	}

	/**
	 * A line by its SKU; the quantity counts for shipments only (all of it when absent).
	 */
	public record LineRef(String sku, @Nullable Integer quantity) {

	}

}
