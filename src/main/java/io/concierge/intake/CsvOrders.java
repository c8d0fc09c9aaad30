package io.concierge.intake;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import org.jspecify.annotations.Nullable;

import io.concierge.orders.Address;
import io.concierge.orders.Channel;
import io.concierge.orders.NewOrder;
import io.concierge.orders.NewOrder.NewLine;
import io.concierge.orders.Totals;
import io.concierge.shared.Money;

/**
 * A batch of orders as CSV (RFC 4180: UTF-8 with or without a byte order mark, CRLF or
 * LF, quoted fields with commas, doubled quotes and line breaks), one line of an order
 * per row, the rows of an order sharing its {@code order_reference}. The columns, by name
 * in the first row, in any order:
 * <ul>
 * <li>required: {@code order_reference}, {@code placed_at} (a day, 2026-11-22, or a time
 * with offset), {@code currency}, {@code sku}, {@code name}, {@code quantity},
 * {@code unit_price};</li>
 * <li>optional: {@code purchase_order}, {@code customer_email}, {@code discount} and
 * {@code tax} (the line's, in total), {@code shipping} (the order's), {@code notes}, and
 * the delivery address {@code ship_name}, {@code ship_lines}, {@code ship_postal_code},
 * {@code ship_city}, {@code ship_region}, {@code ship_country}.</li>
 * </ul>
 * Order fields are taken from an order's first row. Totals are the lines' prices, less
 * their discounts, plus their taxes and the shipping. Values are kept as text exactly;
 * one starting with {@code = + - @} is never evaluated here, and any export must quote
 * it.
 */
final class CsvOrders {

	private CsvOrders() {
	}

	/**
	 * What a batch holds: the orders that could be read, each as its own CSV, and the
	 * rows that could not, by line.
	 */
	/**
	 * @param leftOut the header and every row that was not taken in, as CSV text to
	 * correct and send again; null when every row was
	 */
	record Batch(List<Order> orders, List<Problem> problems, @Nullable String leftOut) {

	}

	/**
	 * @param csv the header and the order's rows, to be stored as its submission
	 */
	record Order(String reference, NewOrder order, byte[] csv) {

	}

	/**
	 * @param line the line of the file the row starts on, from 1
	 */
	public record Problem(long line, @Nullable String column, String message) {

	}

	/**
	 * One order's CSV, as a batch stored it.
	 * @throws MalformedSubmission when it is not exactly one readable order
	 */
	static NewOrder one(byte[] body, @Nullable UUID organisation) {
		Batch batch = read(body, organisation);
		if (!batch.problems().isEmpty()) {
			Problem problem = batch.problems().getFirst();
			throw new MalformedSubmission(
					"line " + problem.line() + ((problem.column() != null) ? ", " + problem.column() : ""),
					problem.message());
		}
		if (batch.orders().size() != 1) {
			throw new MalformedSubmission(null, "must hold exactly one order, not " + batch.orders().size());
		}
		return batch.orders().getFirst().order();
	}

