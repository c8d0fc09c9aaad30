package io.concierge.support;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The order numbers, invoice numbers and dates a customer's message mentions, each in the
 * portal's own spelling and in the order they appear.
 *
 * @param orderNumbers as {@code C-100234}, however the customer typed them
 * @param invoiceNumbers as {@code RE-2026-000123}, upper case
 * @param dates absolute or relative to the day the message was written
 */
record Entities(List<String> orderNumbers, List<String> invoiceNumbers, List<LocalDate> dates) {

	private static final Pattern INVOICE_NUMBER = Pattern
		.compile("(?<![\\p{L}\\p{N}])(\\p{L}{2,4})-(\\d{4})-(\\d{6})(?![\\p{L}\\p{N}])");

	private static final Pattern ISO_DATE = Pattern.compile("(?<![\\p{N}-])(\\d{4})-(\\d{2})-(\\d{2})(?![\\p{N}-])");

	private static final Pattern GERMAN_DATE = Pattern
		.compile("(?<![\\p{N}.])(\\d{1,2})\\.(\\d{1,2})\\.((?:\\d{4}|\\d{2})(?![\\p{N}.]))?(?!\\p{N})");

	private static final Pattern ENGLISH_DATE = Pattern
		.compile("(?<![\\p{N}/])(\\d{1,2})/(\\d{1,2})/(\\d{4})(?![\\p{N}/])");

	private static final Pattern RELATIVE_DAY = Pattern.compile(
			"(?<!\\p{L})(day after tomorrow|today|tomorrow|yesterday|übermorgen|uebermorgen|vorgestern|heute|morgen|gestern)(?!\\p{L})",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	private static final Map<String, Integer> DAYS_FROM_TODAY = Map.of("day after tomorrow", 2, "today", 0, "tomorrow",
			1, "yesterday", -1, "übermorgen", 2, "uebermorgen", 2, "vorgestern", -2, "heute", 0, "morgen", 1, "gestern",
			-1);

	/**
	 * "Guten Morgen" greets, "heute Morgen" and "am Morgen" are a time of day, not
	 * tomorrow.
	 */
	private static final Pattern MORNING = Pattern.compile(
			"(?:gute[nr]?|schoenen|schönen|heute|gestern|am|jeden|diesen|den)\\s+$",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	/** C-100234, c100234, c 100234, #100234 or a bare number of 5 to 9 digits. */
	private static final Pattern ORDER_NUMBER = Pattern.compile(
			"(?<![\\p{L}\\p{N}#-])(?:(c)\\s?-?\\s?|(#)\\s?)?(\\d{5,9})(?![\\p{N}]|[.,/-]\\p{N})",
			Pattern.CASE_INSENSITIVE);

	/**
	 * A bare number after these words is something else: a postal code, a phone, an IBAN.
	 */
	private static final Pattern NOT_AN_ORDER = Pattern.compile(
			"(?:\\+\\d{1,3}\\s*|(?:plz|postleitzahl|post\\s?code|postal\\s?code|zip(?:\\s?code)?|tel\\.?|phone|telefon|handy|mobil|fax|iban|blz|kundennummer|customer\\s?(?:number|no\\.?))\\s*[:.#]?\\s*)$",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern MONEY_AFTER = Pattern.compile("^\\s*(?:€|eur\\b|euro\\b|usd\\b|\\$|chf\\b)",
			Pattern.CASE_INSENSITIVE);

	private static final int PAST_DAYS_WITHOUT_YEAR = 60;

	public Entities {
		orderNumbers = List.copyOf(orderNumbers);
		invoiceNumbers = List.copyOf(invoiceNumbers);
		dates = List.copyOf(dates);
	}

	static Entities in(String text, LocalDate today) {
		List<String> invoices = INVOICE_NUMBER.matcher(text)
			.results()
			.map((match) -> match.group().toUpperCase(Locale.ROOT))
			.distinct()
			.toList();
		StringBuilder rest = new StringBuilder(text);
		blank(rest, INVOICE_NUMBER);
		List<LocalDate> dates = dates(rest, today);
		return new Entities(orderNumbers(rest.toString()), invoices, dates);
	}

	private static List<String> orderNumbers(String text) {
		var numbers = new LinkedHashSet<String>();
		Matcher matcher = ORDER_NUMBER.matcher(text);
		while (matcher.find()) {
			boolean marked = matcher.group(1) != null || matcher.group(2) != null;
			if (marked || isBareOrderNumber(text, matcher)) {
				numbers.add("C-" + matcher.group(3));
			}
		}
		return List.copyOf(numbers);
	}

	private static boolean isBareOrderNumber(String text, MatchResult match) {
		String before = text.substring(0, match.start());
		String after = text.substring(match.end());
		return !NOT_AN_ORDER.matcher(before).find() && !MONEY_AFTER.matcher(after).find();
	}

	private static List<LocalDate> dates(StringBuilder text, LocalDate today) {
		record Found(int at, LocalDate date) {
		}
		var found = new ArrayList<Found>();
		String plain = text.toString();
		ISO_DATE.matcher(plain)
			.results()
			.forEach((m) -> date(number(m, 1), number(m, 2), number(m, 3))
				.ifPresent((date) -> found.add(new Found(m.start(), date))));
		ENGLISH_DATE.matcher(plain)
			.results()
			.forEach((m) -> date(number(m, 3), number(m, 2), number(m, 1))
				.ifPresent((date) -> found.add(new Found(m.start(), date))));
		GERMAN_DATE.matcher(plain)
			.results()
			.forEach((m) -> germanDate(m, today).ifPresent((date) -> found.add(new Found(m.start(), date))));
		Matcher relative = RELATIVE_DAY.matcher(plain);
		while (relative.find()) {
			String word = relative.group(1).toLowerCase(Locale.ROOT);
			if (!word.equals("morgen") || !MORNING.matcher(plain.substring(0, relative.start())).find()) {
				found.add(new Found(relative.start(), today.plusDays(DAYS_FROM_TODAY.get(word))));
			}
		}
		blank(text, ISO_DATE);
		blank(text, ENGLISH_DATE);
		blank(text, GERMAN_DATE);
		return found.stream().sorted(Comparator.comparingInt(Found::at)).map(Found::date).distinct().toList();
	}

	/**
	 * "24.12." has no year. An order's story spans weeks, so a day up to two months back
	 * is read as past ("bestellt am 28.12." early in January), any other as the coming
	 * one ("vor dem 24.12." in March, "bis 02.01." late in December).
	 */
	private static Optional<LocalDate> germanDate(MatchResult match, LocalDate today) {
		int day = number(match, 1);
		int month = number(match, 2);
		if (match.group(3) != null) {
			int year = number(match, 3);
			return date((year < 100) ? 2000 + year : year, month, day);
		}
		LocalDate earliest = today.minusDays(PAST_DAYS_WITHOUT_YEAR);
		return IntStream.of(-1, 0, 1)
			.mapToObj((offset) -> date(today.getYear() + offset, month, day))
			.flatMap(Optional::stream)
			.filter((date) -> !date.isBefore(earliest))
			.findFirst();
	}

	private static Optional<LocalDate> date(int year, int month, int day) {
		try {
			return Optional.of(LocalDate.of(year, month, day));
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
	}

	private static int number(MatchResult match, int group) {
		return Integer.parseInt(match.group(group));
	}

	/** Spaces out what was found, so its digits are not read again as an order number. */
	private static void blank(StringBuilder text, Pattern pattern) {
		pattern.matcher(text.toString())
			.results()
			.forEach((m) -> text.replace(m.start(), m.end(), " ".repeat(m.end() - m.start())));
	}

}
