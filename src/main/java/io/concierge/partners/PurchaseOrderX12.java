package io.concierge.partners;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A vendor's purchase order as an X12 850 and Concierge's answer to it, the 855 purchase
 * order acknowledgement, in the sender's own delimiters (read from the fixed-width ISA:
 * the element separator is its fourth character, the component separator its 105th, the
 * segment terminator its 106th), as {@link PurchaseOrderShipNotices} reads an 856. Taken
 * from the 850: the number from {@code BEG03}, the currency from {@code CUR02} (else
 * USD), the requested date from {@code DTM*002} (the header's for every line, one after a
 * {@code PO1} for that line), and for each {@code PO1} its quantity ({@code PO102}), unit
 * price ({@code PO104}) and the vendor's SKU after a {@code VP}, else {@code SK}, else
 * {@code BP} qualifier ({@code PO106} and {@code PO107}, or a later pair). One purchase
 * order (one {@code ST*850}) per interchange: intake stores each set of an interchange as
 * one of its own, and answers each with the 997.
 */
final class PurchaseOrderX12 {

	static final String MEDIA_TYPE = "application/edi-x12";

	private static final List<String> SKU_QUALIFIERS = List.of("VP", "SK", "BP");

	private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

	private PurchaseOrderX12() {
	}

	/**
	 * The interchange's delimiters and parties, to answer in kind.
	 *
	 * @param sender {@code ISA06}, who sent the 850 (the 855's receiver)
	 * @param receiver {@code ISA08}
	 * @param group the functional group's control number ({@code GS06})
	 * @param set the transaction set's control number ({@code ST02})
	 */
	record Envelope(char element, char component, char terminator, String senderQualifier, String sender,
			String receiverQualifier, String receiver, String groupSender, String groupReceiver, String version,
			String group, String set) {

		/**
		 * The standard delimiters ({@code *}, {@code >}, {@code ~}) for a purchase order
		 * that did not come as X12.
		 */
		static Envelope standard(String vendor) {
			String id = vendor.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
			id = id.isEmpty() ? "VENDOR" : id.substring(0, Math.min(15, id.length()));
			return new Envelope('*', '>', '~', "ZZ", id, "ZZ", "CONCIERGE", id, "CONCIERGE", "004010", "1", "0001");
		}

	}

	/**
	 * A purchase order read from an 850, its lines as drafts ({@code line} the
	 * {@code PO1}'s place, from 1).
	 */
	record Order(Envelope envelope, String number, @Nullable LocalDate date, List<PurchaseOrders.Draft> drafts) {

	}

	/**
	 * Why a file is not an 850 Concierge can read, naming the segment.
	 */
	static final class Not850 extends Exception {

		Not850(String why) {
			super(why, null, false, false);
		}

	}

