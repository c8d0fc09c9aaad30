package io.concierge.intake;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.concierge.orders.Channel;
import io.concierge.orders.NewOrder;
import io.concierge.orders.NewOrder.NewLine;
import io.concierge.orders.Totals;
import io.concierge.shared.Money;

import static io.concierge.intake.IntakeJson.amount;
import static io.concierge.intake.IntakeJson.array;
import static io.concierge.intake.IntakeJson.optionalAmount;
import static io.concierge.intake.IntakeJson.optionalText;
import static io.concierge.intake.IntakeJson.quantity;
import static io.concierge.intake.IntakeJson.text;
import static io.concierge.intake.ShopifyOrders.currency;
import static io.concierge.intake.ShopifyOrders.emailAddress;
import static io.concierge.intake.ShopifyOrders.instant;
import static io.concierge.intake.ShopifyOrders.limit;
import static io.concierge.intake.ShopifyOrders.money;

/**
 * A till's sale, in Concierge's point-of-sale schema (see the README): taken home, so
 * without addresses; it belongs to the customer's email address, or to the channel's
 * company.
 *
 * <pre>
 * {"saleId": "BER-1-0042", "soldAt": "2026-11-22T10:15:00+01:00", "currency": "EUR",
 *  "customerEmail": "alex.morgan@example.com", "store": "Berlin Mitte",
 *  "lines": [{"sku": "MUG-01", "name": "Stoneware mug", "quantity": 2,
 *             "unitPrice": "12.50", "discount": "0", "tax": "4.00"}],
 *  "totals": {"subtotal": "25.00", "discounts": "0", "taxes": "4.00", "total": "25.00"}}
 * </pre>
 */
final class PointOfSaleSales {

	private PointOfSaleSales() {
	}

	static NewOrder read(byte[] body, @Nullable UUID organisation) {
		JsonNode sale = IntakeJson.object(body);
		String id = limit(text(sale, "saleId", ""), 100, "saleId");
		Currency currency = currency(text(sale, "currency", ""));
		List<NewLine> lines = new ArrayList<>();
		JsonNode items = array(sale, "lines", "");
		for (int i = 0; i < items.size(); i++) {
			JsonNode line = items.get(i);
			String path = "lines[" + i + "].";
			Money discount = money(orZero(line, "discount", path), currency, path + "discount");
			try {
				lines.add(new NewLine(limit(text(line, "sku", path), 60, path + "sku"),
						limit(text(line, "name", path), 500, path + "name"), quantity(line, "quantity", path),
						money(amount(line, "unitPrice", path), currency, path + "unitPrice"), discount,
						money(orZero(line, "tax", path), currency, path + "tax")));
			}
			catch (IllegalArgumentException ex) {
				throw new MalformedSubmission(path, ex.getMessage());
			}
		}
		JsonNode totals = sale.path("totals");
		if (!totals.isObject()) {
			throw new MalformedSubmission("totals", "is required");
		}
		Money subtotal = money(amount(totals, "subtotal", "totals."), currency, "totals.subtotal");
		Money discounts = money(orZero(totals, "discounts", "totals."), currency, "totals.discounts");
		Money taxes = money(orZero(totals, "taxes", "totals."), currency, "totals.taxes");
		Money total = money(amount(totals, "total", "totals."), currency, "totals.total");
		String email = optionalText(sale, "customerEmail", "");
		String store = optionalText(sale, "store", "");
		try {
			return new NewOrder(Channel.POINT_OF_SALE, id, null, null, organisation,
					instant(text(sale, "soldAt", ""), "soldAt"), lines, null, null,
					new Totals(subtotal, discounts, taxes, Money.zero(currency), total),
					(store != null) ? "Bought at " + limit(store, 200, "store") : null,
					(email != null) ? emailAddress(email) : null);
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedSubmission(null, ex.getMessage());
		}
	}

	private static java.math.BigDecimal orZero(JsonNode node, String field, String path) {
		java.math.BigDecimal amount = optionalAmount(node, field, path);
		return (amount != null) ? amount : java.math.BigDecimal.ZERO;
	}

}
