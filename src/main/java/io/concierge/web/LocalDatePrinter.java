package io.concierge.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.format.Printer;

/**
 * Prints a day with its weekday, in the reader's language: "Tue, 24 Nov 2026", "Di., 24.
 * Nov. 2026".
 */
class LocalDatePrinter implements Printer<LocalDate> {

	@Override
	public String print(LocalDate date, Locale locale) {
		return DateTimeFormatter.ofLocalizedPattern("yMMMEd").withLocale(locale).format(date);
	}

}
