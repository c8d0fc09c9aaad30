package io.concierge.partners;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A purchase order (by form, CSV or X12 850) refused as a whole, nothing taken in: every
 * problem with its line (the file's line, the header being line 1; the form's line from
 * 1; an 850's {@code PO1} from 1), its message key
 * {@code partners.vendor.refused.<reason>} and the value at fault.
 */
public class PurchaseOrderRefused extends RuntimeException {

	private final List<Problem> problems;

	PurchaseOrderRefused(List<Problem> problems) {
		super("Refused: " + problems);
		this.problems = List.copyOf(problems);
	}

	public List<Problem> problems() {
		return this.problems;
	}

	/**
	 * Every problem in words, one after the other.
	 */
	public String inWords() {
		return this.problems.stream().map(Problem::inWords).collect(Collectors.joining(" "));
	}

	/**
	 * The problems as intake keeps them for the vendor's page: a line each, its reason,
	 * line and value separated by tabs; at most 2,000 characters.
	 */
	String details() {
		StringBuilder details = new StringBuilder();
		for (Problem problem : this.problems) {
			String line = problem.reason() + "\t" + problem.line() + "\t"
					+ problem.value().replaceAll("[\\t\\r\\n]", " ") + "\n";
			if (details.length() + line.length() > 2_000) {
				break;
			}
			details.append(line);
		}
		return details.toString();
	}

	/**
	 * The problems {@link #details()} wrote; none from text it did not write.
	 */
	public static List<Problem> fromDetails(String details) {
		List<Problem> problems = new ArrayList<>();
		for (String line : details.split("\n")) {
			String[] fields = line.split("\t", 3);
			if (fields.length == 3 && fields[1].matches("[0-9]{1,9}")) {
				problems.add(new Problem(Integer.parseInt(fields[1]), fields[0], fields[2]));
			}
		}
		return problems;
	}

	/**
	 * One thing wrong.
	 *
	 * @param line the line at fault, or 0 for the whole
	 */
	public record Problem(int line, String reason, String value) {

		/**
		 * The value quoted as the audit trail can store it (see
		 * {@link VendorRefused#quoted}).
		 */
		public Problem {
			value = VendorRefused.quoted(value);
		}

		public String messageKey() {
			return "partners.vendor.refused." + this.reason;
		}

		/**
		 * The problem in English, for the API and for operations.
		 */
		public String inWords() {
			String where = (this.line > 0) ? "Line " + this.line + ": " : "";
			return where + switch (this.reason) {
				case "not850" -> "not an X12 850 purchase order: " + this.value + ".";
				case "notCsv" -> "not CSV text in UTF-8.";
				case "unknownSku" -> "\"" + this.value + "\" is not a SKU in your stock.";
				case "quantity" ->
					"the quantity must be a whole number from 1 to 1,000,000, not \"" + this.value + "\".";
				case "price" -> "the unit price is not an amount in the currency: \"" + this.value + "\".";
				case "currency" -> "\"" + this.value + "\" is not a currency code.";
				case "date" -> "the requested date is missing or not a date: \"" + this.value + "\".";
				case "number" -> "the purchase order number is not valid: \"" + this.value + "\".";
				case "exists" -> "you sent purchase order " + this.value + " already.";
				case "duplicateSku" -> this.value + " comes twice in this purchase order.";
				default -> "refused (" + this.reason + ").";
			};
		}

	}

}
