package io.concierge.intake;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
import io.concierge.shared.StorableText;

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
	 * What a batch holds: the orders that could be read, each as its own CSV in
	 * Concierge's columns, and the rows that could not, by line.
	 *
	 * @param leftOut the header and every row that was not taken in, as CSV text to
	 * correct and send again; null when every row was
	 * @param renamed the file's columns that were taken as one of Concierge's, by the
	 * common names or the channel's own
	 */
	record Batch(List<Order> orders, List<Problem> problems, @Nullable String leftOut, Map<String, String> renamed) {

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
	 * @throws MalformedSubmission when the file as a whole cannot be read (a quote never
	 * closed, a first row that is not UTF-8, columns missing or unknown); problems of
	 * single rows are in the batch instead
	 */
	static Batch read(byte[] body, @Nullable UUID organisation) {
		return read(body, organisation, CsvColumns.Mapping.NONE);
	}

	/**
	 * @param mapping the sending channel's own names for the columns
	 * @see #read(byte[], UUID)
	 */
	static Batch read(byte[] body, @Nullable UUID organisation, CsvColumns.Mapping mapping) {
		Utf8 decoded = Utf8.decode(body);
		String text = decoded.text();
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
		String badHeader = decoded.problem(1, nextLine(records, 0));
		if (badHeader != null) {
			throw new MalformedSubmission("line 1", badHeader);
		}
		CsvColumns.Header header = CsvColumns.Header.of(records.getFirst().getFields(), mapping);
		Map<String, List<Row>> byOrder = new LinkedHashMap<>();
		List<Problem> problems = new ArrayList<>();
		List<CsvRecord> leftOut = new ArrayList<>();
		Set<String> spoilt = new HashSet<>();
		for (int i = 1; i < records.size(); i++) {
			CsvRecord record = records.get(i);
			long line = record.getStartingLineNumber();
			try {
				String notUtf8 = decoded.problem(line, nextLine(records, i));
				if (notUtf8 != null) {
					throw new RowProblem(new Problem(line, null, notUtf8));
				}
				if (record.getFieldCount() != header.file().size()) {
					throw new RowProblem(new Problem(line, null,
							"has " + record.getFieldCount() + " fields, the header " + header.file().size()));
				}
				Row row = new Row(record, values(header, record));
				String reference = row.values().get("order_reference").strip();
				if (reference.isEmpty()) {
					throw new RowProblem(new Problem(line, "order_reference", "is required"));
				}
				byOrder.computeIfAbsent(reference, (key) -> new ArrayList<>()).add(row);
			}
			catch (RowProblem ex) {
				problems.add(ex.problem);
				leftOut.add(record);
				int at = header.ours().indexOf("order_reference");
				if (at < record.getFieldCount()) {
					spoilt.add(record.getField(at).strip());
				}
			}
		}
		// an order is taken whole or not at all
		for (String reference : spoilt) {
			List<Row> rows = byOrder.remove(reference);
			if (rows != null) {
				for (Row row : rows) {
					problems.add(new Problem(row.line(), null,
							"left out with the rest of order " + reference + ", which has a row that cannot be read"));
					leftOut.add(row.record());
				}
			}
		}
		List<Order> orders = new ArrayList<>();
		byOrder.forEach((reference, rows) -> {
			try {
				orders.add(new Order(reference, order(reference, rows, organisation),
						csv(header.columns(),
								rows.stream()
									.map((row) -> header.columns().stream().map(row.values()::get).toList())
									.toList())));
			}
			catch (RowProblem ex) {
				problems.add(ex.problem);
				rows.forEach((row) -> leftOut.add(row.record()));
			}
		});
		problems.sort((a, b) -> Long.compare(a.line(), b.line()));
		leftOut.sort((a, b) -> Long.compare(a.getStartingLineNumber(), b.getStartingLineNumber()));
		return new Batch(orders, problems,
				leftOut.isEmpty() ? null
						: new String(csv(header.file(), leftOut.stream().map(CsvRecord::getFields).toList()),
								StandardCharsets.UTF_8),
				header.renamed());
	}

	/**
	 * The line the record after this one starts on; past the end for the last.
	 */
	private static long nextLine(List<CsvRecord> records, int index) {
		return (index + 1 < records.size()) ? records.get(index + 1).getStartingLineNumber() : Long.MAX_VALUE;
	}

	/**
	 * A row of the file: as it was, and by Concierge's columns.
	 */
	private record Row(CsvRecord record, Map<String, String> values) {

		long line() {
			return this.record.getStartingLineNumber();
		}

	}

	private static NewOrder order(String reference, List<Row> rows, @Nullable UUID organisation) {
		Map<String, String> first = rows.getFirst().values();
		long line = rows.getFirst().line();
		Currency currency = parse(line, "currency", () -> ShopifyOrders.currency(required(first, "currency")));
		List<NewLine> lines = new ArrayList<>();
		BigDecimal subtotal = BigDecimal.ZERO;
		BigDecimal discounts = BigDecimal.ZERO;
		BigDecimal taxes = BigDecimal.ZERO;
		for (Row row : rows) {
			Map<String, String> fields = row.values();
			long at = row.line();
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
		return parse(line, null, () -> Format.checked(new NewOrder(Channel.CSV,
				ShopifyOrders.limit(reference, 100, "order_reference"), purchaseOrder(first), null, organisation,
				ShopifyOrders.instant(day(required(first, "placed_at")), "placed_at"), lines, address(first), null,
				totals, exact(first.get("notes")), (email != null) ? ShopifyOrders.emailAddress(email) : null)));
	}

	private static @Nullable String purchaseOrder(Map<String, String> fields) {
		String number = blankToNull(fields.get("purchase_order"));
		return (number != null) ? ShopifyOrders.limit(number, 100, "purchase_order") : null;
	}

	private static @Nullable Address address(Map<String, String> fields) {
		if (blankToNull(fields.get("ship_name")) == null && blankToNull(fields.get("ship_city")) == null) {
			return null;
		}
		return new Address(required(fields, "ship_name"), required(fields, "ship_lines"),
				blankToNull(fields.get("ship_postal_code")), required(fields, "ship_city"),
				blankToNull(fields.get("ship_region")), required(fields, "ship_country").toUpperCase(Locale.ROOT));
	}

	/**
	 * The row's values by Concierge's columns.
	 * @throws RowProblem naming a column whose text cannot be stored
	 */
	private static Map<String, String> values(CsvColumns.Header header, CsvRecord row) {
		for (int i = 0; i < header.file().size(); i++) {
			String problem = StorableText.problem(row.getField(i));
			if (problem != null) {
				throw new RowProblem(new Problem(row.getStartingLineNumber(), header.file().get(i).strip(), problem));
			}
		}
		return header.values(row.getFields());
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

	private static byte[] csv(List<String> header, List<List<String>> rows) {
		StringWriter out = new StringWriter();
		try (CsvWriter writer = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out)) {
			writer.writeRecord(header);
			rows.forEach(writer::writeRecord);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("Writing to a string cannot fail", ex);
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Free text as it was written, with its spaces and line breaks.
	 */
	private static @Nullable String exact(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
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
