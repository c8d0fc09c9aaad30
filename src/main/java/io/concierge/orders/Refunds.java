package io.concierge.orders;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.concierge.shared.Allocation;
import io.concierge.shared.Money;

/**
 * What a customer gets back for units they cancel or return, from the amounts the channel
 * stated: each line's share of what was paid for the goods (its price less its discount,
 * plus its tax where taxes were added on top, and its share of discounts on the whole
 * order), in proportion to the units; shipping only when nothing of the order ships at
 * all. Shares are rounded to the currency's minor units so that, unit by unit, a line
 * never pays back more or less than it cost: the last unit takes the remainder.
 */
final class Refunds {

	private Refunds() {
	}

	/**
	 * A line as the refund sees it.
	 *
	 * @param taken units refunded before (cancelled or returned)
	 */
	record Line(int number, int quantity, BigDecimal unitPrice, BigDecimal discount, BigDecimal tax, int taken) {

	}

	/**
	 * @param lines what each line gives back
	 * @param tax how much of the total is tax
	 */
	record Refund(Money total, Money goods, Money tax, Money shipping, Map<Integer, Money> lines) {

	}

	/**
	 * @param units how many units of each line (by number) come back now
	 * @param nothingShips whether, after this, no unit of the order will ship (then the
	 * shipping is paid back too)
	 */
	static Refund of(Totals totals, List<Line> lines, Map<Integer, Integer> units, boolean nothingShips) {
		Currency currency = totals.grandTotal().currency();
		BigDecimal shipping = totals.shipping().amount();
		boolean taxOnTop = totals.subtotal()
			.amount()
			.subtract(totals.discounts().amount())
			.add(totals.taxes().amount())
			.add(shipping)
			.compareTo(totals.grandTotal().amount()) == 0;
		List<BigDecimal> weights = new ArrayList<>();
		List<BigDecimal> taxWeights = new ArrayList<>();
		for (Line line : lines) {
			BigDecimal net = line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())).subtract(line.discount());
			weights.add(taxOnTop ? net.add(line.tax()) : net);
			taxWeights.add(line.tax());
		}
		BigDecimal goodsPaid = totals.grandTotal().amount().subtract(shipping);
		List<BigDecimal> paid = Allocation.allocate(goodsPaid, weights, currency);
		List<BigDecimal> taxes = Allocation.allocate(totals.taxes().amount().min(goodsPaid.max(BigDecimal.ZERO)),
				taxWeights, currency);
		Map<Integer, Money> perLine = new LinkedHashMap<>();
		BigDecimal goods = BigDecimal.ZERO;
		BigDecimal tax = BigDecimal.ZERO;
		for (int i = 0; i < lines.size(); i++) {
			Line line = lines.get(i);
			int count = units.getOrDefault(line.number(), 0);
			if (count == 0) {
				continue;
			}
			if (count < 0 || line.taken() + count > line.quantity()) {
				throw new IllegalArgumentException("Line " + line.number() + " has " + (line.quantity() - line.taken())
						+ " units left, not " + count);
			}
			BigDecimal back = Allocation.units(paid.get(i), line.taken(), count, line.quantity(), currency);
			perLine.put(line.number(), new Money(back, currency));
			goods = goods.add(back);
			tax = tax.add(Allocation.units(taxes.get(i), line.taken(), count, line.quantity(), currency));
		}
		BigDecimal shippingBack = nothingShips ? shipping : BigDecimal.ZERO;
		return new Refund(new Money(goods.add(shippingBack), currency), new Money(goods, currency),
				new Money(tax, currency), new Money(shippingBack, currency), perLine);
	}

}
