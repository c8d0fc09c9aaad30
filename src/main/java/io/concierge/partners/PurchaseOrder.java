package io.concierge.partners;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A vendor's purchase order: submitted, acknowledged by Concierge at once (each line
 * accepted or rejected), shipped with the vendor's advance ship notice, received at the
 * warehouse.
 */
public record PurchaseOrder(UUID id, UUID vendor, String vendorName, String number, String source, Status status,
		String submittedBy, Instant submittedAt, Instant acknowledgedAt, @Nullable String shipmentNumber,
		@Nullable Instant shippedAt, @Nullable Instant receivedAt, List<Line> lines) {

	public enum Status {

		ACKNOWLEDGED, SHIPPED, RECEIVED;

		/**
		 * Whether the vendor may send its advance ship notice now.
		 */
		public boolean canShip() {
			return this == ACKNOWLEDGED;
		}

		/**
		 * Whether the warehouse may count what came now.
		 */
		public boolean canReceive() {
			return this == SHIPPED;
		}

	}

	/**
	 * @param rejection why Concierge rejected the line ({@code past}: the requested date
	 * has passed), or null when it was accepted
	 * @param shipped how many the vendor's advance ship notice says it shipped
	 * @param received how many the warehouse counted
	 */
	public record Line(int line, String sku, int quantity, BigDecimal unitPrice, String currency,
			LocalDate requestedDate, boolean accepted, @Nullable String rejection, @Nullable Integer shipped,
			@Nullable Integer received) {

		/**
		 * Whether the warehouse counted other than the vendor shipped.
		 */
		public boolean discrepancy() {
			return this.received != null && !Objects.equals(this.received, (this.shipped != null) ? this.shipped : 0);
		}

	}

	public long accepted() {
		return this.lines.stream().filter(Line::accepted).count();
	}

	public long rejected() {
		return this.lines.size() - accepted();
	}

	public boolean discrepancy() {
		return this.lines.stream().anyMatch(Line::discrepancy);
	}

	/**
	 * From submission to the vendor's advance ship notice, once it shipped.
	 */
	public @Nullable Duration orderToShip() {
		return (this.shippedAt != null) ? Duration.between(this.submittedAt, this.shippedAt) : null;
	}

}
