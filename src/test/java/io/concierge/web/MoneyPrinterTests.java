package io.concierge.web;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.concierge.shared.Money;

import static org.assertj.core.api.Assertions.assertThat;

class MoneyPrinterTests {

	private final MoneyPrinter printer = new MoneyPrinter();

	@Test
	void printsMoneyTheWayEachLanguageWritesIt() {
		Money money = Money.of("1234.5", "EUR");
		assertThat(this.printer.print(money, Locale.ENGLISH)).isEqualTo("€1,234.50");
		assertThat(this.printer.print(money, Locale.GERMAN)).isEqualTo("1.234,50\u00a0€");
	}

	@Test
	void printsCurrenciesWithoutMinorUnitsWithoutDecimals() {
		assertThat(this.printer.print(Money.of("1500", "JPY"), Locale.GERMAN)).isEqualTo("1.500\u00a0¥");
	}

}
