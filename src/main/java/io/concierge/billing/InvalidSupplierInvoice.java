package io.concierge.billing;

/**
 * A supplier invoice Concierge does not take in, or a change finance cannot make to it,
 * with the message key ({@code billing.supplier.refused.<reason>}) and the value at
 * fault; nothing was stored.
 */
public class InvalidSupplierInvoice extends RuntimeException {

	private final String reason;

	private final String value;

	public InvalidSupplierInvoice(String reason, String value) {
		super("billing.supplier.refused." + reason + ": " + value);
		this.reason = reason;
		this.value = value;
	}

	public String reason() {
		return this.reason;
	}

	public String value() {
		return this.value;
	}

	public String messageKey() {
		return "billing.supplier.refused." + this.reason;
	}

}