	/**
	 * @throws MalformedSubmission when the file as a whole cannot be read (not UTF-8, a
	 * quote never closed, columns missing or unknown); problems of single rows are in the
	 * batch instead
	 */
	static Batch read(byte[] body, @Nullable UUID organisation) {
		String text = utf8(body);
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		List<CsvRecord> records;
		try (CsvReader<CsvRecord> reader = CsvReader.builder()
			.skipEmptyLines(true)
			.allowExtraFields(true)
			.allowMissingFields(true)
			.ofCsvRecord(text)) {
			records = reader.stream().toList();
		}
		catch (CsvParseException ex) {
			throw new MalformedSubmission(null, "not readable as CSV: " + ex.getMessage());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("Reading a string cannot fail", ex);
		}
		if (records.isEmpty()) {
			throw new MalformedSubmission("line 1", "the first row must name the columns");
		}
		List<String> header = records.getFirst()
			.getFields()
			.stream()
			.map((name) -> name.strip().toLowerCase(Locale.ROOT))
			.toList();
		List<String> missing = CsvColumns.REQUIRED.stream().filter((name) -> !header.contains(name)).toList();
		List<String> unknown = header.stream()
			.filter((name) -> !CsvColumns.REQUIRED.contains(name) && !CsvColumns.OPTIONAL.contains(name))
			.toList();
		if (!missing.isEmpty() || !unknown.isEmpty()) {
			throw new MalformedSubmission("line 1",
					(!missing.isEmpty() ? "columns missing: " + String.join(", ", missing) : "")
							+ (!missing.isEmpty() && !unknown.isEmpty() ? "; " : "")
							+ (!unknown.isEmpty() ? "columns not known: " + String.join(", ", unknown) : ""));
		}
		Map<String, List<CsvRecord>> byOrder = new LinkedHashMap<>();
		List<Problem> problems = new ArrayList<>();
		List<CsvRecord> leftOut = new ArrayList<>();
		for (CsvRecord record : records.subList(1, records.size())) {
			if (record.getFieldCount() != header.size()) {
				problems.add(new Problem(record.getStartingLineNumber(), null,
						"has " + record.getFieldCount() + " fields, the header " + header.size()));
				leftOut.add(record);
				continue;
			}
			String reference = record.getField(header.indexOf("order_reference")).strip();
			if (reference.isEmpty()) {
				problems.add(new Problem(record.getStartingLineNumber(), "order_reference", "is required"));
				leftOut.add(record);
				continue;
			}
			byOrder.computeIfAbsent(reference, (key) -> new ArrayList<>()).add(record);
		}
		List<Order> orders = new ArrayList<>();
		byOrder.forEach((reference, rows) -> {
			try {
				orders.add(new Order(reference, order(reference, header, rows, organisation), csv(header, rows)));
			}
			catch (RowProblem ex) {
				problems.add(ex.problem);
				leftOut.addAll(rows);
			}
		});
		problems.sort((a, b) -> Long.compare(a.line(), b.line()));
		leftOut.sort((a, b) -> Long.compare(a.getStartingLineNumber(), b.getStartingLineNumber()));
		return new Batch(orders, problems,
				leftOut.isEmpty() ? null : new String(csv(header, leftOut), StandardCharsets.UTF_8));
	}

	private static NewOrder order(String reference, List<String> header, List<CsvRecord> rows,
			@Nullable UUID organisation) {
		Map<String, String> first = fields(header, rows.getFirst());
		long line = rows.getFirst().getStartingLineNumber();
		Currency currency = parse(line, "currency", () -> ShopifyOrders.currency(required(first, "currency")));
		List<NewLine> lines = new ArrayList<>();
		BigDecimal subtotal = BigDecimal.ZERO;
		BigDecimal discounts = BigDecimal.ZERO;
		BigDecimal taxes = BigDecimal.ZERO;
		for (CsvRecord row : rows) {
			Map<String, String> fields = fields(header, row);
			long at = row.getStartingLineNumber();
			int quantity = parse(at, "quantity", () -> quantity(required(fields, "quantity")));
			Money price = parse(at, "unit_price",
					() -> ShopifyOrders.money(amount(required(fields, "unit_price")), currency, "unit_price"));
			Money discount = parse(at, "discount",
					() -> ShopifyOrders.money(amount(fields.getOrDefault("discount", "")), currency, "discount"));
			Money tax = parse(at, "tax",
					() -> ShopifyOrders.money(amount(fields.getOrDefault("tax", "")), currency, "tax"));
			lines.add(parse(at, null, () -> new NewLine(ShopifyOrders.limit(required(fields, "sku"), 60, "sku"),
					ShopifyOrders.limit(required(fields, "name"), 500, "name"), quantity, price, discount, tax)));
			subtotal = subtotal.add(price.amount().multiply(BigDecimal.valueOf(quantity)));
			discounts = discounts.add(discount.amount());
			taxes = taxes.add(tax.amount());
		}
		Money shipping = parse(line, "shipping",
				() -> ShopifyOrders.money(amount(first.getOrDefault("shipping", "")), currency, "shipping"));
		Totals totals = new Totals(new Money(subtotal, currency), new Money(discounts, currency),
				new Money(taxes, currency), shipping,
				new Money(subtotal.subtract(discounts).add(taxes).add(shipping.amount()), currency));
		String email = blankToNull(first.get("customer_email"));
		return parse(line, null, () -> new NewOrder(Channel.CSV, ShopifyOrders.limit(reference, 100, "order_reference"),
				blankToNull(first.get("purchase_order")), null, organisation,
				ShopifyOrders.instant(day(required(first, "placed_at")), "placed_at"), lines, address(first), null,
				totals, blankToNull(first.get("notes")), (email != null) ? ShopifyOrders.emailAddress(email) : null));
	}

