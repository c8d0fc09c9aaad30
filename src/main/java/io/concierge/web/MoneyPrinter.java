package io.concierge.web;

import java.text.NumberFormat;
import java.util.Locale;

import org.springframework.format.Printer;

import io.concierge.shared.Money;

/**
 * Prints money the way the reader's language writes it: {@code €1,234.50} in English,
 * {@code 1.234,50 €} in German, with the currency's own minor units.
 */
class MoneyPrinter implements Printer<Money> {

	@Override
	public String print(Money money, Locale locale) {
		NumberFormat format = NumberFormat.getCurrencyInstance(regional(locale));
		format.setCurrency(money.currency());
		int minorUnits = Math.max(money.currency().getDefaultFractionDigits(), 0);
		format.setMinimumFractionDigits(minorUnits);
		format.setMaximumFractionDigits(minorUnits);
		return format.format(money.amount());
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
