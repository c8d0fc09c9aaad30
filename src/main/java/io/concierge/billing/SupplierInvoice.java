package io.concierge.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An invoice a supplier sent Concierge (accounts payable), as kept: received, approved by
 * finance and paid, or disputed with a reason.
 *
 * @param supplier the supplier's id in the module that knows suppliers
 * @param number the supplier's own invoice number
 * @param reference what it bills, such as the purchase order's number
 */
public record SupplierInvoice(UUID id, UUID supplier, String supplierName, String number, String reference,
		LocalDate issuedOn, LocalDate dueOn, String currency, BigDecimal net, BigDecimal tax, BigDecimal gross,
		@Nullable UUID pdfDocument, Status status, @Nullable String disputeReason, String submittedBy,
		Instant submittedAt, @Nullable String approvedBy, @Nullable Instant approvedAt, @Nullable String disputedBy,
		@Nullable Instant disputedAt, @Nullable String paidBy, @Nullable Instant paidAt) {

	/**
	 * Where a supplier invoice stands. Which transitions are allowed here also decides
	 * which buttons finance sees.
	 */
	public enum Status {

		RECEIVED, APPROVED, PAID, DISPUTED;

		public boolean canTransitionTo(Status next) {
			return switch (this) {
				case RECEIVED -> next == APPROVED || next == DISPUTED;
				case APPROVED -> next == PAID || next == DISPUTED;
				// a dispute settled with the supplier is approved after all
				case DISPUTED -> next == APPROVED;
				case PAID -> false;
			};
		}

		public boolean canApprove() {
			return canTransitionTo(APPROVED);
		}

		public boolean canDispute() {
			return canTransitionTo(DISPUTED);
		}

		public boolean canPay() {
			return canTransitionTo(PAID);
		}

	}

	public boolean hasPdf() {
		return this.pdfDocument != null;
	}

}
