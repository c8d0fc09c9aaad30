package io.concierge.orders;

/**
 * Where one order line is. The stages run from {@link #PLACED} to {@link #DELIVERED}; a
 * line may skip stages a warehouse does not report, but never goes back. On hold, delayed
 * and delivery failed interrupt a stage, which the line remembers; cancelled and returned
 * end it.
 */
public enum LineStatus {

	PLACED(0), CONFIRMED(1), PICKING(2), PACKED(3), SHIPPED(4), IN_TRANSIT(5), OUT_FOR_DELIVERY(6), DELIVERED(7),

	ON_HOLD(-1), DELAYED(-1), DELIVERY_FAILED(-1),

	CANCELLED(-1), RETURNED(-1);

	private final int rank;

	LineStatus(int rank) {
		this.rank = rank;
	}

	/**
	 * A step on the way from placed to delivered.
	 */
	public boolean isStage() {
		return this.rank >= 0;
	}

	public boolean isFinal() {
		return this == CANCELLED || this == RETURNED;
	}

	/**
	 * Whether this stage comes after the other one.
	 */
	public boolean isAfter(LineStatus stage) {
		return this.rank > stage.rank;
	}

	/**
	 * The goods have left the warehouse.
	 */
	public boolean hasShipped() {
		return this.rank >= SHIPPED.rank;
	}

	static LineStatus[] stages() {
		return new LineStatus[] { PLACED, CONFIRMED, PICKING, PACKED, SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY,
				DELIVERED };
	}

}
