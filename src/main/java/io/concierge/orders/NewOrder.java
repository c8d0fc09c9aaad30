package io.concierge.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.concierge.shared.EmailAddress;
import io.concierge.shared.Money;

/**
 * An order as a channel hands it over, already converted into the canonical model.
 *
 * @param externalReference the channel's own id for it (a Shopify order id, an EDI
 * document number)
 * @param purchaseOrder the buyer's purchase order number, for business customers
 * @param account the customer's account, if the customer has one
 * @param organisation the company the order belongs to, if any
 * @param shipTo where it goes; none when nothing is delivered
 * @param billTo none when the channel does not say
 * @param customerEmail where the channel says the customer can be reached; with the order
 * number it opens the guest status page. A guest's order without account or company
 * belongs to it. A till's or a draft's order may have none of the three: the guest finds
 * it by its number and the delivery postal code.
 */
public record NewOrder(Channel channel, @Nullable String externalReference, @Nullable String purchaseOrder,
		@Nullable UUID account, @Nullable UUID organisation, Instant placedAt, List<NewLine> lines,
		@Nullable Address shipTo, @Nullable Address billTo, Totals totals, @Nullable String notes,
		@Nullable EmailAddress customerEmail) {

	public NewOrder {
		if (lines.isEmpty()) {
			throw new IllegalArgumentException("An order has at least one line");
		}
		lines = List.copyOf(lines);
	}

	/**
	 * Whether nobody could find the order again: it has no account, company or email
	 * address, and no delivery postal code to name it by on the guest status page.
	 */
	public boolean unclaimable() {
		return this.account == null && this.organisation == null && this.customerEmail == null
				&& (this.shipTo == null || this.shipTo.postalCode() == null);
	}

	/**
	 * A line: unit price, and the line's discount and tax in total, as the channel stated
	 * them.
	 *
	 * @param variant the product this SKU is a variant of, where the channel says
	 */
	public record NewLine(String sku, String name, int quantity, Money unitPrice, Money discount, Money tax,
			@Nullable Variant variant) {

		public NewLine {
			if (sku.isBlank() || name.isBlank()) {
				throw new IllegalArgumentException("A line needs a SKU and a name");
			}
			if (quantity < 1) {
				throw new IllegalArgumentException("A line's quantity is at least 1");
			}
		}

		public NewLine(String sku, String name, int quantity, Money unitPrice, Money discount, Money tax) {
			this(sku, name, quantity, unitPrice, discount, tax, null);
		}

	}

	/**
	 * What the channel says a SKU is: a variant (size, colour) of a product. Customers
	 * exchange for another variant of the same product.
	 *
	 * @param product the channel's id of the product
	 * @param label what tells this variant from the others ("M / Blue")
	 */
	public record Variant(String product, String label) {

		public Variant {
			if (product.isBlank() || label.isBlank()) {
				throw new IllegalArgumentException("A variant names its product and itself");
			}
		}

	}

}
