package io.concierge.partners;

import java.time.Instant;
import java.util.UUID;

/**
 * The steps of a vendor's purchase order, each with its time, so that analytics can
 * measure order-to-ship time (submitted to shipped) and order-to-receipt time.
 */
public final class PurchaseOrderEvents {

	private PurchaseOrderEvents() {
	}

	public record PurchaseOrderSubmitted(UUID purchaseOrder, UUID vendor, String number, int lines,
			Instant occurredAt) {

	}

	/**
	 * Concierge's acknowledgement (the 855): how many lines it accepted and rejected.
	 */
	public record PurchaseOrderAcknowledged(UUID purchaseOrder, UUID vendor, String number, int accepted, int rejected,
			Instant occurredAt) {

	}

	/**
	 * The vendor's advance ship notice (the 856).
	 */
	public record PurchaseOrderShipped(UUID purchaseOrder, UUID vendor, String number, String shipment,
			Instant submittedAt, Instant occurredAt) {

	}

	/**
	 * The warehouse counted what came.
	 *
	 * @param discrepancies how many lines it counted other than shipped
	 */
	public record PurchaseOrderReceived(UUID purchaseOrder, UUID vendor, String number, int discrepancies,
			Instant submittedAt, Instant occurredAt) {

	}

}
