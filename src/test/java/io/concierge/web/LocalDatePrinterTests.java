package io.concierge.web;

import java.time.LocalDate;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalDatePrinterTests {

	@Test
	void printsTheDayWithItsWeekdayInTheReadersLanguage() {
		LocalDate day = LocalDate.of(2026, 11, 24);
		assertThat(new LocalDatePrinter().print(day, Locale.UK)).isEqualTo("Tue, 24 Nov 2026");
		assertThat(new LocalDatePrinter().print(day, Locale.GERMANY)).startsWith("Di.").contains("24").contains("2026");
	}

}
