package io.concierge.orders;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.concierge.shared.Money;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What comes back for cancelled or returned units, from the amounts the channel stated.
 */
class RefundsTests {

	@Test
	void givesBackTheLinesShareWithTaxIncludedAndTheOrderDiscountSpread() {
		// GBP, VAT included in the prices: 2 mugs at 12.50, a teapot at 45.00 less 5.00
		Totals totals = totals("GBP", "70.00", "5.00", "10.84", "4.95", "69.95");
		List<Refunds.Line> lines = List.of(line(1, 2, "12.50", "0", "4.17"), line(2, 1, "45.00", "5.00", "6.67"));

		Refunds.Refund oneMug = Refunds.of(totals, lines, Map.of(1, 1), false);
		Refunds.Refund teapot = Refunds.of(totals, lines, Map.of(2, 1), false);

		assertThat(oneMug.total()).isEqualTo(Money.of("12.50", "GBP"));
		assertThat(oneMug.tax()).isEqualTo(Money.of("2.09", "GBP"));
		assertThat(teapot.total()).isEqualTo(Money.of("40.00", "GBP"));
		assertThat(teapot.shipping()).isEqualTo(Money.of("0", "GBP"));
	}

	@Test
	void paysShippingBackOnlyWhenNothingShipsAtAll() {
		Totals totals = totals("GBP", "70.00", "5.00", "10.84", "4.95", "69.95");
		List<Refunds.Line> lines = List.of(line(1, 2, "12.50", "0", "4.17"), line(2, 1, "45.00", "5.00", "6.67"));

		Refunds.Refund everything = Refunds.of(totals, lines, Map.of(1, 2, 2, 1), true);

		assertThat(everything.total()).isEqualTo(totals.grandTotal());
		assertThat(everything.shipping()).isEqualTo(Money.of("4.95", "GBP"));
		assertThat(everything.tax()).isEqualTo(totals.taxes());
	}

	@Test
	void addsTaxWhereTheOrderAddedItOnTop() {
		// USD, tax added: 3 × 9.99 with 2.40 tax, plus 5.00 shipping
		Totals totals = totals("USD", "29.97", "0", "2.40", "5.00", "37.37");
		List<Refunds.Line> lines = List.of(line(1, 3, "9.99", "0", "2.40"));

		assertThat(Refunds.of(totals, lines, Map.of(1, 1), false).total()).isEqualTo(Money.of("10.79", "USD"));
	}

	@Test
	void unitByUnitTheRoundedSharesAddUpToWhatTheLineCost() {
		// 10.00 for 3 units: each gets what rounding the running total gives it (3.33,
		// 6.67, 10.00), so the three add up to the line exactly
		Totals totals = totals("EUR", "10.00", "0", "0", "0", "10.00");
		Refunds.Line untouched = line(1, 3, "3.333", "0", "0");
		List<Refunds.Line> lines = List.of(untouched);
		Money first = Refunds.of(totals, lines, Map.of(1, 1), false).total();
		Money second = Refunds.of(totals, List.of(taken(untouched, 1)), Map.of(1, 1), false).total();
		Money third = Refunds.of(totals, List.of(taken(untouched, 2)), Map.of(1, 1), false).total();

		assertThat(List.of(first, second, third)).containsExactly(Money.of("3.33", "EUR"), Money.of("3.34", "EUR"),
				Money.of("3.33", "EUR"));
		assertThat(first.plus(second).plus(third)).isEqualTo(Money.of("10.00", "EUR"));
	}

	@Test
	void roundsToWholeYenInACurrencyWithoutMinorUnits() {
		// 1,000 yen off an order of 3 lines of 3,333 yen: the discount is spread
		// 333/333/334
		Totals totals = totals("JPY", "9999", "1000", "0", "500", "9499");
		List<Refunds.Line> lines = List.of(line(1, 1, "3333", "0", "0"), line(2, 1, "3333", "0", "0"),
				line(3, 1, "3333", "0", "0"));

		Money first = Refunds.of(totals, lines, Map.of(1, 1), false).total();
		Money all = Refunds.of(totals, lines, Map.of(1, 1, 2, 1, 3, 1), true).total();

		assertThat(first.amount().scale()).isZero();
		assertThat(first.amount()).isBetween(new BigDecimal("2999"), new BigDecimal("3000"));
		assertThat(all).isEqualTo(Money.of("9499", "JPY"));
	}

	@Test
	void allocatesARemainderToTheLargestFractionsSoThePartsAddUp() {
		List<BigDecimal> parts = io.concierge.shared.Allocation.allocate(new BigDecimal("100.00"),
				List.of(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE), java.util.Currency.getInstance("EUR"));
		assertThat(parts.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("100.00");
		assertThat(parts).extracting(BigDecimal::toPlainString).containsExactlyInAnyOrder("33.34", "33.33", "33.33");
	}

	private static Totals totals(String currency, String subtotal, String discounts, String taxes, String shipping,
			String total) {
		return new Totals(Money.of(subtotal, currency), Money.of(discounts, currency), Money.of(taxes, currency),
				Money.of(shipping, currency), Money.of(total, currency));
	}

	private static Refunds.Line line(int number, int quantity, String unitPrice, String discount, String tax) {
		return new Refunds.Line(number, quantity, new BigDecimal(unitPrice), new BigDecimal(discount),
				new BigDecimal(tax), 0);
	}

	private static Refunds.Line taken(Refunds.Line line, int taken) {
		return new Refunds.Line(line.number(), line.quantity(), line.unitPrice(), line.discount(), line.tax(), taken);
	}

}
