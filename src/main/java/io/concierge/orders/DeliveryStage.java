package io.concierge.orders;

import org.jspecify.annotations.Nullable;

/**
 * Where a parcel is, as carriers' scans say it, in Concierge's words. Carriers' own
 * statuses and checkpoint codes are mapped onto these by the tracking module.
 */
public enum DeliveryStage {

	/** The sender made the label; the carrier does not have the parcel yet. */
	LABEL_CREATED(null),

	IN_TRANSIT(LineStatus.IN_TRANSIT),

	/** Customs hold it, usually for duties or papers. */
	CUSTOMS_HOLD(LineStatus.DELAYED),

	OUT_FOR_DELIVERY(LineStatus.OUT_FOR_DELIVERY),

	/** Waiting at a pickup point or locker for the customer. */
	AVAILABLE_FOR_PICKUP(null),

	/**
	 * The carrier tried and could not deliver; it tries again or leaves it for pickup.
	 */
	FAILED_ATTEMPT(LineStatus.DELIVERY_FAILED),

	/** Damaged, lost, address problem, held: something the carrier flags. */
	EXCEPTION(LineStatus.DELAYED),

	DELIVERED(LineStatus.DELIVERED),

	/** On its way back to the sender. */
	RETURNED_TO_SENDER(null);

	private final @Nullable LineStatus lineStatus;

	DeliveryStage(@Nullable LineStatus lineStatus) {
		this.lineStatus = lineStatus;
	}

	/**
	 * What the parcel's lines become when it reaches this stage; none when the lines'
	 * stage says it already.
	 */
	@Nullable LineStatus lineStatus() {
		return this.lineStatus;
	}

	/**
	 * A stage after which nothing a carrier reports changes the parcel's stage.
	 */
	public boolean isFinal() {
		return this == DELIVERED || this == RETURNED_TO_SENDER;
	}

	/**
	 * A stage the customer should hear about with what happens next.
	 */
	public boolean needsExplaining() {
		return this == CUSTOMS_HOLD || this == AVAILABLE_FOR_PICKUP || this == FAILED_ATTEMPT || this == EXCEPTION
				|| this == RETURNED_TO_SENDER;
	}

}
