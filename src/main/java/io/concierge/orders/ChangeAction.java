package io.concierge.orders;

/**
 * What customers may do to their own orders, each decided by the {@link ChangePolicy}.
 */
public enum ChangeAction {

	/** Cancel lines, all or some of their units; the whole order is every line. */
	CANCEL,

	/** Send what has not left yet to another address. */
	ADDRESS,

	/** Send delivered goods back for a refund or store credit. */
	RETURN,

	/** Send delivered goods back for another size or colour, or the same again. */
	EXCHANGE,

	/** Say where a parcel may be left, with whom, when, or on which day. */
	DELIVERY

}
