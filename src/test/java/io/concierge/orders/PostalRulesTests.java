package io.concierge.orders;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PostalRulesTests {

	@ParameterizedTest(name = "{0} {1} is tidied to {2}")
	@CsvSource({ "GB, sw1a1aa, SW1A 1AA", "DE, 20457, 20457", "NL, 1012ab, 1012 AB", "CA, k1a0b1, K1A 0B1",
			"JP, 1000001, 100-0001", "BR, 01310100, 01310-100", "SE, 11455, 114 55", "US, 94105-1234, 94105-1234",
			"PL, 00-950, 00-950" })
	void acceptsEachCountrysPostalCodesAsPeopleTypeThem(String country, String typed, String tidied) {
		String code = PostalRules.tidy(typed, country);
		assertThat(code).isEqualTo(tidied);
		assertThat(PostalRules.problems("A", "1 Street", code, "Town", "XX", country)).isEmpty();
	}

	@ParameterizedTest(name = "{0} {1} is refused")
	@CsvSource({ "DE, 2045", "GB, 12345", "US, 9410", "FR, 6900A", "NL, AB 1012", "JP, 1000-01", "AU, 20000",
			"IN, 011001" })
	void refusesPostalCodesOfTheWrongShape(String country, String code) {
		assertThat(PostalRules.problems("A", "1 Street", PostalRules.tidy(code, country), "Town", "XX", country))
			.containsEntry("postalCode", "address.error.postalCode.shape");
	}

	@ParameterizedTest
	@CsvSource({ "US, 94105", "CA, K1A 0B1", "AU, 2000", "JP, 100-0001", "BR, 01310-100" })
	void requiresAStateWhereTheCountryDoes(String country, String code) {
		assertThat(PostalRules.problems("A", "1 Street", code, "Town", " ", country)).containsEntry("region",
				"address.error.region");
	}

	@ParameterizedTest
	@CsvSource({ "DE", "XX", "de" })
	void needsANameAStreetACityAndAKnownCountry(String country) {
		assertThat(PostalRules.problems(" ", "", "20457", null, null, country)).containsKeys("name", "lines", "city");
		if (!country.equals("DE")) {
			assertThat(PostalRules.problems("A", "1 Street", "20457", "Town", null, country)).containsKey("country");
		}
	}

	@ParameterizedTest
	@CsvSource({ "HK", "AE" })
	void takesAnyTidyPostalCodeOrNoneElsewhere(String country) {
		assertThat(PostalRules.problems("A", "1 Street", null, "Town", null, country)).isEmpty();
		assertThat(PostalRules.problems("A", "1 Street", "<script>", "Town", null, country)).containsEntry("postalCode",
				"address.error.postalCode");
	}

	@org.junit.jupiter.api.Test
	void checksAtLeastTheTwentyLargestShoppingCountries() {
		assertThat(PostalRules.checkedCountries()).hasSizeGreaterThanOrEqualTo(20)
			.contains("US", "CN", "GB", "JP", "KR", "DE", "FR", "IN", "CA", "RU", "BR", "AU", "ES", "IT", "NL", "MX",
					"ID", "TR", "SE", "PL");
	}

}
