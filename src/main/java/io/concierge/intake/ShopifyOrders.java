package io.concierge.intake;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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
import io.concierge.shared.EmailAddress;
import io.concierge.shared.Money;
import io.concierge.shared.StorableTime;

import static io.concierge.intake.IntakeJson.amount;
import static io.concierge.intake.IntakeJson.array;
import static io.concierge.intake.IntakeJson.optionalAmount;
import static io.concierge.intake.IntakeJson.optionalText;
import static io.concierge.intake.IntakeJson.quantity;
import static io.concierge.intake.IntakeJson.text;

/**
 * A Shopify {@code orders/create} webhook's order, in Shopify's REST Admin API shape:
 * amounts as text in the shop's currency, totals taken as Shopify states them, addresses
 * only when there is something to deliver or bill.
 */
final class ShopifyOrders {

	private ShopifyOrders() {
	}

	static NewOrder read(byte[] body, @Nullable UUID organisation) {
		JsonNode order = IntakeJson.object(body);
		String id = limit(text(order, "id", ""), 100, "id");
		Currency currency = currency(text(order, "currency", ""));
		Instant placedAt = instant(text(order, "created_at", ""), "created_at");
		List<NewLine> lines = new ArrayList<>();
		JsonNode items = array(order, "line_items", "");
		for (int i = 0; i < items.size(); i++) {
			lines.add(line(items.get(i), "line_items[" + i + "].", currency));
		}
		String email = optionalText(order, "email", "");
		if (email == null && order.path("customer").isObject()) {
			email = optionalText(order.path("customer"), "email", "customer.");
		}
		Money subtotal = money(amount(order, "subtotal_price", ""), currency, "subtotal_price");
		Money discounts = money(orZero(optionalAmount(order, "total_discounts", "")), currency, "total_discounts");
		Money taxes = money(orZero(optionalAmount(order, "total_tax", "")), currency, "total_tax");
		Money shipping = money(shipping(order), currency, "shipping_lines");
		Money total = money(amount(order, "total_price", ""), currency, "total_price");
		try {
			Totals totals = new Totals(subtotal, discounts, taxes, shipping, total);
			return new NewOrder(Channel.WEB_SHOP, id, null, null, organisation, placedAt, lines,
					address(order.get("shipping_address"), "shipping_address."),
					address(order.get("billing_address"), "billing_address."), totals,
					IntakeJson.exactText(order, "note", ""), (email != null) ? emailAddress(email) : null);
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedSubmission(null, ex.getMessage());
		}
	}

	private static NewLine line(JsonNode line, String path, Currency currency) {
		String sku = optionalText(line, "sku", path);
		if (sku == null) {
			// custom items have no SKU: the variant, or the line itself, names them
			String variant = optionalText(line, "variant_id", path);
			sku = (variant != null) ? "variant-" + variant : "item-" + text(line, "id", path);
		}
		String name = optionalText(line, "name", path);
		if (name == null) {
			name = text(line, "title", path);
		}
		BigDecimal discount = BigDecimal.ZERO;
		JsonNode allocations = line.get("discount_allocations");
		if (allocations != null && allocations.isArray() && !allocations.isEmpty()) {
			for (int i = 0; i < allocations.size(); i++) {
				discount = discount
					.add(amount(allocations.get(i), "amount", path + "discount_allocations[" + i + "]."));
			}
		}
		else {
			discount = orZero(optionalAmount(line, "total_discount", path));
		}
		BigDecimal tax = BigDecimal.ZERO;
		JsonNode taxLines = line.get("tax_lines");
		if (taxLines != null && taxLines.isArray()) {
			for (int i = 0; i < taxLines.size(); i++) {
				tax = tax.add(amount(taxLines.get(i), "price", path + "tax_lines[" + i + "]."));
			}
		}
		try {
			String product = optionalText(line, "product_id", path);
			String variantTitle = optionalText(line, "variant_title", path);
			return new NewLine(limit(sku, 60, path + "sku"), limit(name, 500, path + "name"),
					quantity(line, "quantity", path), money(amount(line, "price", path), currency, path + "price"),
					money(discount, currency, path + "discount_allocations"), money(tax, currency, path + "tax_lines"),
					(product != null && variantTitle != null)
							? new NewOrder.Variant("shopify-" + limit(product, 40, path + "product_id"),
									limit(variantTitle, 100, path + "variant_title"))
							: null);
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedSubmission(path, ex.getMessage());
		}
	}

	/**
	 * Shipping as the order's total shipping price, or the sum of its shipping lines.
	 */
	private static BigDecimal shipping(JsonNode order) {
		JsonNode set = order.path("total_shipping_price_set").path("shop_money");
		if (set.isObject()) {
			return amount(set, "amount", "total_shipping_price_set.shop_money.");
		}
		BigDecimal shipping = BigDecimal.ZERO;
		JsonNode lines = order.get("shipping_lines");
		if (lines != null && lines.isArray()) {
			for (int i = 0; i < lines.size(); i++) {
				shipping = shipping.add(amount(lines.get(i), "price", "shipping_lines[" + i + "]."));
			}
		}
		return shipping;
	}

	private static @Nullable Address address(@Nullable JsonNode address, String path) {
		if (address == null || address.isNull()) {
			return null;
		}
		if (!address.isObject()) {
			throw new MalformedSubmission(path, "must be an address");
		}
		String name = optionalText(address, "name", path);
		if (name == null) {
			String first = optionalText(address, "first_name", path);
			String last = text(address, "last_name", path);
			name = (first != null) ? first + " " + last : last;
		}
		StringBuilder lines = new StringBuilder();
		String company = optionalText(address, "company", path);
		if (company != null) {
			lines.append(company).append('\n');
		}
		lines.append(text(address, "address1", path));
		String second = optionalText(address, "address2", path);
		if (second != null) {
			lines.append('\n').append(second);
		}
		String region = optionalText(address, "province_code", path);
		try {
			return new Address(name, lines.toString(), optionalText(address, "zip", path), text(address, "city", path),
					(region != null) ? region : optionalText(address, "province", path),
					text(address, "country_code", path).toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedSubmission(path, ex.getMessage());
		}
	}

	static Currency currency(String code) {
		try {
			return Currency.getInstance(code);
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedSubmission("currency", "not an ISO 4217 currency code: " + code);
		}
	}

	static Instant instant(String text, String field) {
		Instant instant;
		try {
			instant = OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new MalformedSubmission(field, "must be a time with its offset, such as 2026-11-22T10:15:00+01:00");
		}
		String problem = StorableTime.problem(instant);
		if (problem != null) {
			throw new MalformedSubmission(field, problem);
		}
		return instant;
	}

	static Money money(BigDecimal amount, Currency currency, String field) {
		try {
			return new Money(amount, currency);
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedSubmission(field, ex.getMessage());
		}
	}

	static EmailAddress emailAddress(String text) {
		try {
			return EmailAddress.of(text);
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedSubmission("email", "not an email address");
		}
	}

	static String limit(String text, int length, String field) {
		if (text.length() > length) {
			throw new MalformedSubmission(field, "is longer than " + length + " characters");
		}
		return text;
	}

	private static BigDecimal orZero(@Nullable BigDecimal amount) {
		return (amount != null) ? amount : BigDecimal.ZERO;
	}

}
