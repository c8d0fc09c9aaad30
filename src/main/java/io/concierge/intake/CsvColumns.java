package io.concierge.intake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.concierge.shared.StorableText;

/**
 * The columns of an order CSV, named in its first row, in any order (see
 * {@link CsvOrders}). Other systems name them otherwise: the common names are taken as
 * they are ({@link #ALIASES}), and a channel may name its own ({@link Mapping}).
 */
public final class CsvColumns {

	public static final List<String> REQUIRED = List.of("order_reference", "placed_at", "currency", "sku", "name",
			"quantity", "unit_price");

	public static final List<String> OPTIONAL = List.of("purchase_order", "customer_email", "discount", "tax",
			"shipping", "notes", "ship_name", "ship_lines", "ship_postal_code", "ship_city", "ship_region",
			"ship_country");

	/**
	 * The one column several may stand for: each is a line of the address, in the order
	 * of the file's columns.
	 */
	static final String JOINED = "ship_lines";

	/**
	 * What shops, ERPs and spreadsheets commonly call the columns.
	 */
	public static final Map<String, String> ALIASES = aliases();

	/** A column's name: no control character (a NUL could not be stored), no "=". */
	private static final Pattern NAME = Pattern.compile("[^=\\p{Cntrl}]{1,100}");

	private CsvColumns() {
	}

	private static Map<String, String> aliases() {
		Map<String, String> aliases = new LinkedHashMap<>();
		alias(aliases, "order_reference", "order_ref", "order_id", "order_number", "order_no", "reference");
		alias(aliases, "placed_at", "order_date", "date", "created_at", "ordered_at");
		alias(aliases, "purchase_order", "po_number", "po");
		alias(aliases, "customer_email", "email", "buyer_email");
		alias(aliases, "sku", "product_code", "item_sku", "item_code");
		alias(aliases, "name", "description", "product_name", "item_name", "title");
		alias(aliases, "quantity", "qty");
		alias(aliases, "unit_price", "price", "item_price");
		alias(aliases, "discount", "line_discount");
		alias(aliases, "tax", "line_tax");
		alias(aliases, "shipping", "shipping_cost");
		alias(aliases, "notes", "note", "comment", "comments");
		alias(aliases, "ship_name", "ship_to_name", "shipping_name", "recipient");
		alias(aliases, "ship_lines", "ship_address1", "ship_address2", "ship_address3", "ship_street");
		alias(aliases, "ship_postal_code", "ship_zip", "ship_postcode", "zip", "postal_code");
		alias(aliases, "ship_city", "city");
		alias(aliases, "ship_region", "ship_state", "ship_province", "state");
		alias(aliases, "ship_country", "ship_country_code", "country");
		return Map.copyOf(aliases);
	}

	private static void alias(Map<String, String> aliases, String column, String... others) {
		for (String other : others) {
			aliases.put(other, column);
		}
	}

	/**
	 * Each of Concierge's columns with the common names taken for it.
	 */
	public static Map<String, List<String>> aliasesByColumn() {
		Map<String, List<String>> byColumn = new LinkedHashMap<>();
		REQUIRED.forEach((column) -> byColumn.put(column, new ArrayList<>()));
		OPTIONAL.forEach((column) -> byColumn.put(column, new ArrayList<>()));
		new TreeMap<>(ALIASES).forEach((alias, column) -> byColumn.get(column).add(alias));
		return byColumn;
	}

	static boolean known(String column) {
		return REQUIRED.contains(column) || OPTIONAL.contains(column);
	}

	/**
	 * A channel's own names for the columns, beside the common ones.
	 *
	 * @param columns the channel's name of a column (in small letters) and Concierge's
	 */
	public record Mapping(Map<String, String> columns) {

		public static final Mapping NONE = new Mapping(Map.of());

		public Mapping {
			columns = Map.copyOf(columns);
		}

