package io.concierge.orders.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.concierge.orders.Channel;
import io.concierge.orders.OrderFilter;
import io.concierge.orders.OrderStatus;

/**
 * The order list's filters as the URL holds them, for the page and the API alike. A value
 * that cannot be read is named in {@link #invalid()} and left out of the search.
 */
record SearchParameters(@Nullable String q, @Nullable OrderStatus status, @Nullable Channel channel,
		@Nullable LocalDate from, @Nullable LocalDate to, OrderFilter.Sort sort, @Nullable String after,
		List<String> invalid) {

	static final int MAX_TEXT = 200;

	static SearchParameters of(Map<String, String> parameters) {
		List<String> invalid = new ArrayList<>();
		LocalDate from = parse(parameters, "from", LocalDate::parse, invalid);
		LocalDate to = parse(parameters, "to", LocalDate::parse, invalid);
		if (from != null && to != null && to.isBefore(from)) {
			invalid.add("to");
			to = null;
		}
		String after = parse(parameters, "after", (value) -> {
			OrderFilter.Cursor.parse(value);
			return value;
		}, invalid);
		OrderFilter.Sort sort = parse(parameters, "sort", OrderFilter.Sort::valueOf, invalid);
		String q = parameters.getOrDefault("q", "").strip();
		if (q.length() > MAX_TEXT) {
			invalid.add("q");
			q = q.substring(0, MAX_TEXT);
		}
		return new SearchParameters(q.isEmpty() ? null : q, parse(parameters, "status", OrderStatus::valueOf, invalid),
				parse(parameters, "channel", Channel::valueOf, invalid), from, to,
				(sort != null) ? sort : OrderFilter.Sort.NEWEST, after, List.copyOf(invalid));
	}

	OrderFilter filter(int size) {
		return new OrderFilter(this.q, this.status, this.channel, this.from, this.to, this.sort, this.after, size);
	}

	boolean filtered() {
		return this.q != null || this.status != null || this.channel != null || this.from != null || this.to != null;
	}

	private static <T> @Nullable T parse(Map<String, String> parameters, String name, Function<String, T> parser,
			List<String> invalid) {
		String value = parameters.getOrDefault(name, "").strip();
		if (value.isEmpty()) {
			return null;
		}
		try {
			return parser.apply(value);
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			invalid.add(name);
			return null;
		}
	}

}
