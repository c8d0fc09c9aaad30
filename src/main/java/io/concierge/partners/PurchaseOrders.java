package io.concierge.partners;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.intake.PurchaseOrderIntake;
import io.concierge.partners.PurchaseOrderEvents.PurchaseOrderAcknowledged;
import io.concierge.partners.PurchaseOrderEvents.PurchaseOrderReceived;
import io.concierge.partners.PurchaseOrderEvents.PurchaseOrderShipped;
import io.concierge.partners.PurchaseOrderEvents.PurchaseOrderSubmitted;
import io.concierge.partners.PurchaseOrderRefused.Problem;
import io.concierge.shared.NotFound;
import io.concierge.shared.StorableTime;

/**
 * Vendors' purchase orders. A vendor submits one by form or CSV, all or nothing (an X12
 * 850 comes through the vendor's intake channel, {@link VendorPurchaseOrderReceiver}):
 * every line names a SKU the vendor stocks and a whole quantity. Concierge acknowledges
 * it at once, line by line (a line whose requested date has passed is rejected). The
 * vendor then sends its advance ship notice, and operations count what came at the
 * warehouse; where that differs from what was shipped, both sides see the discrepancy.
 */
@Service
public class PurchaseOrders {

	public static final List<String> COLUMNS = List.of("po_number", "sku", "quantity", "unit_price", "currency",
			"requested_date");

	private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");

	private static final int MOST_LINES = 500;

	private final JdbcClient jdbc;

	private final VendorStock stock;

	private final VendorAudit audit;

	private final ApplicationEventPublisher events;

	private final PurchaseOrderIntake intake;

	private final Clock clock;

	PurchaseOrders(JdbcClient jdbc, VendorStock stock, VendorAudit audit, ApplicationEventPublisher events,
			PurchaseOrderIntake intake, Clock clock) {
		this.jdbc = jdbc;
		this.stock = stock;
		this.audit = audit;
		this.events = events;
		this.intake = intake;
		this.clock = clock;
	}

	/**
	 * A line as the vendor wrote it, unchecked.
	 *
	 * @param line the line of the file or form it came from
	 */
	public record Draft(int line, @Nullable String number, @Nullable String sku, @Nullable String quantity,
			@Nullable String unitPrice, @Nullable String currency, @Nullable String requestedDate) {

	}

	/**
	 * How long the vendor's purchase orders took from submission to shipping.
	 *
	 * @param average the average, or null when none shipped
	 * @param shipped how many shipped
	 */
	public record OrderToShip(@Nullable Duration average, int shipped) {

		public @Nullable Long hours() {
			return (this.average != null) ? this.average.toHours() : null;
		}

	}

	/**
	 * Takes in the purchase orders of a CSV file ({@link #COLUMNS}, one line per row, the
	 * rows of an order sharing its {@code po_number}).
	 * @throws PurchaseOrderRefused with every line at fault; nothing is taken in
	 */
	@Transactional
	public List<PurchaseOrder> submitCsv(Partner vendor, byte[] file, String actor, String origin) {
		List<Draft> drafts;
		try {
			drafts = csvDrafts(file);
		}
		catch (PurchaseOrderRefused ex) {
			throw refused(vendor, ex.problems(), actor, origin);
		}
		return submit(vendor, "CSV", drafts, actor, origin);
	}

	/**
	 * The lines of a CSV file as drafts, a row each after the header.
	 * @throws PurchaseOrderRefused when it is not CSV, is empty, lacks one of
	 * {@link #COLUMNS} or has a row of another width; not audited yet
	 */
	static List<Draft> csvDrafts(byte[] file) {
		List<PurchaseOrderCsv.Row> rows;
		try {
			rows = PurchaseOrderCsv.read(file);
		}
		catch (PurchaseOrderCsv.NotCsv ex) {
			throw new PurchaseOrderRefused(List.of(new Problem(0, "notCsv", ex.getMessage())));
		}
		if (rows.isEmpty()) {
			throw new PurchaseOrderRefused(List.of(new Problem(0, "empty", "")));
		}
		List<String> header = rows.getFirst()
			.fields()
			.stream()
			.map((name) -> name.strip().toLowerCase(Locale.ROOT))
			.toList();
		List<String> missing = COLUMNS.stream().filter((column) -> !header.contains(column)).toList();
		if (!missing.isEmpty()) {
			throw new PurchaseOrderRefused(List.of(new Problem(1, "header", String.join(", ", missing))));
		}
		List<Draft> drafts = new ArrayList<>();
		for (PurchaseOrderCsv.Row row : rows.subList(1, rows.size())) {
			if (row.fields().size() != header.size()) {
				throw new PurchaseOrderRefused(
						List.of(new Problem(row.line(), "columns", String.valueOf(row.fields().size()))));
			}
			drafts.add(new Draft(row.line(), field(row, header, "po_number"), field(row, header, "sku"),
					field(row, header, "quantity"), field(row, header, "unit_price"), field(row, header, "currency"),
					field(row, header, "requested_date")));
		}
		return drafts;
	}

