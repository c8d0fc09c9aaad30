package io.concierge.orders;

import java.util.List;
import java.util.Locale;

import jakarta.persistence.Embeddable;
import org.jspecify.annotations.Nullable;

/**
 * A postal address anywhere: free lines (street, building, care of) as the customer wrote
 * them, a postal code and region where the country has them, and the ISO 3166 country
 * code.
 *
 * @param lines one or more lines, separated by line breaks
 */
@Embeddable
public record Address(String name, String lines, @Nullable String postalCode, String city, @Nullable String region,
		String country) {

	public Address {
		if (name.isBlank() || lines.isBlank() || city.isBlank()) {
			throw new IllegalArgumentException("An address needs a name, a street line and a city");
		}
		if (!country.matches("[A-Z]{2}")) {
			throw new IllegalArgumentException("Not an ISO 3166 country code: " + country);
		}
	}

	public List<String> lineList() {
		return this.lines.lines().toList();
	}

	public String countryName(Locale locale) {
		return Locale.of("", this.country).getDisplayCountry(locale);
	}

}