		/**
		 * A mapping written a column a line, {@code their_name = order_reference}.
		 * @param problems where each line that cannot be taken is explained
		 */
		public static Mapping parse(String text, List<String> problems) {
			Map<String, String> columns = new HashMap<>();
			String[] lines = text.strip().split("\\R");
			for (int i = 0; i < lines.length; i++) {
				String line = lines[i].strip();
				if (line.isEmpty()) {
					continue;
				}
				String[] parts = line.split("=", -1);
				String theirs = (parts.length == 2) ? parts[0].strip().toLowerCase(Locale.ROOT) : "";
				String ours = (parts.length == 2) ? parts[1].strip().toLowerCase(Locale.ROOT) : "";
				if (!NAME.matcher(theirs).matches() || ours.isEmpty()) {
					problems.add("Column line " + (i + 1) + " is not written as \"their column = our column\".");
				}
				else if (!known(ours)) {
					problems.add("Column line " + (i + 1) + ": " + StorableText.printable(ours)
							+ " is not one of Concierge's columns.");
				}
				else if (columns.put(theirs, ours) != null) {
					problems.add("Column line " + (i + 1) + ": " + theirs + " is named twice.");
				}
			}
			return new Mapping(columns);
		}

		/**
		 * The mapping as it is written, a column a line, sorted.
		 */
		public String text() {
			StringBuilder text = new StringBuilder();
			new TreeMap<>(this.columns)
				.forEach((theirs, ours) -> text.append(theirs).append(" = ").append(ours).append('\n'));
			return text.toString();
		}

		/**
		 * Concierge's column for a file's column: the channel's own name first, then the
		 * common ones; null when it is none.
		 */
		@Nullable String column(String theirs) {
			String name = theirs.strip().toLowerCase(Locale.ROOT);
			String mapped = this.columns.get(name);
			if (mapped != null) {
				return mapped;
			}
			return known(name) ? name : ALIASES.get(name);
		}

	}

	/**
	 * The columns of a file as read: each of its columns and the one of Concierge's it
	 * stands for.
	 *
	 * @param file the names in the file's first row, as written
	 * @param ours for each, Concierge's column
	 */
	record Header(List<String> file, List<String> ours) {

		/**
		 * @throws MalformedSubmission naming the columns missing, not known or named
		 * twice
		 */
		static Header of(List<String> file, Mapping mapping) {
			List<String> ours = new ArrayList<>();
			List<String> unknown = new ArrayList<>();
			List<String> twice = new ArrayList<>();
			Map<String, String> seen = new HashMap<>();
			for (String theirs : file) {
				String column = mapping.column(theirs);
				if (column == null) {
					unknown.add(theirs.strip());
					ours.add("");
					continue;
				}
				String other = seen.putIfAbsent(column, theirs.strip());
				if (other != null && !column.equals(JOINED)) {
					twice.add(other + " and " + theirs.strip() + " both stand for " + column);
				}
				ours.add(column);
			}
			List<String> missing = REQUIRED.stream().filter((name) -> !ours.contains(name)).toList();
			List<String> problems = new ArrayList<>();
			if (!missing.isEmpty()) {
				problems.add("columns missing: " + String.join(", ", missing));
			}
			if (!unknown.isEmpty()) {
				problems.add("columns not known: " + String.join(", ", unknown)
						+ " (an administrator can name them on the channel's page)");
			}
			problems.addAll(twice);
			if (!problems.isEmpty()) {
				throw new MalformedSubmission("line 1", String.join("; ", problems));
			}
			return new Header(List.copyOf(file), List.copyOf(ours));
		}

		/**
		 * Concierge's columns this file has, once each, in the file's order.
		 */
		List<String> columns() {
			return List.copyOf(new java.util.LinkedHashSet<>(this.ours));
		}

		/**
		 * The file's columns that are named otherwise in Concierge, with the name they
		 * stand for.
		 */
		Map<String, String> renamed() {
			Map<String, String> renamed = new LinkedHashMap<>();
			for (int i = 0; i < this.file.size(); i++) {
				if (!this.file.get(i).strip().equalsIgnoreCase(this.ours.get(i))) {
					renamed.put(this.file.get(i).strip(), this.ours.get(i));
				}
			}
			return renamed;
		}

		/**
		 * A row's values by Concierge's column; the lines of an address joined by line
		 * breaks.
		 */
		Map<String, String> values(List<String> fields) {
			Map<String, String> values = new HashMap<>();
			for (int i = 0; i < this.ours.size(); i++) {
				String column = this.ours.get(i);
				String value = fields.get(i);
				String earlier = values.get(column);
				if (earlier == null || earlier.isBlank()) {
					values.put(column, value);
				}
				else if (!value.isBlank()) {
					values.put(column, earlier.strip() + "\n" + value.strip());
				}
			}
			return values;
		}

	}

}
