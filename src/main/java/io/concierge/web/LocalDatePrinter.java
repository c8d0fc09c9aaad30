package io.concierge.web;

import java.time.LocalDate;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;

import org.springframework.format.Printer;

/**
 * Prints a day with its weekday, in the reader's language: "Tue, 24 Nov 2026", "Di., 24.
 * Nov. 2026".
 */
class LocalDatePrinter implements Printer<LocalDate> {

	/**
	 * The language's pattern, looked up once: a localized pattern looks it up each time.
	 */
	private final FormatCache<Locale, DateTimeFormatter> formats = new FormatCache<>(LocalDatePrinter::format);

	@Override
	public String print(LocalDate date, Locale locale) {
		return this.formats.get(locale).format(date);
	}

	private static DateTimeFormatter format(Locale locale) {
		return DateTimeFormatter.ofPattern(
				DateTimeFormatterBuilder.getLocalizedDateTimePattern("yMMMEd", IsoChronology.INSTANCE, locale), locale);
	}

}
