package io.concierge.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.Printer;

/**
 * Prints an instant as a date and time in the reader's language and time zone.
 */
class InstantPrinter implements Printer<Instant> {

	@Override
	public String print(Instant instant, Locale locale) {
		return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
			.withLocale(locale)
			.withZone(LocaleContextHolder.getTimeZone().toZoneId())
			.format(instant);
	}

}
