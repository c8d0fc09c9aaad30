package io.concierge.intake;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.concierge.orders.Address;
import io.concierge.orders.NewOrder;
import io.concierge.shared.Money;
import io.concierge.shared.StorableText;
import io.concierge.shared.StorableTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every order a parser hands over must be, whatever it was read from: what the
 * orders and intake tables can store (text without NUL or half surrogates, amounts of
 * {@code numeric(19, 4)}, times PostgreSQL holds, references short enough for their
 * unique indexes) and what the canonical order promises (lines of at least one unit, one
 * currency). A parser that hands over anything else lets bad input through to a 500.
 */
final class OrderInvariants {

	private OrderInvariants() {
	}

	static void hold(NewOrder order) {
		assertThat(order.lines()).isNotEmpty();
		assertThat(StorableTime.problem(order.placedAt())).as("placed at %s", order.placedAt()).isNull();
		text(order.externalReference(), 100, "reference");
		text(order.purchaseOrder(), 100, "purchase order");
		text(order.notes(), Integer.MAX_VALUE, "notes");
		address(order.shipTo());
		address(order.billTo());
		List<Money> amounts = new ArrayList<>(List.of(order.totals().subtotal(), order.totals().discounts(),
				order.totals().taxes(), order.totals().shipping(), order.totals().grandTotal()));
		for (NewOrder.NewLine line : order.lines()) {
			assertThat(line.quantity()).isPositive();
			text(line.sku(), 60, "SKU");
			text(line.name(), 500, "name");
			if (line.variant() != null) {
				text(line.variant().product(), 100, "product");
				text(line.variant().label(), 100, "variant");
			}
			amounts.addAll(List.of(line.unitPrice(), line.discount(), line.tax()));
		}
		for (Money amount : amounts) {
			assertThat(amount.currency()).isEqualTo(order.totals().grandTotal().currency());
			assertThat(amount.amount().precision() - amount.amount().scale())
				.as("digits before the point of %s", amount)
				.isLessThanOrEqualTo(15);
			assertThat(amount.amount().scale()).isLessThanOrEqualTo(4);
		}
	}

	/**
	 * Text the parsers hand on elsewhere, such as an acknowledgement to be stored.
	 */
	static void storable(@Nullable String text) {
		if (text != null) {
			assertThat(StorableText.problem(text)).as("storable").isNull();
		}
	}

	private static void address(@Nullable Address address) {
		if (address != null) {
			for (String part : new String[] { address.name(), address.lines(), address.postalCode(), address.city(),
					address.region(), address.country() }) {
				text(part, Integer.MAX_VALUE, "address");
			}
		}
	}

	private static void text(@Nullable String text, int longest, String what) {
		if (text != null) {
			assertThat(StorableText.problem(text)).as("%s storable", what).isNull();
			assertThat(text.length()).as("length of the %s", what).isLessThanOrEqualTo(longest);
		}
	}

}
