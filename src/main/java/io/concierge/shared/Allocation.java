package io.concierge.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Splitting an amount into parts in whole minor units, so that the parts add up to it
 * exactly: refunds of a few units, invoices of one shipment, credit notes.
 */
public final class Allocation {

	private Allocation() {
	}

	/**
	 * Splits an amount in proportion to the weights, in whole minor units, the remainder
	 * going to the largest fractions, so the parts add up to the amount exactly.
	 */
	public static List<BigDecimal> allocate(BigDecimal amount, List<BigDecimal> weights, Currency currency) {
		int scale = Math.max(currency.getDefaultFractionDigits(), 0);
		BigDecimal total = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		List<BigDecimal> parts = new ArrayList<>();
		if (total.signum() == 0) {
			weights.forEach((weight) -> parts.add(BigDecimal.ZERO.setScale(scale)));
			return parts;
		}
		BigDecimal unit = BigDecimal.ONE.movePointLeft(scale);
		BigDecimal given = BigDecimal.ZERO;
		List<BigDecimal> fractions = new ArrayList<>();
		for (BigDecimal weight : weights) {
			BigDecimal exact = amount.multiply(weight).divide(total, scale + 10, RoundingMode.HALF_UP);
			BigDecimal floor = exact.setScale(scale, RoundingMode.FLOOR);
			parts.add(floor);
			fractions.add(exact.subtract(floor));
			given = given.add(floor);
		}
		int left = amount.setScale(scale, RoundingMode.HALF_UP).subtract(given).divide(unit).intValueExact();
		while (left > 0) {
			int largest = 0;
			for (int i = 1; i < fractions.size(); i++) {
				if (fractions.get(i).compareTo(fractions.get(largest)) > 0) {
					largest = i;
				}
			}
			parts.set(largest, parts.get(largest).add(unit));
			fractions.set(largest, BigDecimal.valueOf(-1));
			left--;
		}
		return parts;
	}

	/**
	 * The part of a line's amount for units {@code before + 1} to {@code before + count}
	 * of {@code quantity}: the rounded share of all units up to there less that of the
	 * units before, so that unit by unit the parts add up to the amount, the last taking
	 * the remainder.
	 */
	public static BigDecimal units(BigDecimal amount, int before, int count, int quantity, Currency currency) {
		return upTo(amount, before + count, quantity, currency).subtract(upTo(amount, before, quantity, currency));
	}

	private static BigDecimal upTo(BigDecimal amount, int units, int quantity, Currency currency) {
		if (units == quantity) {
			return amount;
		}
		return amount.multiply(BigDecimal.valueOf(units))
			.divide(BigDecimal.valueOf(quantity), Math.max(currency.getDefaultFractionDigits(), 0),
					RoundingMode.HALF_UP);
	}

}
