package io.concierge.intake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamConstants;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.Location;
import org.jspecify.annotations.Nullable;

import io.concierge.orders.Address;
import io.concierge.orders.Channel;
import io.concierge.orders.NewOrder;
import io.concierge.orders.NewOrder.NewLine;
import io.concierge.orders.Totals;
import io.concierge.shared.Money;

import static io.concierge.intake.ShopifyOrders.emailAddress;
import static io.concierge.intake.ShopifyOrders.money;

/**
 * X12 850 purchase orders, read with StAEDI: the delimiters are the ones the ISA segment
 * declares, and the envelopes' counts and control numbers are checked (ISA/IEA, GS/GE,
 * ST/SE). An interchange may hold several groups of several purchase orders; each order
 * is read on its own, so one bad order does not stop the others. The segments taken:
 * <ul>
 * <li>{@code BEG} (required): BEG03 the PO number, BEG05 the date;</li>
 * <li>{@code CUR}: CUR02 the currency (X12's default, USD, without one);</li>
 * <li>{@code N1/N3/N4} with N101 {@code ST} (ship to) or {@code BT} (bill to);</li>
 * <li>{@code PER}: an {@code EM} number is the buyer's email address;</li>
 * <li>{@code PO1} (at least one): quantity, unit price and the product ids, the vendor's
 * part number ({@code VP}) or SKU ({@code SK}) first; {@code PID} its description;</li>
 * <li>{@code SAC}: an allowance ({@code A}) is a discount, a charge ({@code C}) shipping,
 * of the line it follows or of the order; amounts in cents (N2);</li>
 * <li>{@code TXI}: TXI02 tax, of the line or the order; {@code DTM} 002 and {@code MSG}
 * go into the notes; {@code CTT}: CTT01 must count the PO1 segments; {@code AMT} TT is
 * the total the buyer states.</li>
 * </ul>
 */
final class X12Orders {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd")
		.withResolverStyle(ResolverStyle.STRICT);

	private static final String USD = "USD";

	private X12Orders() {
	}

	/**
	 * An interchange as it came: its envelope, its groups, and what is wrong with the
	 * envelope itself (then nothing in it is taken).
	 */
	record Interchange(Delimiters delimiters, List<String> header, List<Group> groups, List<Problem> problems) {

		String controlNumber() {
			return element(this.header, 13);
		}

		boolean accepted() {
			return this.problems.isEmpty();
		}

	}

	/**
	 * @param header the GS segment's elements
	 * @param problems what is wrong with the group's envelope: counts, control number
	 */
	record Group(List<String> header, List<Transaction> transactions, List<Problem> problems) {

		String controlNumber() {
			return element(this.header, 6);
		}

	}

	/**
	 * A transaction set: its segments from ST to SE, and the order they make when they
	 * make one.
	 */
	record Transaction(List<Segment> segments, @Nullable NewOrder order, List<Problem> problems) {

		String type() {
			return element(this.segments.getFirst().elements(), 1);
		}

		String controlNumber() {
			return element(this.segments.getFirst().elements(), 2);
		}

		boolean accepted() {
			return this.order != null && this.problems.isEmpty();
		}

		@Nullable String purchaseOrder() {
			return this.segments.stream()
				.filter((segment) -> segment.tag().equals("BEG"))
				.map((segment) -> element(segment.elements(), 3))
				.filter((number) -> !number.isEmpty())
				.findFirst()
				.orElse(null);
		}

	}

	/**
	 * @param elements the elements as written, from 1 (index 0 is unused); composites and
	 * repetitions keep their separators
	 * @param position the segment's position in the interchange, from 1
	 */
	record Segment(String tag, List<String> elements, int position) {

	}

	/**
	 * @param element the element's position, 0 for the segment as a whole
	 * @param code the X12 code a 997 reports it with: AK304 when element is 0, AK403
	 * otherwise, AK502 or AK905 for an envelope
	 */
	record Problem(int position, String tag, int element, String code, String message) {

		CsvOrders.Problem asRow() {
			return new CsvOrders.Problem(this.position,
					(this.element > 0) ? this.tag + "%02d".formatted(this.element) : this.tag, this.message);
		}

	}

