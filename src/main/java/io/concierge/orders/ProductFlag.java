package io.concierge.orders;

/**
 * What a shop says about a product that changes what its buyer may do with it.
 */
public enum ProductFlag {

	/** Sold as seen: not returned. */
	FINAL_SALE,

	/** Food and the like: returned only after someone has looked at it. */
	PERISHABLE,

	/** Made for this customer: cancelled or returned only with someone's approval. */
	MADE_TO_ORDER

}
