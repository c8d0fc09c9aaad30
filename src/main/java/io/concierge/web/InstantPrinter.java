package io.concierge.web;

import java.time.Instant;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.Printer;

/**
 * Prints an instant as a date and time in the reader's language and time zone.
 */
class InstantPrinter implements Printer<Instant> {

	/**
	 * The language's pattern, looked up once: a localized style looks it up each time.
	 */
	private final FormatCache<Locale, DateTimeFormatter> formats = new FormatCache<>(InstantPrinter::format);

	@Override
	public String print(Instant instant, Locale locale) {
		return this.formats.get(locale).withZone(LocaleContextHolder.getTimeZone().toZoneId()).format(instant);
	}

	private static DateTimeFormatter format(Locale locale) {
		return DateTimeFormatter.ofPattern(DateTimeFormatterBuilder.getLocalizedDateTimePattern(FormatStyle.MEDIUM,
				FormatStyle.SHORT, IsoChronology.INSTANCE, locale), locale);
	}

}
