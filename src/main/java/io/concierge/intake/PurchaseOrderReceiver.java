package io.concierge.intake;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Where intake hands a vendor's X12 850 purchase order once it is stored and its envelope
 * read ({@link PurchaseOrderIntake}): implemented by the module that keeps vendors'
 * purchase orders, so that intake knows no vendors. Called by the workers in the
 * transaction that marks the submission accepted; a refusal rolls that transaction back
 * and the submission is rejected with the reason, answered with a 997 {@code AK5*R}.
 */
public interface PurchaseOrderReceiver {

	/**
	 * Takes the purchase order in, all or nothing.
	 * @return the purchase order's number, as the vendor will find it
	 * @throws Refused when it cannot be taken in, saying why
	 */
	String receive(PurchaseOrder order);

	/**
	 * Intake itself rejected a vendor's purchase order before it was handed over (its
	 * segments cannot be read, or taking it in failed for a reason that will not go
	 * away): for the receiver to record, if it records refusals.
	 */
	default void rejected(PurchaseOrder order, String reason) {
	}

	/**
	 * One transaction set, as an interchange of its own in the sender's delimiters.
	 *
	 * @param submission the submission it is stored as
	 * @param vendor whose channel it came through
	 * @param sentBy who sent it: a person's address, or the system's credential
	 * @param sentFrom the address it was sent from
	 */
	record PurchaseOrder(UUID submission, UUID vendor, byte[] x12, String sentBy, String sentFrom) {

	}

	/**
	 * The purchase order cannot be taken in; nothing of it may have been written.
	 */
	class Refused extends RuntimeException {

		private final String code;

		private final @Nullable String details;

		/**
		 * @param code the cause, for operations to group by ({@code UNKNOWN_SKU})
		 * @param reason why, in words
		 * @param details the receiver's own account of it (at most 2,000 characters), to
		 * explain it again in the vendor's language
		 */
		public Refused(String code, String reason, @Nullable String details) {
			super(reason);
			this.code = code;
			this.details = details;
		}

		public String code() {
			return this.code;
		}

		public @Nullable String details() {
			return this.details;
		}

	}

}
