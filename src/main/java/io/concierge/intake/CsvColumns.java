package io.concierge.intake;

import java.util.List;

/**
 * The columns of an order CSV, named in its first row, in any order (see
 * {@link CsvOrders}).
 */
public final class CsvColumns {

	public static final List<String> REQUIRED = List.of("order_reference", "placed_at", "currency", "sku", "name",
			"quantity", "unit_price");

	public static final List<String> OPTIONAL = List.of("purchase_order", "customer_email", "discount", "tax",
			"shipping", "notes", "ship_name", "ship_lines", "ship_postal_code", "ship_city", "ship_region",
			"ship_country");

	private CsvColumns() {
	}

}
