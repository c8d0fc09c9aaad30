package io.concierge.orders;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.concierge.orders.NewOrder.NewLine;
import io.concierge.shared.EmailAddress;
import io.concierge.shared.Money;

/**
 * Orders for tests: each call a new one.
 */
public final class Orders {

	public static final Instant PLACED = Instant.parse("2026-11-02T09:15:00Z");

	private Orders() {
	}

	/**
	 * A web-shop order with one of each product, 10 euros apiece.
	 * @param products SKU, name, SKU, name, …
	 */
	public static NewOrder of(@Nullable UUID account, @Nullable UUID organisation, Instant placedAt,
			String... products) {
		Money price = Money.of("10.00", "EUR");
		Money zero = Money.of("0", "EUR");
		List<NewLine> lines = new ArrayList<>();
		for (int i = 0; i < products.length; i += 2) {
			lines.add(new NewLine(products[i], products[i + 1], 1, price, zero, zero));
		}
		Money total = price.times(lines.size());
		return new NewOrder(Channel.WEB_SHOP, "test-" + UUID.randomUUID(), null, account, organisation, placedAt, lines,
				address(), address(), new Totals(total, zero, zero, zero, total), null, null);
	}

	/**
	 * A guest's web-shop order with one mug, delivered to {@link #address()}.
	 */
	public static NewOrder guest(String email, Instant placedAt) {
		Money price = Money.of("10.00", "EUR");
		Money zero = Money.of("0", "EUR");
		return new NewOrder(Channel.WEB_SHOP, "guest-" + UUID.randomUUID(), null, null, null, placedAt,
				List.of(new NewLine("MUG-01", "Stoneware mug", 1, price, zero, zero)), address(), address(),
				new Totals(price, zero, zero, zero, price), null, EmailAddress.of(email));
	}

	static Address address() {
		return new Address("Alex Morgan", "12 Harbour Street\nFlat 3", "BS1 4RN", "Bristol", null, "GB");
	}

	/**
	 * Two lines: two mugs and one teapot, in pounds.
	 */
	static NewOrder aTwoLineOrder(UUID account) {
		return aTwoLineOrder(account, PLACED);
	}

	public static NewOrder aTwoLineOrder(UUID account, Instant placedAt) {
		return new NewOrder(Channel.WEB_SHOP, "shopify-" + UUID.randomUUID(), null, account, null, placedAt,
				List.of(new NewLine("MUG-01", "Stoneware mug", 2, Money.of("12.50", "GBP"), Money.of("0", "GBP"),
						Money.of("4.17", "GBP")),
						new NewLine("POT-07", "Cast iron teapot", 1, Money.of("45.00", "GBP"), Money.of("5.00", "GBP"),
								Money.of("6.67", "GBP"))),
				address(), address(),
				new Totals(Money.of("70.00", "GBP"), Money.of("5.00", "GBP"), Money.of("10.84", "GBP"),
						Money.of("4.95", "GBP"), Money.of("69.95", "GBP")),
				null, EmailAddress.of("alex.morgan@example.com"));
	}

	static Order aPlacedOrder() {
		return Order.place("C-100001", aTwoLineOrder(UUID.randomUUID()));
	}

}
