package io.concierge.orders;

/**
 * What a customer wants for what they send back.
 */
public enum Resolution {

	/** Money back the way they paid (a company: a credit note). */
	REFUND,

	/** Another size or colour, or the same again. */
	EXCHANGE,

	/** Credit to spend with the shop. */
	STORE_CREDIT

}