	/**
	 * The separators the interchange declared, to answer in the same.
	 */
	record Delimiters(char segment, char element, char component, char repetition) {

		static Delimiters of(Map<String, Character> delimiters) {
			return new Delimiters(delimiters.get(EDIStreamConstants.Delimiters.SEGMENT),
					delimiters.get(EDIStreamConstants.Delimiters.DATA_ELEMENT),
					delimiters.getOrDefault(EDIStreamConstants.Delimiters.COMPONENT_ELEMENT, '>'),
					delimiters.getOrDefault(EDIStreamConstants.Delimiters.REPETITION, '^'));
		}

		String write(String tag, List<String> elements) {
			StringBuilder segment = new StringBuilder(tag);
			for (int i = 1; i < elements.size(); i++) {
				segment.append(this.element).append(elements.get(i));
			}
			return segment.append(this.segment).append('\n').toString();
		}

	}

	/**
	 * One purchase order, as a submission stored it (an interchange of one).
	 * @throws MalformedSubmission when it is not exactly one order that can be read
	 */
	static NewOrder one(byte[] body, @Nullable UUID organisation) {
		Interchange interchange = read(body, organisation);
		List<Transaction> transactions = interchange.groups()
			.stream()
			.flatMap((group) -> group.transactions().stream())
			.toList();
		Problem problem = interchange.problems()
			.stream()
			.findFirst()
			.or(() -> interchange.groups().stream().flatMap((group) -> group.problems().stream()).findFirst())
			.or(() -> transactions.stream().flatMap((transaction) -> transaction.problems().stream()).findFirst())
			.orElse(null);
		if (problem != null) {
			throw new MalformedSubmission("segment " + problem.position() + " (" + problem.asRow().column() + ")",
					problem.message());
		}
		if (transactions.size() != 1) {
			throw new MalformedSubmission(null, "must hold exactly one purchase order, not " + transactions.size());
		}
		return transactions.getFirst().order();
	}

