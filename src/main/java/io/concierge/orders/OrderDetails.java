package io.concierge.orders;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.concierge.shared.Money;

/**
 * Everything the order page shows.
 *
 * @param promisedDelivery the latest date promised for a parcel still on its way
 * @param timeline the stages from placed to delivered, each done, current or to come
 * @param history what happened, newest first, with the sender's notes
 */
public record OrderDetails(String number, Channel channel, @Nullable String externalReference,
		@Nullable String purchaseOrder, Instant placedAt, OrderStatus status, List<Line> lines,
		@Nullable Address shipTo, @Nullable Address billTo, Totals totals, @Nullable String notes,
		List<ShipmentView> shipments, @Nullable LocalDate promisedDelivery, List<Step> timeline, List<Event> history,
		long version) {

	public record Line(int number, String sku, String name, int quantity, Money unitPrice, Money discount, Money tax,
			LineStatus status) {

	}

	/**
	 * @param trackingUrl the carrier's tracking page, where Concierge knows it
	 * @param items the line names with how many of each are in the parcel
	 * @param stage where the carrier's latest scan says it is; null before any
	 * @param carrierEstimate the carrier's estimated delivery date
	 * @param lastLocation where it was last scanned
	 * @param checkpoints the carrier's scans, newest first
	 * @param estimate Concierge's delivery estimate while it is on its way
	 * @param alert why its customer was last warned about it, while it is on its way
	 */
	public record ShipmentView(String carrier, @Nullable String service, @Nullable String trackingNumber,
			@Nullable String trackingUrl, @Nullable LocalDate promisedDelivery, Instant shippedAt, List<Item> items,
			@Nullable DeliveryStage stage, @Nullable LocalDate carrierEstimate, @Nullable String lastLocation,
			@Nullable String signedBy, List<Checkpoint> checkpoints, @Nullable Estimate estimate,
			@Nullable String alert) {

		public record Item(String name, int quantity) {

		}

		public record Checkpoint(Instant occurredAt, DeliveryStage stage, @Nullable String description,
				@Nullable String location) {

		}

		/**
		 * @param likely the day it will most likely come
		 * @param earliest the range's first day
		 * @param latest the range's last day
		 * @param source {@code MODEL}, learned from past parcels, or {@code CARRIER}
		 */
		public record Estimate(LocalDate likely, LocalDate earliest, LocalDate latest, String source) {

			public boolean oneDay() {
				return this.earliest.equals(this.latest);
			}

		}

	}

	/**
	 * A stage on the timeline.
	 *
	 * @param reachedAt when the first line reached it; null when it was skipped or is to
	 * come
	 */
	public record Step(LineStatus stage, @Nullable Instant reachedAt, State state) {

		public enum State {

			DONE, CURRENT, TO_COME

		}

	}

	/**
	 * @param lines the lines it was about; empty for the whole order
	 */
	public record Event(LineStatus status, List<String> lines, Instant occurredAt, @Nullable String note) {

	}

}
