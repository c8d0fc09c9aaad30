package io.concierge.orders;

import java.time.LocalDate;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What a customer looks for in their orders. Everything may be empty.
 *
 * @param text an order number, a purchase order number or the channel's reference, or a
 * product's SKU or name (typos allowed)
 * @param from placed on or after this day (in the reader's time zone, by the caller)
 * @param to placed on or before this day
 * @param after where the previous page ended ({@link OrderPage#next()})
 */
public record OrderFilter(@Nullable String text, @Nullable OrderStatus status, @Nullable Channel channel,
		@Nullable LocalDate from, @Nullable LocalDate to, Sort sort, @Nullable String after, int size) {

	public static final int MAX_SIZE = 100;

	public OrderFilter {
		text = (text == null || text.isBlank()) ? null : text.strip();
		if (text != null && text.length() > 200) {
			throw new IllegalArgumentException("Search text is limited to 200 characters");
		}
		if (from != null && to != null && to.isBefore(from)) {
			throw new IllegalArgumentException("The end date is before the start date");
		}
		if (size < 1 || size > MAX_SIZE) {
			throw new IllegalArgumentException("A page holds 1 to " + MAX_SIZE + " orders");
		}
	}

	/**
	 * The orders' order, each with a tie-breaker so pages never overlap.
	 */
	public enum Sort {

		NEWEST("o.placed_at", "desc"), OLDEST("o.placed_at", "asc"), TOTAL_HIGH("o.grand_total", "desc"),
		TOTAL_LOW("o.grand_total", "asc");

		final String column;

		final String direction;

		Sort(String column, String direction) {
			this.column = column;
			this.direction = direction;
		}

	}

	/**
	 * Where a page ended: the last order's sort value and id, opaque to the reader.
	 */
	public record Cursor(String value, UUID id) {

		String text() {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString((this.value + "|" + this.id).getBytes(StandardCharsets.UTF_8));
		}

		/**
		 * @throws IllegalArgumentException when the text is not a cursor
		 */
		public static Cursor parse(String text) {
			String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", 2);
			if (parts.length != 2 || parts[0].isBlank()) {
				throw new IllegalArgumentException("Not a page cursor");
			}
			return new Cursor(parts[0], UUID.fromString(parts[1]));
		}

	}

}