	/**
	 * Takes in the purchase order of an X12 850 ({@link PurchaseOrderX12}) that came
	 * through the vendor's intake channel, all or none, and keeps the 855 answering it in
	 * the sender's delimiters; intake answers it with the 997.
	 * @throws PurchaseOrderRefused when it is not an 850 Concierge can read (naming the
	 * segment) or a line is at fault (its line the {@code PO1}'s place, from 1); nothing
	 * is taken in
	 */
	@Transactional
	PurchaseOrder receiveX12(Partner vendor, byte[] x12, String actor, String origin) {
		PurchaseOrderX12.Order read;
		try {
			read = PurchaseOrderX12.read(x12);
		}
		catch (PurchaseOrderX12.Not850 ex) {
			throw refusedX12(vendor, ex.getMessage(), actor, origin);
		}
		PurchaseOrder order = submit(vendor, "X12", read.drafts(), actor, origin).getFirst();
		Instant now = this.clock.instant();
		String acknowledgement = PurchaseOrderX12.acknowledgement(order, read.envelope(), read.date(),
				now.toEpochMilli() / 10, now);
		this.jdbc.sql("update purchase_order set edi_855 = ? where id = ?")
			.params(acknowledgement, order.id())
			.update();
		return order;
	}

	/**
	 * Records that the vendor's X12 file was refused as no 850 Concierge can read.
	 * @param why what is wrong with it, naming the segment
	 */
	public PurchaseOrderRefused refusedX12(Partner vendor, String why, String actor, String origin) {
		return refused(vendor, List.of(new Problem(0, "not850", why)), actor, origin);
	}

	/**
	 * The 855 acknowledging the vendor's purchase order: as sent in the 850's delimiters
	 * for one that came as X12, else written now in the standard ones ({@code *},
	 * {@code >}, {@code ~}). Another vendor's is not found.
	 */
	@Transactional(readOnly = true)
	public Optional<String> acknowledgement(Partner vendor, String number) {
		return find(vendor, number).map((order) -> edi(order, "edi_855")
			.orElseGet(() -> PurchaseOrderX12.acknowledgement(order, PurchaseOrderX12.Envelope.standard(vendor.name()),
					null, order.submittedAt().toEpochMilli() / 10, order.acknowledgedAt())));
	}

	/**
	 * The 997 sent for the vendor's purchase order that came as an X12 850: kept with it
	 * when the partners module read 850s itself, by intake since.
	 */
	@Transactional(readOnly = true)
	public Optional<String> functionalAcknowledgement(Partner vendor, String number) {
		return find(vendor, number).filter((order) -> order.source().equals("X12"))
			.flatMap((order) -> edi(order, "edi_997")
				.or(() -> this.intake.functionalAcknowledgementOf(vendor.id(), order.number())));
	}

	private Optional<String> edi(PurchaseOrder order, String column) {
		return this.jdbc.sql("select " + column + " from purchase_order where id = ?")
			.param(order.id())
			.query((row, n) -> Optional.ofNullable(row.getString(1)))
			.single();
	}

	private static String field(PurchaseOrderCsv.Row row, List<String> header, String column) {
		return row.fields().get(header.indexOf(column)).strip();
	}

