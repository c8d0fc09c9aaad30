package io.concierge.web;

import java.time.Instant;
import java.util.Locale;
import java.util.TimeZone;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.i18n.LocaleContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

class InstantPrinterTests {

	private final InstantPrinter printer = new InstantPrinter();

	@AfterEach
	void forgetTimeZone() {
		LocaleContextHolder.resetLocaleContext();
	}

	@Test
	void printsDateAndTimeInTheReadersLanguageAndTimeZone() {
		LocaleContextHolder.setTimeZone(TimeZone.getTimeZone("Europe/Berlin"));
		Instant instant = Instant.parse("2026-11-22T17:05:00Z");
		assertThat(this.printer.print(instant, Locale.GERMAN)).isEqualTo("22.11.2026, 18:05");
		assertThat(this.printer.print(instant, Locale.UK)).isEqualTo("22 Nov 2026, 18:05");
	}

}