	/**
	 * Each purchase order as an interchange of its own, with the same envelope, so it can
	 * be stored and read again alone.
	 */
	static byte[] alone(Interchange interchange, Group group, Transaction transaction) {
		Delimiters delimiters = interchange.delimiters();
		StringBuilder x12 = new StringBuilder(delimiters.write("ISA", interchange.header()));
		x12.append(delimiters.write("GS", group.header()));
		transaction.segments().forEach((segment) -> x12.append(delimiters.write(segment.tag(), segment.elements())));
		x12.append(delimiters.write("GE", List.of("", "1", group.controlNumber())));
		x12.append(delimiters.write("IEA", List.of("", "1", interchange.controlNumber())));
		return x12.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * @throws MalformedSubmission when it is not an X12 interchange at all; problems of
	 * single orders and envelopes are in the interchange instead
	 */
	static Interchange read(byte[] body, @Nullable UUID organisation) {
		return read(body, (transaction) -> order(transaction, organisation));
	}

	/**
	 * The interchange's envelopes and transaction sets as they came, none read into an
	 * order: a vendor's purchase orders are read by the module that keeps them. A set is
	 * at fault only when it is not an 850 or its envelope is wrong.
	 * @throws MalformedSubmission when it is not an X12 interchange at all
	 */
	static Interchange envelopes(byte[] body) {
		return read(body, X12Orders::set);
	}

	/**
	 * Every problem of the interchange, of its groups and of its sets, in that order.
	 */
	static List<Problem> problems(Interchange interchange) {
		List<Problem> problems = new ArrayList<>(interchange.problems());
		interchange.groups().forEach((group) -> problems.addAll(group.problems()));
		interchange.groups()
			.forEach((group) -> group.transactions().forEach((transaction) -> problems.addAll(transaction.problems())));
		return problems;
	}

	/**
	 * The problems, each with its place, in words.
	 */
	static String inWords(List<Problem> problems) {
		return problems.stream()
			.map((problem) -> "segment " + problem.position() + " (" + problem.asRow().column() + "): "
					+ problem.message())
			.collect(java.util.stream.Collectors.joining("; "));
	}

	/**
	 * What a purchase order is worth as its {@code PO1} lines state it (quantity times
	 * unit price, in {@code CUR02}'s currency, else USD), for operations to weigh a
	 * rejected one by; what cannot be read counts as nothing.
	 */
	static Money value(Transaction transaction) {
		Currency currency = Currency.getInstance(USD);
		BigDecimal total = BigDecimal.ZERO;
		for (Segment segment : transaction.segments()) {
			if (segment.tag().equals("CUR")) {
				try {
					currency = Currency.getInstance(element(segment.elements(), 2).strip());
				}
				catch (IllegalArgumentException ex) {
					// counted in USD
				}
			}
			String quantity = element(segment.elements(), 2).strip();
			String price = element(segment.elements(), 4).strip();
			if (segment.tag().equals("PO1") && quantity.matches("[0-9]{1,7}")
					&& price.matches("[0-9]{1,9}(\\.[0-9]{1,4})?")) {
				total = total.add(new BigDecimal(quantity).multiply(new BigDecimal(price)));
			}
		}
		int digits = Math.max(currency.getDefaultFractionDigits(), 0);
		return new Money(total.min(BigDecimal.valueOf(999_999_999_999L)).setScale(digits, RoundingMode.HALF_UP),
				currency);
	}

	private static Interchange read(byte[] body, Function<OpenTransaction, Transaction> transactions) {
		for (int i = 0; i < body.length; i++) {
			if (body[i] == 0) {
				// X12's character sets have no NUL, and the 997 that echoes the segments
				// could not be stored (found by fuzzing)
				throw new MalformedSubmission("byte " + (i + 1),
						"not an X12 interchange: it holds a NUL character, which X12 does not allow");
			}
		}
		Reading reading = new Reading();
		try (EDIStreamReader reader = EDIInputFactory.newFactory()
			.createEDIStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8.name())) {
			while (reader.hasNext()) {
				reading.next(reader);
			}
		}
		catch (EDIStreamException | IOException | RuntimeException ex) {
			if (reading.header == null || reading.delimiters == null) {
				throw new MalformedSubmission(null, "not an X12 interchange: " + message(ex));
			}
			reading.envelopeProblem(new Problem(reading.position, "IEA", 0, "3",
					"the interchange ends too early or cannot be read: " + message(ex)));
		}
		if (reading.header == null || reading.delimiters == null) {
			throw new MalformedSubmission(null, "not an X12 interchange: it starts with no ISA segment");
		}
		if (reading.groups.isEmpty() && reading.problems.isEmpty()) {
			reading.problems.add(new Problem(1, "GS", 0, "3", "the interchange holds no functional group"));
		}
		List<Group> groups = reading.groups.stream()
			.map((group) -> new Group(group.header, group.transactions.stream().map(transactions).toList(),
					group.problems))
			.toList();
		return new Interchange(reading.delimiters, reading.header, groups, reading.problems);
	}

