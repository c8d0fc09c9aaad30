package io.concierge.intake;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import io.concierge.intake.X12Orders.Delimiters;
import io.concierge.intake.X12Orders.Group;
import io.concierge.intake.X12Orders.Interchange;
import io.concierge.intake.X12Orders.Problem;
import io.concierge.intake.X12Orders.Segment;
import io.concierge.intake.X12Orders.Transaction;

import static io.concierge.intake.X12Orders.element;

/**
 * The answers a trading partner expects, in the partner's own delimiters and version: a
 * 997 functional acknowledgement for every interchange (each purchase order accepted or
 * rejected, with the segments and elements in error), and an 855 purchase order
 * acknowledgement once an order is placed.
 */
final class X12Acknowledgements {

	private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("yyMMdd");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmm");

	private static final String BLANK = " ".repeat(10);

	private X12Acknowledgements() {
	}

	/**
	 * The 997 for an interchange, one transaction set per functional group; none when it
	 * holds no group to acknowledge.
	 * @param control this interchange's and group's control number
	 */
	static @Nullable String functional(Interchange interchange, int control, ZonedDateTime now) {
		return functional(interchange, Transaction::accepted, control, now);
	}

	/**
	 * The 997 for an interchange whose sets were judged elsewhere: a set is accepted
	 * ({@code AK5*A}) when the judge takes it and its envelope is sound, rejected
	 * ({@code AK5*R}, with its segments in error, else code 5) otherwise.
	 * @param taken whether the set was taken in, its envelope aside
	 */
	static @Nullable String functional(Interchange interchange, Predicate<Transaction> taken, int control,
			ZonedDateTime now) {
		if (interchange.groups().isEmpty()) {
			return null;
		}
		List<List<String>> sets = new ArrayList<>();
		for (Group group : interchange.groups()) {
			List<String> set = new ArrayList<>();
			set.add(segment(interchange, "AK1", element(group.header(), 1), group.controlNumber()));
			int accepted = 0;
			for (Transaction transaction : group.transactions()) {
				set.add(segment(interchange, "AK2", transaction.type(), transaction.controlNumber()));
				String trailerCode = null;
				for (Problem problem : transaction.problems()) {
					if (problem.tag().equals("SE")) {
						trailerCode = problem.code();
					}
					else if (problem.element() > 0) {
						set.add(segment(interchange, "AK3", problem.tag(), String.valueOf(problem.position()), "",
								"8"));
						set.add(segment(interchange, "AK4", String.valueOf(problem.element()), "", problem.code()));
					}
					else {
						set.add(segment(interchange, "AK3", problem.tag(), String.valueOf(problem.position()), "",
								problem.code()));
					}
				}
				if (taken.test(transaction) && group.problems().isEmpty() && interchange.accepted()) {
					accepted++;
					set.add(segment(interchange, "AK5", "A"));
				}
				else {
					set.add(segment(interchange, "AK5", "R", (trailerCode != null) ? trailerCode : "5"));
				}
			}
			int received = group.transactions().size();
			String verdict = (accepted == received && received > 0) ? "A" : (accepted > 0) ? "P" : "R";
			List<String> ak9 = new ArrayList<>(
					List.of(verdict, String.valueOf(received), String.valueOf(received), String.valueOf(accepted)));
			group.problems().stream().findFirst().ifPresent((problem) -> ak9.add(problem.code()));
			set.add(segment(interchange, "AK9", ak9.toArray(String[]::new)));
			sets.add(set);
		}
		return envelope(interchange, "FA", "997", sets, control, now);
	}

	/**
	 * The 855 accepting a purchase order as it was sent: each line with its quantity, and
	 * the order number it became.
	 */
	static String purchaseOrder(Interchange interchange, Transaction transaction, String orderNumber, int control,
			ZonedDateTime now) {
		List<String> set = new ArrayList<>();
		Segment beg = transaction.segments()
			.stream()
			.filter((segment) -> segment.tag().equals("BEG"))
			.findFirst()
			.orElseThrow();
		set.add(segment(interchange, "BAK", "00", "AC", element(beg.elements(), 3), element(beg.elements(), 5), "", "",
				"", orderNumber, now.withZoneSameInstant(ZoneOffset.UTC).format(DATE)));
		int lines = 0;
		for (Segment segment : transaction.segments()) {
			if (segment.tag().equals("PO1")) {
				lines++;
				set.add(interchange.delimiters().write("PO1", segment.elements()));
				set.add(segment(interchange, "ACK", "IA", element(segment.elements(), 2),
						element(segment.elements(), 3)));
			}
		}
		set.add(segment(interchange, "CTT", String.valueOf(lines)));
		return envelope(interchange, "PR", "855", List.of(set), control, now);
	}

	/**
	 * The transaction sets in a group and an interchange addressed back to the sender.
	 */
	private static String envelope(Interchange interchange, String functionalId, String type, List<List<String>> sets,
			int control, ZonedDateTime now) {
		ZonedDateTime utc = now.withZoneSameInstant(ZoneOffset.UTC);
		List<String> isa = interchange.header();
		List<String> gs = interchange.groups().getFirst().header();
		String number = "%09d".formatted(control);
		StringBuilder x12 = new StringBuilder();
		x12.append(segment(interchange, "ISA", "00", BLANK, "00", BLANK, element(isa, 7), element(isa, 8),
				element(isa, 5), element(isa, 6), utc.format(SHORT_DATE), utc.format(TIME), element(isa, 11),
				element(isa, 12), number, "0", element(isa, 15), element(isa, 16)));
		x12.append(segment(interchange, "GS", functionalId, element(gs, 3), element(gs, 2), utc.format(DATE),
				utc.format(TIME), String.valueOf(control), "X", element(gs, 8)));
		int setNumber = 0;
		for (List<String> set : sets) {
			String setControl = "%04d".formatted(++setNumber);
			x12.append(segment(interchange, "ST", type, setControl));
			set.forEach(x12::append);
			x12.append(segment(interchange, "SE", String.valueOf(set.size() + 2), setControl));
		}
		x12.append(segment(interchange, "GE", String.valueOf(sets.size()), String.valueOf(control)));
		x12.append(segment(interchange, "IEA", "1", number));
		return x12.toString();
	}

	private static String segment(Interchange interchange, String tag, String... elements) {
		Delimiters delimiters = interchange.delimiters();
		List<String> values = new ArrayList<>(elements.length + 1);
		values.add("");
		values.addAll(List.of(elements));
		// trailing empty elements are left out, as X12 asks
		while (values.size() > 1 && values.getLast().isEmpty()) {
			values.removeLast();
		}
		return delimiters.write(tag, values);
	}

}
