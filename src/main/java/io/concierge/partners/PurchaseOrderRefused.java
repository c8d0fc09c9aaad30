package io.concierge.partners;

import java.util.List;

/**
 * A purchase order (by form or CSV) refused as a whole, nothing taken in: every problem
 * with its line (the file's line, the header being line 1; the form's line from 1), its
 * message key {@code partners.vendor.refused.<reason>} and the value at fault.
 */
public class PurchaseOrderRefused extends RuntimeException {

	private final List<Problem> problems;

	PurchaseOrderRefused(List<Problem> problems) {
		super("Refused: " + problems);
		this.problems = List.copyOf(problems);
	}

	public List<Problem> problems() {
		return this.problems;
	}

	/**
	 * One thing wrong.
	 *
	 * @param line the line at fault, or 0 for the whole
	 */
	public record Problem(int line, String reason, String value) {

		/**
		 * The value quoted as the audit trail can store it (see
		 * {@link VendorRefused#quoted}).
		 */
		public Problem {
			value = VendorRefused.quoted(value);
		}

		public String messageKey() {
			return "partners.vendor.refused." + this.reason;
		}

	}

}
