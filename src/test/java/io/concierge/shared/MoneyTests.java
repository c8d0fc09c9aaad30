package io.concierge.shared;

import java.math.BigDecimal;
import java.util.Currency;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MoneyTests {

	@Test
	void keepsTheCurrencysMinorUnits() {
		assertThat(Money.of("12.5", "EUR").amount()).isEqualByComparingTo("12.50");
		assertThat(Money.of("12.5", "EUR").amount().scale()).isEqualTo(2);
		assertThat(Money.of("1500", "JPY").amount().scale()).isZero();
		assertThat(Money.of("1.234", "KWD").amount().scale()).isEqualTo(3);
	}

	@Test
	void refusesMoreDecimalsThanTheCurrencyHasInsteadOfRounding() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of("1.005", "EUR")).withMessageContaining("EUR");
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of("100.5", "JPY"));
	}

	@Test
	void addsAndMultipliesWithinOneCurrency() {
		Money line = Money.of("19.99", "EUR").times(3);
		assertThat(line.plus(Money.of("0.03", "EUR"))).isEqualTo(Money.of("60.00", "EUR"));
	}

	@Test
	void refusesToAddDifferentCurrencies() {
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of("1", "EUR").plus(Money.of("1", "USD")))
			.withMessage("Cannot add USD to EUR");
	}

	@Test
	void equalAmountsWithDifferentScalesAreEqual() {
		assertThat(new Money(new BigDecimal("5"), Currency.getInstance("EUR"))).isEqualTo(Money.of("5.00", "EUR"));
		assertThat(Money.zero(Currency.getInstance("EUR")).isNegative()).isFalse();
	}

}
