package io.concierge.documents;

import org.springframework.util.unit.DataSize;

/**
 * What a document is, which decides how large it may be and who may open it how.
 */
public enum DocumentKind {

	/** Anything a customer keeps here: a receipt, a delivery note, a photo. */
	GENERAL(DataSize.ofMegabytes(10), false),

	/** A photo the customer added to a return; kept for them by the orders module. */
	RETURN_PHOTO(DataSize.ofMegabytes(5), false),

	/** An invoice or credit note; issued by the billing module, never uploaded. */
	INVOICE(DataSize.ofMegabytes(10), false),

	/**
	 * A passport, an identity card, a trade register extract: opening it asks for the
	 * second factor again.
	 */
	IDENTITY(DataSize.ofMegabytes(10), true),

	/**
	 * A person's data export: made by the system, owned by nobody, discarded when it
	 * expires.
	 */
	DATA_EXPORT(DataSize.ofMegabytes(512), false),

	/**
	 * A recipient's photo or signature a carrier took at the door; kept by the partners
	 * module for the order's customer.
	 */
	DELIVERY_PROOF(DataSize.ofMegabytes(10), false);

	private final DataSize maxSize;

	private final boolean stepUp;

	DocumentKind(DataSize maxSize, boolean stepUp) {
		this.maxSize = maxSize;
		this.stepUp = stepUp;
	}

	/**
	 * Whether customers upload it on the documents page; the others come from elsewhere.
	 */
	public boolean uploadable() {
		return this == GENERAL || this == IDENTITY;
	}

	public DataSize maxSize() {
		return this.maxSize;
	}

	/**
	 * Whether opening it needs a second factor given within the last minutes.
	 */
	public boolean needsStepUp() {
		return this.stepUp;
	}

}
