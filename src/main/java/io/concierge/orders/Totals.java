package io.concierge.orders;

import io.concierge.shared.Money;

/**
 * An order's totals exactly as the channel stated them; Concierge does not recompute
 * them, since the channel's rounding and tax rules are the ones the customer was charged
 * by.
 */
public record Totals(Money subtotal, Money discounts, Money taxes, Money shipping, Money grandTotal) {

	public Totals {
		for (Money money : new Money[] { discounts, taxes, shipping, grandTotal }) {
			if (!money.currency().equals(subtotal.currency())) {
				throw new IllegalArgumentException("The totals of an order are all in one currency");
			}
		}
	}

}