	private static String message(Exception ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	/**
	 * Collects the segments into groups and transactions as StAEDI reads them, and files
	 * each error it reports under the envelope or transaction it belongs to.
	 */
	private static final class Reading {

		@Nullable Delimiters delimiters;

		@Nullable List<String> header;

		final List<Problem> problems = new ArrayList<>();

		final List<OpenGroup> groups = new ArrayList<>();

		@Nullable OpenTransaction transaction;

		@Nullable String tag;

		List<String> elements = new ArrayList<>();

		int position;

		void next(EDIStreamReader reader) throws EDIStreamException {
			EDIStreamEvent event = reader.next();
			Location location = reader.getLocation();
			switch (event) {
				case START_INTERCHANGE -> this.delimiters = Delimiters.of(reader.getDelimiters());
				case START_SEGMENT -> {
					this.tag = reader.getText();
					this.position = location.getSegmentPosition();
					this.elements = new ArrayList<>(List.of(""));
				}
				case ELEMENT_DATA -> element(location, reader.getText());
				case END_SEGMENT -> segment();
				case SEGMENT_ERROR, ELEMENT_DATA_ERROR, ELEMENT_OCCURRENCE_ERROR ->
					error(reader.getErrorType(), location, reader.hasText() ? reader.getText() : null);
				default -> {
				}
			}
		}

		private void element(Location location, String text) {
			int position = location.getElementPosition();
			while (this.elements.size() <= position) {
				this.elements.add("");
			}
			Delimiters delimiters = this.delimiters;
			String value = this.elements.get(position);
			if (location.getElementOccurrence() > 1 && delimiters != null && location.getComponentPosition() <= 1) {
				value += delimiters.repetition();
			}
			else if (location.getComponentPosition() > 1 && delimiters != null) {
				value += delimiters.component();
			}
			this.elements.set(position, value + text);
		}

		private void segment() {
			Segment segment = new Segment(this.tag, List.copyOf(this.elements), this.position);
			switch (segment.tag()) {
				case "ISA" -> this.header = segment.elements();
				case "GS" -> this.groups.add(new OpenGroup(segment.elements()));
				case "ST" -> {
					this.transaction = new OpenTransaction();
					this.transaction.segments.add(segment);
					if (!this.groups.isEmpty()) {
						this.groups.getLast().transactions.add(this.transaction);
					}
				}
				case "SE" -> {
					if (this.transaction != null) {
						this.transaction.segments.add(segment);
					}
					this.transaction = null;
				}
				case "GE", "IEA" -> {
				}
				default -> {
					if (this.transaction != null) {
						this.transaction.segments.add(segment);
					}
					else {
						envelopeProblem(new Problem(segment.position(), segment.tag(), 0, "2",
								"the segment is outside a purchase order"));
					}
				}
			}
		}

		private void error(EDIStreamValidationError error, Location location, @Nullable String text) {
			String tag = (location.getSegmentTag() != null) ? location.getSegmentTag() : "";
			int element = Math.max(location.getElementPosition(), 0);
			int position = location.getSegmentPosition();
			boolean count = error == EDIStreamValidationError.CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT;
			boolean reference = error == EDIStreamValidationError.CONTROL_REFERENCE_MISMATCH;
			String value = (text != null) ? " (" + text + ")" : "";
			switch (tag) {
				case "SE" -> {
					OpenTransaction transaction = this.transaction;
					Problem problem = new Problem(position, tag, element, count ? "4" : reference ? "3" : "5",
							count ? "SE01 does not count the purchase order's segments" + value
									: reference ? "SE02 does not repeat ST02" + value : describe(error) + value);
					if (transaction != null) {
						transaction.problems.add(problem);
					}
					else {
						envelopeProblem(problem);
					}
				}
				case "GE" -> {
					Problem problem = new Problem(position, tag, element, count ? "5" : reference ? "4" : "3",
							count ? "GE01 does not count the group's purchase orders" + value
									: reference ? "GE02 does not repeat GS06" + value : describe(error) + value);
					if (!this.groups.isEmpty()) {
						this.groups.getLast().problems.add(problem);
					}
					else {
						envelopeProblem(problem);
					}
				}
				case "ISA", "IEA", "GS",
						"ST" ->
					envelopeProblem(new Problem(position, tag, element, "3",
							count ? "IEA01 does not count the interchange's groups" + value
									: reference ? "IEA02 does not repeat ISA13" + value : describe(error) + value));
				default -> {
					Problem problem = new Problem(position, tag, element, (element > 0) ? "7" : "2",
							describe(error) + value);
					if (this.transaction != null) {
						this.transaction.problems.add(problem);
					}
					else {
						envelopeProblem(problem);
					}
				}
			}
		}

		void envelopeProblem(Problem problem) {
			this.problems.add(problem);
		}

		private static String describe(EDIStreamValidationError error) {
			return error.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
		}

	}

	private static final class OpenGroup {

		final List<String> header;

		final List<OpenTransaction> transactions = new ArrayList<>();

		final List<Problem> problems = new ArrayList<>();

		OpenGroup(List<String> header) {
			this.header = header;
		}

	}

	private static final class OpenTransaction {

		final List<Segment> segments = new ArrayList<>();

		final List<Problem> problems = new ArrayList<>();

	}

	/**
	 * The order a transaction set makes, or the problems that stop it.
	 */
	private static Transaction order(OpenTransaction open, @Nullable UUID organisation) {
		Transaction set = set(open);
		if (set.problems().size() > open.problems.size()) {
			return set;
		}
		try {
			NewOrder order = new PurchaseOrder(set.segments(), organisation).read();
			return new Transaction(set.segments(), set.problems().isEmpty() ? order : null, set.problems());
		}
		catch (Refused ex) {
			List<Problem> problems = new ArrayList<>(set.problems());
			problems.add(ex.problem);
			return new Transaction(set.segments(), null, problems);
		}
	}

	/**
	 * The transaction set unread, with what StAEDI found wrong, and whether it is no 850
	 * or has no SE.
	 */
	private static Transaction set(OpenTransaction open) {
		List<Problem> problems = new ArrayList<>(open.problems);
		List<Segment> segments = List.copyOf(open.segments);
		Segment start = segments.getFirst();
		if (!element(start.elements(), 1).equals("850")) {
			problems.add(new Problem(start.position(), "ST", 1, "7",
					"only 850 purchase orders are taken, not " + element(start.elements(), 1)));
		}
		else if (!segments.getLast().tag().equals("SE")) {
			problems.add(new Problem(segments.getLast().position(), "SE", 0, "3", "the purchase order has no SE"));
		}
		return new Transaction(segments, null, problems);
	}

	/**
	 * Reads one 850's segments into an order.
	 */
	private static final class PurchaseOrder {

		private final List<Segment> segments;

		private final @Nullable UUID organisation;

		private final List<String> notes = new ArrayList<>();

		PurchaseOrder(List<Segment> segments, @Nullable UUID organisation) {
			this.segments = segments;
			this.organisation = organisation;
		}

		NewOrder read() {
			Segment beg = required("BEG");
			String number = value(beg, 3, 22);
			LocalDate date = date(beg, 5);
			Currency currency = currency();
			List<Line> lines = new ArrayList<>();
			Address shipTo = null;
			Address billTo = null;
			String email = null;
			BigDecimal discounts = BigDecimal.ZERO;
			BigDecimal taxes = BigDecimal.ZERO;
			BigDecimal shipping = BigDecimal.ZERO;
			BigDecimal statedTotal = null;
			Integer counted = null;
			Segment countSegment = null;
			for (int i = 0; i < this.segments.size(); i++) {
				Segment segment = this.segments.get(i);
				Line line = lines.isEmpty() ? null : lines.getLast();
				switch (segment.tag()) {
					case "N1" -> {
						String party = element(segment.elements(), 1);
						if (party.equals("ST")) {
							shipTo = address(segment, i);
						}
						else if (party.equals("BT")) {
							billTo = address(segment, i);
						}
					}
					case "PER" -> {
						for (int e = 3; e + 1 < segment.elements().size(); e += 2) {
							if (element(segment.elements(), e).equals("EM")) {
								email = value(segment, e + 1, 254);
							}
						}
					}
					case "PO1" -> lines.add(new Line(segment, quantity(segment), amount(segment, 4), product(segment)));
					case "PID" -> {
						if (line != null && line.name == null) {
							line.name = value(segment, 5, 500);
						}
					}
					case "SAC" -> {
						BigDecimal amount = amount(segment, 5).movePointLeft(2);
						switch (element(segment.elements(), 1)) {
							case "A" -> {
								if (line != null) {
									line.discount = line.discount.add(amount);
								}
								else {
									discounts = discounts.add(amount);
								}
							}
							case "C" -> shipping = shipping.add(amount);
							default -> throw refused(segment, 1, "7", "SAC01 must be A (allowance) or C (charge)");
						}
					}
					case "TXI" -> {
						BigDecimal amount = amount(segment, 2);
						if (line != null) {
							line.tax = line.tax.add(amount);
						}
						else {
							taxes = taxes.add(amount);
						}
					}
					case "DTM" -> {
						if (element(segment.elements(), 1).equals("002")) {
							this.notes.add("Requested delivery: " + date(segment, 2));
						}
					}
					case "MSG" -> this.notes.add(value(segment, 1, 264));
					case "CTT" -> {
						counted = quantity(segment, 1);
						countSegment = segment;
					}
					case "AMT" -> {
						if (element(segment.elements(), 1).equals("TT")) {
							statedTotal = amount(segment, 2);
						}
					}
					default -> {
					}
				}
			}
			if (lines.isEmpty()) {
				throw refused(this.segments.getLast(), 0, "3", "a purchase order needs at least one PO1 line");
			}
			if (counted != null && counted != lines.size()) {
				throw refused(countSegment, 1, "7",
						"CTT01 says " + counted + " lines, but the purchase order has " + lines.size());
			}
			List<NewLine> newLines = new ArrayList<>();
			BigDecimal subtotal = BigDecimal.ZERO;
			for (Line line : lines) {
				BigDecimal price = line.unitPrice.multiply(BigDecimal.valueOf(line.quantity));
				subtotal = subtotal.add(price);
				discounts = discounts.add(line.discount);
				taxes = taxes.add(line.tax);
				try {
					newLines.add(new NewLine(line.sku, (line.name != null) ? line.name : line.sku, line.quantity,
							money(line.unitPrice, currency, "PO104"), money(line.discount, currency, "SAC05"),
							money(line.tax, currency, "TXI02")));
				}
				catch (IllegalArgumentException | MalformedSubmission ex) {
					throw refused(line.segment, 4, "6", ex.getMessage());
				}
			}
			BigDecimal total = (statedTotal != null) ? statedTotal
					: subtotal.subtract(discounts).add(taxes).add(shipping);
			try {
				Totals totals = new Totals(money(subtotal, currency, "PO104"), money(discounts, currency, "SAC05"),
						money(taxes, currency, "TXI02"), money(shipping, currency, "SAC05"),
						money(total, currency, "AMT02"));
				return Format.checked(new NewOrder(Channel.EDI, number, number, null, this.organisation,
						date.atStartOfDay(ZoneOffset.UTC).toInstant(), newLines, shipTo, billTo, totals,
						this.notes.isEmpty() ? null : String.join("\n", this.notes),
						(email != null) ? emailAddress(email) : null));
			}
			catch (MalformedSubmission ex) {
				throw refused(beg, 0, "8", ex.getMessage());
			}
			catch (IllegalArgumentException ex) {
				throw refused(beg, 0, "3", (email == null && this.organisation == null)
						? "a purchase order for no company needs the buyer's email address (PER EM)" : ex.getMessage());
			}
		}

		private Segment required(String tag) {
			return this.segments.stream()
				.filter((segment) -> segment.tag().equals(tag))
				.findFirst()
				.orElseThrow(() -> refused(this.segments.getFirst(), 0, "3", "the " + tag + " segment is missing"));
		}

		private Currency currency() {
			for (Segment segment : this.segments) {
				if (segment.tag().equals("CUR")) {
					String code = value(segment, 2, 3);
					try {
						return Currency.getInstance(code);
					}
					catch (IllegalArgumentException ex) {
						throw refused(segment, 2, "7", "not an ISO 4217 currency code: " + code);
					}
				}
			}
			return Currency.getInstance(USD);
		}

		/**
		 * The N1 party's address from the N3 and N4 that follow it; none when either is
		 * missing.
		 */
		private @Nullable Address address(Segment n1, int index) {
			Segment n3 = null;
			Segment n4 = null;
			for (int i = index + 1; i < this.segments.size(); i++) {
				Segment segment = this.segments.get(i);
				if (segment.tag().equals("N3")) {
					n3 = segment;
				}
				else if (segment.tag().equals("N4")) {
					n4 = segment;
				}
				else if (!segment.tag().equals("N2") && !segment.tag().equals("REF") && !segment.tag().equals("PER")) {
					break;
				}
			}
			if (n3 == null || n4 == null) {
				return null;
			}
			String street = value(n3, 1, 55);
			String more = element(n3.elements(), 2);
			try {
				return new Address(value(n1, 2, 60), more.isEmpty() ? street : street + "\n" + more,
						blankToNull(element(n4.elements(), 3)), value(n4, 1, 30),
						blankToNull(element(n4.elements(), 2)), value(n4, 4, 3));
			}
			catch (IllegalArgumentException ex) {
				throw refused(n4, 0, "8", ex.getMessage());
			}
		}

		/**
		 * The vendor's part number or SKU when the buyer sent one, otherwise the first
		 * product id.
		 */
		private String product(Segment po1) {
			List<String> elements = po1.elements();
			String first = null;
			for (int e = 6; e + 1 < elements.size(); e += 2) {
				String qualifier = elements.get(e);
				String id = elements.get(e + 1);
				if (id.isEmpty()) {
					continue;
				}
				if (qualifier.equals("VP") || qualifier.equals("SK")) {
					return value(po1, e + 1, 60);
				}
				if (first == null) {
					first = value(po1, e + 1, 60);
				}
			}
			if (first == null) {
				throw refused(po1, 7, "1", "a PO1 line needs a product id (PO106 and PO107)");
			}
			return first;
		}

		private static int quantity(Segment segment) {
			return quantity(segment, 2);
		}

		private static int quantity(Segment segment, int element) {
			String text = element(segment.elements(), element);
			try {
				BigDecimal quantity = new BigDecimal(text);
				if (quantity.signum() > 0 && quantity.stripTrailingZeros().scale() <= 0
						&& quantity.compareTo(BigDecimal.valueOf(1_000_000)) <= 0) {
					return quantity.intValueExact();
				}
			}
			catch (NumberFormatException | ArithmeticException ex) {
				// answered below
			}
			throw refused(segment, element, text.isEmpty() ? "1" : "6",
					"must be a whole number of at least 1" + (text.isEmpty() ? "" : ", not " + text));
		}

		private static BigDecimal amount(Segment segment, int element) {
			String text = element(segment.elements(), element);
			try {
				return IntakeJson.plausible(new BigDecimal(text), null);
			}
			catch (NumberFormatException ex) {
				throw refused(segment, element, text.isEmpty() ? "1" : "6",
						"must be an amount such as 12.50" + (text.isEmpty() ? "" : ", not " + text));
			}
			catch (MalformedSubmission ex) {
				throw refused(segment, element, "5", ex.getMessage());
			}
		}

		private static LocalDate date(Segment segment, int element) {
			String text = element(segment.elements(), element);
			try {
				return LocalDate.parse(text, DATE);
			}
			catch (DateTimeParseException ex) {
				throw refused(segment, element, text.isEmpty() ? "1" : "8",
						"must be a date as CCYYMMDD" + (text.isEmpty() ? "" : ", not " + text));
			}
		}

		private static String value(Segment segment, int element, int length) {
			String text = element(segment.elements(), element).strip();
			if (text.isEmpty()) {
				throw refused(segment, element, "1", "is required");
			}
			if (text.length() > length) {
				throw refused(segment, element, "5", "is longer than " + length + " characters");
			}
			return text;
		}

		private static @Nullable String blankToNull(String text) {
			return text.isBlank() ? null : text.strip();
		}

		private static Refused refused(Segment segment, int element, String code, String message) {
			return new Refused(new Problem(segment.position(), segment.tag(), element, code, message));
		}

	}

	/**
	 * A PO1 line while its PID, SAC and TXI segments are read.
	 */
	private static final class Line {

		final Segment segment;

		final int quantity;

		final BigDecimal unitPrice;

		final String sku;

		@Nullable String name;

		BigDecimal discount = BigDecimal.ZERO;

		BigDecimal tax = BigDecimal.ZERO;

		Line(Segment segment, int quantity, BigDecimal unitPrice, String sku) {
			this.segment = segment;
			this.quantity = quantity;
			this.unitPrice = unitPrice;
			this.sku = sku;
		}

	}

	private static final class Refused extends RuntimeException {

		final Problem problem;

		Refused(Problem problem) {
			super(problem.message(), null, false, false);
			this.problem = problem;
		}

	}

	static String element(List<String> elements, int position) {
		return (position < elements.size()) ? elements.get(position) : "";
	}

}