	/**
	 * Takes in one or more purchase orders, all or none, and acknowledges each at once.
	 * @param source {@code FORM}, {@code CSV}, {@code API} or {@code X12}
	 * @throws PurchaseOrderRefused with every line at fault; nothing is taken in
	 */
	@Transactional
	public List<PurchaseOrder> submit(Partner vendor, String source, List<Draft> drafts, String actor, String origin) {
		if (vendor.kind() != Partner.Kind.VENDOR) {
			throw new NotFound("vendor " + vendor.name());
		}
		if (drafts.isEmpty()) {
			throw refused(vendor, List.of(new Problem(0, "empty", "")), actor, origin);
		}
		if (drafts.size() > MOST_LINES) {
			throw refused(vendor, List.of(new Problem(0, "tooMany", String.valueOf(drafts.size()))), actor, origin);
		}
		List<Problem> problems = new ArrayList<>();
		Map<String, List<PurchaseOrder.Line>> orders = lines(drafts, this.stock.skus(vendor),
				LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC), problems);
		for (String number : orders.keySet()) {
			if (find(vendor, number).isPresent()) {
				int line = drafts.stream()
					.filter((draft) -> number.equals(text(draft.number())))
					.findFirst()
					.map(Draft::line)
					.orElse(0);
				problems.add(new Problem(line, "exists", number));
			}
		}
		if (!problems.isEmpty()) {
			throw refused(vendor, problems, actor, origin);
		}
		Instant now = this.clock.instant();
		List<PurchaseOrder> taken = new ArrayList<>();
		orders.forEach((number, lines) -> {
			UUID id = UUID.randomUUID();
			this.jdbc.sql("""
					insert into purchase_order (id, vendor_id, number, source, status, submitted_by, submitted_at,
					acknowledged_at) values (?, ?, ?, ?, 'ACKNOWLEDGED', ?, ?, ?)""")
				.params(id, vendor.id(), number, source, actor, now.atOffset(ZoneOffset.UTC),
						now.atOffset(ZoneOffset.UTC))
				.update();
			for (PurchaseOrder.Line line : lines) {
				this.jdbc.sql("""
						insert into purchase_order_line (purchase_order_id, line, sku, quantity, unit_price, currency,
						requested_date, accepted, rejection) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
					.params(id, line.line(), line.sku(), line.quantity(), line.unitPrice(), line.currency(),
							line.requestedDate(), line.accepted(), line.rejection())
					.update();
			}
			PurchaseOrder order = find(vendor, number).orElseThrow();
			this.events.publishEvent(new PurchaseOrderSubmitted(id, vendor.id(), number, lines.size(), now));
			this.events.publishEvent(new PurchaseOrderAcknowledged(id, vendor.id(), number, (int) order.accepted(),
					(int) order.rejected(), now));
			this.events.publishEvent(new VendorChanged(actor, "partners.vendor.purchase-order.submitted",
					vendor.name() + ": " + number, origin, now));
			taken.add(order);
		});
		return taken;
	}

	/**
	 * The drafts checked, as lines by purchase order number.
	 * @param skus the vendor's SKUs
	 * @param problems where every draft at fault is added
	 */
	static Map<String, List<PurchaseOrder.Line>> lines(List<Draft> drafts, Set<String> skus, LocalDate today,
			List<Problem> problems) {
		Map<String, List<PurchaseOrder.Line>> orders = new LinkedHashMap<>();
		Map<String, Set<String>> skusPerOrder = new HashMap<>();
		for (Draft draft : drafts) {
			int before = problems.size();
			String number = text(draft.number());
			if (!NUMBER.matcher(number).matches()) {
				problems.add(new Problem(draft.line(), "number", number));
			}
			String sku = text(draft.sku());
			if (!skus.contains(sku)) {
				problems.add(new Problem(draft.line(), "unknownSku", sku));
			}
			Integer quantity = quantity(text(draft.quantity()));
			if (quantity == null) {
				problems.add(new Problem(draft.line(), "quantity", text(draft.quantity())));
			}
			Currency currency = currency(text(draft.currency()));
			if (currency == null) {
				problems.add(new Problem(draft.line(), "currency", text(draft.currency())));
			}
			BigDecimal price = price(text(draft.unitPrice()), currency);
			if (price == null) {
				problems.add(new Problem(draft.line(), "price", text(draft.unitPrice())));
			}
			LocalDate requested = date(text(draft.requestedDate()));
			if (requested == null) {
				problems.add(new Problem(draft.line(), "date", text(draft.requestedDate())));
			}
			if (problems.size() == before
					&& !skusPerOrder.computeIfAbsent(number, (key) -> new java.util.HashSet<>()).add(sku)) {
				problems.add(new Problem(draft.line(), "duplicateSku", sku));
			}
			if (problems.size() == before) {
				List<PurchaseOrder.Line> lines = orders.computeIfAbsent(number, (key) -> new ArrayList<>());
				boolean accepted = !requested.isBefore(today);
				lines.add(new PurchaseOrder.Line(lines.size() + 1, sku, quantity, price, currency.getCurrencyCode(),
						requested, accepted, accepted ? null : "past", null, null));
			}
		}
		return orders;
	}

	/**
	 * The vendor's advance ship notice (856) for its purchase order: how many of each
	 * accepted line it shipped.
	 * @param shipped the quantities by line; a line not named shipped none
	 * @throws VendorRefused when the vendor has no such purchase order, it shipped
	 * already, or a quantity is not a whole number from 0
	 */
	@Transactional
	public PurchaseOrder ship(Partner vendor, String number, String shipment, Map<Integer, Integer> shipped,
			String actor, String origin) {
		PurchaseOrder order = find(vendor, number.strip()).orElse(null);
		if (order == null) {
			throw refused(vendor, new VendorRefused("unknownPo", 0, number), actor, origin);
		}
		if (!order.status().canShip()) {
			throw refused(vendor, new VendorRefused("shipped", 0, number), actor, origin);
		}
		String reference = shipment.strip();
		if (!NUMBER.matcher(reference).matches()) {
			throw refused(vendor, new VendorRefused("shipment", 0, reference), actor, origin);
		}
		for (Map.Entry<Integer, Integer> entry : shipped.entrySet()) {
			boolean accepted = order.lines()
				.stream()
				.anyMatch((line) -> line.line() == entry.getKey() && line.accepted());
			if (!accepted || entry.getValue() == null || entry.getValue() < 0 || entry.getValue() > VendorStock.MOST) {
				throw refused(vendor,
						new VendorRefused("shippedQuantity", entry.getKey(), String.valueOf(entry.getValue())), actor,
						origin);
			}
		}
		if (shipped.values().stream().mapToInt(Integer::intValue).sum() == 0) {
			throw refused(vendor, new VendorRefused("nothingShipped", 0, number), actor, origin);
		}
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				update purchase_order set status = 'SHIPPED', shipment_number = ?, shipped_at = ?
				where id = ? and status = 'ACKNOWLEDGED'""")
			.params(reference, now.atOffset(ZoneOffset.UTC), order.id())
			.update();
		for (PurchaseOrder.Line line : order.lines()) {
			if (line.accepted()) {
				this.jdbc
					.sql("update purchase_order_line set shipped_quantity = ? where purchase_order_id = ? and line = ?")
					.params(shipped.getOrDefault(line.line(), 0), order.id(), line.line())
					.update();
			}
		}
		this.events.publishEvent(
				new PurchaseOrderShipped(order.id(), vendor.id(), order.number(), reference, order.submittedAt(), now));
		this.events.publishEvent(new VendorChanged(actor, "partners.vendor.purchase-order.shipped",
				vendor.name() + ": " + order.number() + " " + reference, origin, now));
		return find(vendor, order.number()).orElseThrow();
	}

	/**
	 * The vendor's advance ship notice as an X12 856 ({@link PurchaseOrderShipNotices}).
	 * @throws VendorRefused when it is not an 856, names a purchase order the vendor does
	 * not have, or a line or SKU the order does not have
	 */
	@Transactional
	public PurchaseOrder shipX12(Partner vendor, byte[] x12, String actor, String origin) {
		PurchaseOrderShipNotices.ShipNotice notice;
		try {
			notice = PurchaseOrderShipNotices.read(x12);
		}
		catch (PurchaseOrderShipNotices.NotX12 ex) {
			throw refused(vendor, new VendorRefused("notX12", 0, ex.getMessage()), actor, origin);
		}
		PurchaseOrder order = find(vendor, notice.purchaseOrder()).orElse(null);
		if (order == null) {
			throw refused(vendor, new VendorRefused("unknownPo", 0, notice.purchaseOrder()), actor, origin);
		}
		Map<Integer, Integer> shipped = new LinkedHashMap<>();
		for (Map.Entry<String, Integer> units : notice.units().entrySet()) {
			PurchaseOrder.Line line = order.lines()
				.stream()
				.filter((candidate) -> String.valueOf(candidate.line()).equals(units.getKey())
						|| candidate.sku().equals(units.getKey()))
				.findFirst()
				.orElseThrow(() -> refused(vendor, new VendorRefused("unknownItem", 0, units.getKey()), actor, origin));
			shipped.merge(line.line(), units.getValue(), Integer::sum);
		}
		return ship(vendor, order.number(), notice.shipment(), shipped, actor, origin);
	}

	/**
	 * Operations count what came of a shipped purchase order at the warehouse.
	 * @param received the quantities by line; a line not named came with none
	 * @throws VendorRefused when it has not shipped or was received already, or a
	 * quantity is not a whole number from 0
	 */
	@Transactional
	public PurchaseOrder receive(UUID id, Map<Integer, Integer> received, String actor, String origin) {
		PurchaseOrder order = find(id).orElseThrow(() -> new NotFound("purchase order " + id));
		Partner vendor = vendor(order);
		if (!order.status().canReceive()) {
			throw refused(vendor, new VendorRefused("notShipped", 0, order.number()), actor, origin);
		}
		for (Map.Entry<Integer, Integer> entry : received.entrySet()) {
			boolean accepted = order.lines()
				.stream()
				.anyMatch((line) -> line.line() == entry.getKey() && line.accepted());
			if (!accepted || entry.getValue() == null || entry.getValue() < 0 || entry.getValue() > VendorStock.MOST) {
				throw refused(vendor,
						new VendorRefused("receivedQuantity", entry.getKey(), String.valueOf(entry.getValue())), actor,
						origin);
			}
		}
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				update purchase_order set status = 'RECEIVED', received_by = ?, received_at = ?
				where id = ? and status = 'SHIPPED'""").params(actor, now.atOffset(ZoneOffset.UTC), id).update();
		for (PurchaseOrder.Line line : order.lines()) {
			if (line.accepted()) {
				this.jdbc.sql(
						"update purchase_order_line set received_quantity = ? where purchase_order_id = ? and line = ?")
					.params(received.getOrDefault(line.line(), 0), id, line.line())
					.update();
			}
		}
		PurchaseOrder done = find(id).orElseThrow();
		int discrepancies = (int) done.lines().stream().filter(PurchaseOrder.Line::discrepancy).count();
		this.events.publishEvent(
				new PurchaseOrderReceived(id, order.vendor(), order.number(), discrepancies, order.submittedAt(), now));
		this.events.publishEvent(new VendorChanged(actor, "partners.vendor.purchase-order.received", order.vendorName()
				+ ": " + order.number() + ((discrepancies > 0) ? " (" + discrepancies + " differ)" : ""), origin, now));
		return done;
	}

	/**
	 * The vendor's purchase orders, newest first.
	 */
	@Transactional(readOnly = true)
	public List<PurchaseOrder> of(Partner vendor) {
		return orders("where o.vendor_id = ? order by o.submitted_at desc, o.number limit 200", vendor.id());
	}

	/**
	 * The vendor's purchase order with this number; another vendor's is not found.
	 */
	@Transactional(readOnly = true)
	public Optional<PurchaseOrder> find(Partner vendor, String number) {
		return orders("where o.vendor_id = ? and o.number = ?", vendor.id(), number).stream().findFirst();
	}

	/**
	 * Every vendor's purchase orders for operations, those to receive first.
	 */
	@Transactional(readOnly = true)
	public List<PurchaseOrder> all() {
		return orders("""
				order by case o.status when 'SHIPPED' then 0 when 'ACKNOWLEDGED' then 1 else 2 end,
				o.submitted_at desc limit 200""");
	}

	@Transactional(readOnly = true)
	public Optional<PurchaseOrder> find(UUID id) {
		return orders("where o.id = ?", id).stream().findFirst();
	}

	/**
	 * The vendor's order-to-ship time over its purchase orders shipped in the last 90
	 * days.
	 */
	@Transactional(readOnly = true)
	public OrderToShip orderToShip(Partner vendor) {
		List<Duration> durations = this.jdbc.sql("""
				select submitted_at, shipped_at from purchase_order
				where vendor_id = ? and shipped_at is not null and shipped_at >= ?""")
			.params(vendor.id(), this.clock.instant().minus(Duration.ofDays(90)).atOffset(ZoneOffset.UTC))
			.query((row, n) -> Duration.between(VendorStock.instant(row, "submitted_at"),
					VendorStock.instant(row, "shipped_at")))
			.list();
		if (durations.isEmpty()) {
			return new OrderToShip(null, 0);
		}
		Duration total = durations.stream().reduce(Duration.ZERO, Duration::plus);
		return new OrderToShip(total.dividedBy(durations.size()), durations.size());
	}

	private List<PurchaseOrder> orders(String where, Object... params) {
		List<PurchaseOrder> heads = this.jdbc
			.sql("select o.*, p.name as vendor_name from purchase_order o join partner p on p.id = o.vendor_id "
					+ where)
			.params(params)
			.query(this::head)
			.list();
		List<PurchaseOrder> orders = new ArrayList<>();
		for (PurchaseOrder head : heads) {
			List<PurchaseOrder.Line> lines = this.jdbc
				.sql("select * from purchase_order_line where purchase_order_id = ? order by line")
				.param(head.id())
				.query((row, n) -> new PurchaseOrder.Line(row.getInt("line"), row.getString("sku"),
						row.getInt("quantity"), row.getBigDecimal("unit_price"), row.getString("currency"),
						row.getObject("requested_date", LocalDate.class), row.getBoolean("accepted"),
						row.getString("rejection"), (Integer) row.getObject("shipped_quantity"),
						(Integer) row.getObject("received_quantity")))
				.list();
			orders.add(new PurchaseOrder(head.id(), head.vendor(), head.vendorName(), head.number(), head.source(),
					head.status(), head.submittedBy(), head.submittedAt(), head.acknowledgedAt(), head.shipmentNumber(),
					head.shippedAt(), head.receivedAt(), lines));
		}
		return orders;
	}

	private PurchaseOrder head(ResultSet row, int n) throws SQLException {
		return new PurchaseOrder(row.getObject("id", UUID.class), row.getObject("vendor_id", UUID.class),
				row.getString("vendor_name"), row.getString("number"), row.getString("source"),
				PurchaseOrder.Status.valueOf(row.getString("status")), row.getString("submitted_by"),
				VendorStock.instant(row, "submitted_at"), VendorStock.instant(row, "acknowledged_at"),
				row.getString("shipment_number"),
				(row.getObject("shipped_at") != null) ? VendorStock.instant(row, "shipped_at") : null,
				(row.getObject("received_at") != null) ? VendorStock.instant(row, "received_at") : null, List.of());
	}

	private Partner vendor(PurchaseOrder order) {
		return new Partner(order.vendor(), Partner.Kind.VENDOR, order.vendorName(), null, order.submittedAt());
	}

	private static String text(@Nullable String value) {
		return (value != null) ? value.strip() : "";
	}

	private static @Nullable Integer quantity(String text) {
		if (!text.matches("[0-9]{1,7}")) {
			return null;
		}
		int quantity = Integer.parseInt(text);
		return (quantity >= 1 && quantity <= 1_000_000) ? quantity : null;
	}

	private static @Nullable Currency currency(String text) {
		if (!text.matches("[A-Z]{3}")) {
			return null;
		}
		try {
			return Currency.getInstance(text);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static @Nullable BigDecimal price(String text, @Nullable Currency currency) {
		if (!text.matches("[0-9]{1,12}(\\.[0-9]{1,4})?")) {
			return null;
		}
		BigDecimal price = new BigDecimal(text);
		if (currency != null && price.stripTrailingZeros().scale() > Math.max(currency.getDefaultFractionDigits(), 0)) {
			return null;
		}
		return price;
	}

	/**
	 * The day, unless it is none or one PostgreSQL cannot store (+99999-01-01 is a
	 * {@link LocalDate}).
	 */
	private static @Nullable LocalDate date(String text) {
		try {
			LocalDate date = LocalDate.parse(text);
			return (StorableTime.problem(date) == null) ? date : null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private PurchaseOrderRefused refused(Partner vendor, List<Problem> problems, String actor, String origin) {
		PurchaseOrderRefused refusal = new PurchaseOrderRefused(problems);
		Problem first = problems.getFirst();
		this.audit.refused(vendor, new VendorRefused(first.reason(), first.line(), first.value()), actor, origin);
		return refusal;
	}

	private VendorRefused refused(Partner vendor, VendorRefused refusal, String actor, String origin) {
		this.audit.refused(vendor, refusal, actor, origin);
		return refusal;
	}

}
