package io.concierge.orders;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a valid address looks like in the countries most people shop from: which fields
 * are required and the shape of the postal code. Elsewhere a postal code is optional and
 * only its characters are checked.
 */
public final class PostalRules {

	/**
	 * A country's postal code pattern (upper case, after spaces are tidied), an example,
	 * and whether a region (state, province, prefecture) is required.
	 */
	private record Rule(Pattern pattern, String example, boolean regionRequired, boolean postalCodeRequired) {

		Rule(String pattern, String example, boolean regionRequired) {
			this(Pattern.compile(pattern), example, regionRequired, true);
		}

	}

	private static final Map<String, Rule> RULES = Map.ofEntries(
			Map.entry("US", new Rule("\\d{5}(-\\d{4})?", "94105", true)),
			Map.entry("CN", new Rule("\\d{6}", "100000", true)),
			Map.entry("GB", new Rule("(GIR 0AA|[A-Z]{1,2}\\d[A-Z\\d]? \\d[A-Z]{2})", "SW1A 1AA", false)),
			Map.entry("JP", new Rule("\\d{3}-\\d{4}", "100-0001", true)),
			Map.entry("KR", new Rule("\\d{5}", "03187", false)), Map.entry("DE", new Rule("\\d{5}", "20457", false)),
			Map.entry("FR", new Rule("\\d{5}", "69003", false)),
			Map.entry("IN", new Rule("[1-9]\\d{5}", "110001", true)),
			Map.entry("CA", new Rule("[A-Z]\\d[A-Z] \\d[A-Z]\\d", "K1A 0B1", true)),
			Map.entry("RU", new Rule("\\d{6}", "101000", false)),
			Map.entry("BR", new Rule("\\d{5}-\\d{3}", "01310-100", true)),
			Map.entry("AU", new Rule("\\d{4}", "2000", true)), Map.entry("ES", new Rule("\\d{5}", "28001", false)),
			Map.entry("IT", new Rule("\\d{5}", "00118", false)),
			Map.entry("NL", new Rule("\\d{4} [A-Z]{2}", "1012 AB", false)),
			Map.entry("MX", new Rule("\\d{5}", "06000", true)), Map.entry("ID", new Rule("\\d{5}", "10110", false)),
			Map.entry("TR", new Rule("\\d{5}", "34000", false)),
			Map.entry("SE", new Rule("\\d{3} \\d{2}", "114 55", false)),
			Map.entry("PL", new Rule("\\d{2}-\\d{3}", "00-950", false)),
			Map.entry("CH", new Rule("\\d{4}", "8001", false)), Map.entry("AT", new Rule("\\d{4}", "1010", false)),
			Map.entry("BE", new Rule("\\d{4}", "1000", false)), Map.entry("DK", new Rule("\\d{4}", "1050", false)),
			Map.entry("NO", new Rule("\\d{4}", "0150", false)),
			Map.entry("PT", new Rule("\\d{4}-\\d{3}", "1100-148", false)),
			Map.entry("CZ", new Rule("\\d{3} \\d{2}", "110 00", false)),
			Map.entry("FI", new Rule("\\d{5}", "00100", false)),
			Map.entry("IE", new Rule(Pattern.compile("[A-Z]\\d[\\dW] [A-Z\\d]{4}"), "D02 X285", false, false)));

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private static final Pattern ANY_POSTAL_CODE = Pattern.compile("[A-Z0-9][A-Z0-9 -]{0,11}");

	private PostalRules() {
	}

	/**
	 * The countries whose postal codes are checked.
	 */
	public static Set<String> checkedCountries() {
		return RULES.keySet();
	}

	/**
	 * An example postal code of the country, to show next to the field.
	 */
	public static @Nullable String example(String country) {
		Rule rule = RULES.get(country);
		return (rule != null) ? rule.example() : null;
	}

	/**
	 * The postal code as the country writes it: upper case, single spaces, the space
	 * where the country puts one.
	 */
	public static @Nullable String tidy(@Nullable String postalCode, String country) {
		if (postalCode == null || postalCode.isBlank()) {
			return null;
		}
		String code = postalCode.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
		String compact = code.replace(" ", "");
		return switch (country) {
			case "GB", "CA", "IE" -> (compact.length() > 3)
					? compact.substring(0, compact.length() - 3) + " " + compact.substring(compact.length() - 3) : code;
			case "NL" -> (compact.length() == 6) ? compact.substring(0, 4) + " " + compact.substring(4) : code;
			case "SE", "CZ" -> (compact.length() == 5) ? compact.substring(0, 3) + " " + compact.substring(3) : code;
			case "JP" -> compact.matches("\\d{7}") ? compact.substring(0, 3) + "-" + compact.substring(3) : code;
			case "BR" -> compact.matches("\\d{8}") ? compact.substring(0, 5) + "-" + compact.substring(5) : code;
			default -> code;
		};
	}

	/**
	 * What is wrong with an address, field by field: the field's name ({@code name},
	 * {@code lines}, {@code postalCode}, {@code city}, {@code region}, {@code country})
	 * and the message key of the problem. Empty when it is fine.
	 * @param postalCode tidied with {@link #tidy} first
	 */
	public static Map<String, String> problems(@Nullable String name, @Nullable String lines,
			@Nullable String postalCode, @Nullable String city, @Nullable String region, @Nullable String country) {
		Map<String, String> problems = new LinkedHashMap<>();
		if (blank(name)) {
			problems.put("name", "address.error.name");
		}
		if (blank(lines)) {
			problems.put("lines", "address.error.lines");
		}
		if (blank(city)) {
			problems.put("city", "address.error.city");
		}
		if (country == null || !COUNTRIES.contains(country)) {
			problems.put("country", "address.error.country");
			return problems;
		}
		Rule rule = RULES.get(country);
		if (blank(postalCode)) {
			if (rule != null && rule.postalCodeRequired()) {
				problems.put("postalCode", "address.error.postalCode.required");
			}
		}
		else if ((rule != null) ? !rule.pattern().matcher(postalCode).matches()
				: !ANY_POSTAL_CODE.matcher(postalCode).matches()) {
			problems.put("postalCode", (rule != null) ? "address.error.postalCode.shape" : "address.error.postalCode");
		}
		if (rule != null && rule.regionRequired() && blank(region)) {
			problems.put("region", "address.error.region");
		}
		return problems;
	}

	private static boolean blank(@Nullable String text) {
		return text == null || text.isBlank();
	}

}
