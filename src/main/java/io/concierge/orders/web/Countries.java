package io.concierge.orders.web;

import java.text.Collator;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The countries of the world by ISO 3166 code, named and sorted in the reader's language,
 * for address forms.
 */
final class Countries {

	record Country(String code, String name) {

	}

	private Countries() {
	}

	static List<Country> all(Locale locale) {
		Collator collator = Collator.getInstance(locale);
		return Arrays.stream(Locale.getISOCountries())
			.map((code) -> new Country(code, Locale.of("", code).getDisplayCountry(locale)))
			.sorted(Comparator.comparing(Country::name, collator))
			.toList();
	}

}
