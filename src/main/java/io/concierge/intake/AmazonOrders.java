package io.concierge.intake;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.concierge.orders.Address;
import io.concierge.orders.Channel;
import io.concierge.orders.NewOrder;
import io.concierge.orders.NewOrder.NewLine;
import io.concierge.orders.Totals;
import io.concierge.shared.Money;

import static io.concierge.intake.IntakeJson.array;
import static io.concierge.intake.IntakeJson.optionalText;
import static io.concierge.intake.IntakeJson.text;
import static io.concierge.intake.ShopifyOrders.currency;
import static io.concierge.intake.ShopifyOrders.emailAddress;
import static io.concierge.intake.ShopifyOrders.instant;
import static io.concierge.intake.ShopifyOrders.limit;

/**
 * An Amazon order as the {@link AmazonPoller} stores it: the SP-API Orders v0
 * {@code Order} and its {@code OrderItems}, as Amazon sent them, in one object
 * {@code {"order": {…}, "items": [{…}]}}. {@code ItemPrice} is the line's price (unit
 * price × quantity); the order's total is {@code OrderTotal} as Amazon states it.
 */
final class AmazonOrders {

	private AmazonOrders() {
	}

	/**
	 * Whether Amazon has told everything an order needs: a pending order has no address
	 * and no total yet, and waits for a later poll.
	 */
	static boolean complete(JsonNode order) {
		String status = order.path("OrderStatus").asString("");
		return !status.equals("Pending") && !status.equals("Canceled") && order.path("OrderTotal").isObject()
				&& (order.path("ShippingAddress").isObject()
						|| order.path("FulfillmentChannel").asString("").equals("AFN"));
	}

	static NewOrder read(byte[] body, @Nullable UUID organisation) {
		JsonNode stored = IntakeJson.object(body);
		JsonNode order = stored.path("order");
		if (!order.isObject()) {
			throw new MalformedSubmission("order", "is required");
		}
		String id = limit(text(order, "AmazonOrderId", "order."), 50, "order.AmazonOrderId");
		JsonNode orderTotal = order.path("OrderTotal");
		if (!orderTotal.isObject()) {
			throw new MalformedSubmission("order.OrderTotal", "is required");
		}
		Currency currency = currency(text(orderTotal, "CurrencyCode", "order.OrderTotal."));
		Instant placedAt = instant(text(order, "PurchaseDate", "order."), "order.PurchaseDate");
		JsonNode items = array(stored, "items", "");
		List<NewLine> lines = new ArrayList<>();
		Money subtotal = Money.zero(currency);
		Money discounts = Money.zero(currency);
		Money taxes = Money.zero(currency);
		Money shipping = Money.zero(currency);
		for (int i = 0; i < items.size(); i++) {
			JsonNode item = items.get(i);
			String path = "items[" + i + "].";
			int quantity = IntakeJson.quantity(item, "QuantityOrdered", path);
			Money price = money(item, "ItemPrice", path, currency);
			Money discount = money(item, "PromotionDiscount", path, currency);
			Money tax = money(item, "ItemTax", path, currency);
			subtotal = subtotal.plus(price);
			discounts = discounts.plus(discount).plus(money(item, "ShippingDiscount", path, currency));
			taxes = taxes.plus(tax).plus(money(item, "ShippingTax", path, currency));
			shipping = shipping.plus(money(item, "ShippingPrice", path, currency));
			String sku = optionalText(item, "SellerSKU", path);
			try {
				lines.add(new NewLine(
						limit((sku != null) ? sku : "ASIN-" + text(item, "ASIN", path), 60, path + "SellerSKU"),
						limit(text(item, "Title", path), 500, path + "Title"), quantity, unitPrice(price, quantity),
						discount, tax));
			}
			catch (IllegalArgumentException ex) {
				throw new MalformedSubmission(path, ex.getMessage());
			}
		}
		Money total = money(order, "OrderTotal", "order.", currency);
		String email = optionalText(order.path("BuyerInfo"), "BuyerEmail", "order.BuyerInfo.");
		try {
			String purchaseOrder = optionalText(order.path("BuyerInfo"), "PurchaseOrderNumber", "order.BuyerInfo.");
			return new NewOrder(Channel.MARKETPLACE, id,
					(purchaseOrder != null) ? limit(purchaseOrder, 100, "order.BuyerInfo.PurchaseOrderNumber") : null,
					null, organisation, placedAt, lines, address(order.get("ShippingAddress")), null,
					new Totals(subtotal, discounts, taxes, shipping, total), null,
					(email != null) ? emailAddress(email) : null);
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedSubmission(null, ex.getMessage());
		}
	}

	/**
	 * The unit price from the line's price; a price that does not divide evenly is
	 * rounded to the currency's minor unit, the line's price staying as stated in the
	 * totals.
	 */
	private static Money unitPrice(Money price, int quantity) {
		return new Money(price.amount()
			.divide(BigDecimal.valueOf(quantity), Math.max(price.currency().getDefaultFractionDigits(), 0),
					RoundingMode.HALF_EVEN),
				price.currency());
	}

	/**
	 * An SP-API {@code Money} field: {@code {"CurrencyCode": "EUR", "Amount": "12.50"}},
	 * zero when absent.
	 */
	private static Money money(JsonNode node, String field, String path, Currency currency) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return Money.zero(currency);
		}
		if (!value.isObject()) {
			throw new MalformedSubmission(path + field, "must be an amount with its currency");
		}
		String code = text(value, "CurrencyCode", path + field + ".");
		if (!code.equals(currency.getCurrencyCode())) {
			throw new MalformedSubmission(path + field,
					"is in " + code + ", the order in " + currency.getCurrencyCode());
		}
		return ShopifyOrders.money(IntakeJson.amount(value, "Amount", path + field + "."), currency, path + field);
	}

	private static @Nullable Address address(@Nullable JsonNode address) {
		if (address == null || address.isNull()) {
			return null;
		}
		String path = "order.ShippingAddress.";
		if (!address.isObject()) {
			throw new MalformedSubmission(path, "must be an address");
		}
		StringBuilder lines = new StringBuilder(text(address, "AddressLine1", path));
		for (String field : List.of("AddressLine2", "AddressLine3")) {
			String line = optionalText(address, field, path);
			if (line != null) {
				lines.append('\n').append(line);
			}
		}
		try {
			return new Address(text(address, "Name", path), lines.toString(), optionalText(address, "PostalCode", path),
					text(address, "City", path), optionalText(address, "StateOrRegion", path),
					text(address, "CountryCode", path).toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedSubmission(path, ex.getMessage());
		}
	}

}