	static Order read(byte[] bytes) throws Not850 {
		String text = new String(bytes, StandardCharsets.UTF_8).strip();
		if (text.indexOf('\0') >= 0) {
			// no X12 holds one, and PostgreSQL stores none
			throw new Not850("NUL");
		}
		if (!text.startsWith("ISA") || text.length() < 106) {
			throw new Not850("no ISA header");
		}
		char element = text.charAt(3);
		char component = text.charAt(104);
		char terminator = text.charAt(105);
		if (Character.isLetterOrDigit(element) || Character.isLetterOrDigit(terminator) || element == terminator
				|| element == component || Character.isWhitespace(element)) {
			throw new Not850("ISA delimiters unreadable");
		}
		List<String[]> segments = new ArrayList<>();
		for (String raw : text.split(Pattern.quote(String.valueOf(terminator)))) {
			String segment = raw.strip();
			if (!segment.isEmpty()) {
				segments.add(segment.split(Pattern.quote(String.valueOf(element)), -1));
			}
		}
		String[] isa = segments.getFirst();
		if (isa.length < 17) {
			throw new Not850("ISA has " + (isa.length - 1) + " elements, not 16");
		}
		String[] gs = null;
		String[] st = null;
		String number = null;
		LocalDate date = null;
		String currency = "USD";
		String headerDate = null;
		List<String[]> lines = new ArrayList<>();
		List<@Nullable String> lineDates = new ArrayList<>();
		int sets = 0;
		for (String[] segment : segments) {
			switch (segment[0]) {
				case "GS" -> gs = segment;
				case "ST" -> {
					sets++;
					st = segment;
					if (!"850".equals(at(segment, 1))) {
						throw new Not850("ST01 is " + at(segment, 1) + ", not 850");
					}
				}
				case "BEG" -> {
					number = at(segment, 3);
					date = date(at(segment, 5));
				}
				case "CUR" -> {
					if (at(segment, 2) != null) {
						currency = at(segment, 2);
					}
				}
				case "DTM" -> {
					if ("002".equals(at(segment, 1))) {
						String requested = iso(at(segment, 2));
						if (lines.isEmpty()) {
							headerDate = requested;
						}
						else {
							lineDates.set(lines.size() - 1, requested);
						}
					}
				}
				case "PO1" -> {
					lines.add(segment);
					lineDates.add(null);
				}
				default -> {
				}
			}
		}
		if (gs == null || st == null) {
			throw new Not850("no GS or ST segment");
		}
		if (sets > 1) {
			throw new Not850("one purchase order (ST*850) per interchange, not " + sets);
		}
		if (number == null) {
			throw new Not850("no BEG segment with the purchase order number in BEG03");
		}
		if (lines.isEmpty()) {
			throw new Not850("no PO1 segment");
		}
		List<PurchaseOrders.Draft> drafts = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			String[] po1 = lines.get(i);
			String requested = (lineDates.get(i) != null) ? lineDates.get(i) : headerDate;
			drafts.add(new PurchaseOrders.Draft(i + 1, number, sku(po1), at(po1, 2), at(po1, 4), currency, requested));
		}
		Envelope envelope = new Envelope(element, component, terminator, text(isa[5]), text(isa[6]), text(isa[7]),
				text(isa[8]), text(at(gs, 2)), text(at(gs, 3)), text(at(gs, 8)), text(at(gs, 6)), text(at(st, 2)));
		return new Order(envelope, number, date, drafts);
	}

	/**
	 * The 855: {@code BAK02} {@code AD} when every line was accepted, {@code AC} when
	 * some were, {@code RJ} when none; each {@code PO1} followed by its {@code ACK},
	 * {@code IA} accepted or {@code IR} rejected.
	 */
	static String acknowledgement(PurchaseOrder order, Envelope envelope, @Nullable LocalDate date, long control,
			Instant now) {
		Writer writer = new Writer(envelope);
		writer.header("PR", control, now);
		String kind = (order.rejected() == 0) ? "AD" : (order.accepted() == 0) ? "RJ" : "AC";
		writer.segment("ST", "855", "0001");
		writer.segment("BAK", "00", kind, order.number(),
				((date != null) ? date : LocalDate.ofInstant(order.submittedAt(), ZoneOffset.UTC)).format(DATE));
		for (PurchaseOrder.Line line : order.lines()) {
			String quantity = String.valueOf(line.quantity());
			writer.segment("PO1", String.valueOf(line.line()), quantity, "EA", line.unitPrice().toPlainString(), "",
					"VP", line.sku());
			writer.segment("ACK", line.accepted() ? "IA" : "IR", quantity, "EA", "068",
					line.requestedDate().format(DATE));
		}
		writer.segment("CTT", String.valueOf(order.lines().size()));
		writer.trailer();
		return writer.toString();
	}

	private static final class Writer {

		private final Envelope envelope;

		private final StringBuilder out = new StringBuilder();

		private int inSet;

		private String control = "";

		Writer(Envelope envelope) {
			this.envelope = envelope;
		}

		void header(String functionalId, long number, Instant now) {
			this.control = "%09d".formatted(Math.floorMod(number, 1_000_000_000L));
			var time = now.atOffset(ZoneOffset.UTC);
			// the answer goes back: the 850's receiver sends it, its sender receives it
			segment("ISA", "00", " ".repeat(10), "00", " ".repeat(10), pad(this.envelope.receiverQualifier(), 2),
					pad(this.envelope.receiver(), 15), pad(this.envelope.senderQualifier(), 2),
					pad(this.envelope.sender(), 15), time.format(DateTimeFormatter.ofPattern("yyMMdd")),
					time.format(DateTimeFormatter.ofPattern("HHmm")), "U", "00401", this.control, "0", "P",
					String.valueOf(this.envelope.component()));
			segment("GS", functionalId, this.envelope.groupReceiver(), this.envelope.groupSender(), time.format(DATE),
					time.format(DateTimeFormatter.ofPattern("HHmm")), String.valueOf(Integer.parseInt(this.control)),
					"X", this.envelope.version().isEmpty() ? "004010" : this.envelope.version());
			this.inSet = 0;
		}

		void segment(String id, String... elements) {
			if (id.equals("ST")) {
				this.inSet = 0;
			}
			this.inSet++;
			this.out.append(id);
			for (String element : elements) {
				this.out.append(this.envelope.element()).append(element);
			}
			this.out.append(this.envelope.terminator());
			if (!Character.isWhitespace(this.envelope.terminator())) {
				this.out.append('\n');
			}
		}

		void trailer() {
			segment("SE", String.valueOf(this.inSet + 1), "0001");
			segment("GE", "1", String.valueOf(Integer.parseInt(this.control)));
			segment("IEA", "1", this.control);
		}

		private static String pad(String value, int width) {
			String cut = (value.length() > width) ? value.substring(0, width) : value;
			return cut + " ".repeat(width - cut.length());
		}

		@Override
		public String toString() {
			return this.out.toString();
		}

	}

	/**
	 * The vendor's own part number ({@code VP}) first, else the SKU ({@code SK}), else
	 * the buyer's part number ({@code BP}), wherever its pair stands from {@code PO106}.
	 */
	private static @Nullable String sku(String[] po1) {
		for (String qualifier : SKU_QUALIFIERS) {
			for (int i = 6; i + 1 < po1.length; i += 2) {
				if (qualifier.equals(po1[i].strip()) && !po1[i + 1].isBlank()) {
					return po1[i + 1].strip();
				}
			}
		}
		return null;
	}

	private static @Nullable String iso(@Nullable String ccyymmdd) {
		LocalDate date = date(ccyymmdd);
		return (date != null) ? date.toString() : ccyymmdd;
	}

	private static @Nullable LocalDate date(@Nullable String ccyymmdd) {
		if (ccyymmdd == null || !ccyymmdd.matches("[0-9]{8}")) {
			return null;
		}
		try {
			return LocalDate.parse(ccyymmdd, DATE);
		}
		catch (java.time.format.DateTimeParseException ex) {
			return null;
		}
	}

	private static String text(@Nullable String value) {
		return (value != null) ? value.strip() : "";
	}

	private static @Nullable String at(String @Nullable [] elements, int index) {
		return (elements != null && index < elements.length && !elements[index].isBlank()) ? elements[index].strip()
				: null;
	}

}