	private static @Nullable Address address(Map<String, String> fields) {
		if (blankToNull(fields.get("ship_name")) == null && blankToNull(fields.get("ship_city")) == null) {
			return null;
		}
		return new Address(required(fields, "ship_name"), required(fields, "ship_lines"),
				blankToNull(fields.get("ship_postal_code")), required(fields, "ship_city"),
				blankToNull(fields.get("ship_region")), required(fields, "ship_country").toUpperCase(Locale.ROOT));
	}

	private static Map<String, String> fields(List<String> header, CsvRecord row) {
		Map<String, String> fields = new HashMap<>();
		for (int i = 0; i < header.size(); i++) {
			fields.put(header.get(i), row.getField(i));
		}
		return fields;
	}

	private static String required(Map<String, String> fields, String column) {
		String value = blankToNull(fields.get(column));
		if (value == null) {
			throw new MalformedSubmission(column, "is required");
		}
		return value;
	}

	private static BigDecimal amount(String text) {
		if (text.isBlank()) {
			return BigDecimal.ZERO;
		}
		try {
			return IntakeJson.plausible(new BigDecimal(text.strip()), null);
		}
		catch (NumberFormatException ex) {
			throw new MalformedSubmission(null, "must be an amount such as 19.90, not " + text);
		}
	}

	private static int quantity(String text) {
		try {
			int quantity = Integer.parseInt(text.strip());
			if (quantity < 1) {
				throw new NumberFormatException();
			}
			return quantity;
		}
		catch (NumberFormatException ex) {
			throw new MalformedSubmission(null, "must be a whole number of at least 1, not " + text);
		}
	}

	/**
	 * A day alone is taken as its start in UTC.
	 */
	private static String day(String text) {
		return text.matches("\\d{4}-\\d{2}-\\d{2}") ? text + "T00:00:00Z" : text;
	}

	private static <T> T parse(long line, @Nullable String column, java.util.function.Supplier<T> value) {
		try {
			return value.get();
		}
		catch (MalformedSubmission ex) {
			throw new RowProblem(new Problem(line, (column != null) ? column : ex.where(), stripWhere(ex)));
		}
		catch (IllegalArgumentException ex) {
			throw new RowProblem(new Problem(line, column, ex.getMessage()));
		}
	}

	private static String stripWhere(MalformedSubmission ex) {
		String message = ex.getMessage();
		return (ex.where() != null && message.startsWith(ex.where() + ": "))
				? message.substring(ex.where().length() + 2) : message;
	}

	private static byte[] csv(List<String> header, List<CsvRecord> rows) {
		StringWriter out = new StringWriter();
		try (CsvWriter writer = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out)) {
			writer.writeRecord(header);
			rows.forEach((row) -> writer.writeRecord(row.getFields()));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("Writing to a string cannot fail", ex);
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static String utf8(byte[] body) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new MalformedSubmission(null, "not UTF-8 text");
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static final class RowProblem extends RuntimeException {

		private final Problem problem;

		RowProblem(Problem problem) {
			super(problem.message(), null, false, false);
			this.problem = problem;
		}

	}

}
