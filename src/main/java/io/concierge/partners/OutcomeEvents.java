package io.concierge.partners;

import java.time.Instant;
import java.util.UUID;

/**
 * What carriers' parcels and pickups came to, so that analytics can measure the seed's
 * outcomes: mis-deliveries per 1,000 parcels delivered and the pickups' on-time rate (see
 * README, "Partners: measured outcomes"). Vendors' order-to-ship time comes from
 * {@link PurchaseOrderEvents.PurchaseOrderShipped}.
 */
public final class OutcomeEvents {

	private OutcomeEvents() {
	}

	/**
	 * A parcel's carrier reported it delivered or returned to the sender, the first time.
	 *
	 * @param outcome {@code DELIVERED} or {@code RETURNED_TO_SENDER}
	 */
	public record ParcelConcluded(String carrier, String trackingNumber, String outcome, Instant occurredAt) {

	}

	/**
	 * A discrepancy was opened on a parcel.
	 *
	 * @param kind {@code DAMAGED}, {@code SHORT}, {@code REFUSED} or
	 * {@code WRONG_ADDRESS}
	 */
	public record DiscrepancyOpened(UUID discrepancy, String carrier, String trackingNumber, String kind,
			Instant occurredAt) {

	}

	/**
	 * A carrier booked a pickup.
	 */
	public record PickupBooked(UUID pickup, String carrier, Instant occurredAt) {

	}

	/**
	 * Operations marked a pickup collected.
	 *
	 * @param onTime confirmed beforehand and collected within its window
	 */
	public record PickupCollected(UUID pickup, String carrier, boolean onTime, Instant occurredAt) {

	}

}
