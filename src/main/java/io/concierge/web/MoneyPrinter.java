package io.concierge.web;

import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

import org.springframework.format.Printer;

import io.concierge.shared.Money;

/**
 * Prints money the way the reader's language writes it: {@code €1,234.50} in English,
 * {@code 1.234,50 €} in German, with the currency's own minor units.
 */
class MoneyPrinter implements Printer<Money> {

	/**
	 * One format per language and currency, copied for each use: it is not thread-safe.
	 */
	private final FormatCache<Key, NumberFormat> formats = new FormatCache<>(MoneyPrinter::format);

	private record Key(Locale locale, Currency currency) {

	}

	@Override
	public String print(Money money, Locale locale) {
		NumberFormat format = this.formats.get(new Key(locale, money.currency()));
		return ((NumberFormat) format.clone()).format(money.amount());
	}

	private static NumberFormat format(Key key) {
		NumberFormat format = NumberFormat.getCurrencyInstance(regional(key.locale()));
		format.setCurrency(key.currency());
		int minorUnits = Math.max(key.currency().getDefaultFractionDigits(), 0);
		format.setMinimumFractionDigits(minorUnits);
		format.setMaximumFractionDigits(minorUnits);
		return format;
	}

	/**
	 * A language alone has no currency conventions in the JDK; take its main region's.
	 */
	private static Locale regional(Locale locale) {
		if (!locale.getCountry().isEmpty()) {
			return locale;
		}
		return switch (locale.getLanguage()) {
			case "de" -> Locale.GERMANY;
			case "en" -> Locale.UK;
			default -> locale;
		};
	}

}
