package io.concierge.orders;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.identity.Caller;
import io.concierge.orders.OrderDetails.Step;
import io.concierge.shared.Money;

/**
 * Finds a caller's orders. Every query is limited to the caller's own orders and those of
 * their company in its WHERE clause: someone else's order is not found, exactly like one
 * that does not exist.
 */
@Service
public class OrderQueries {

	private static final String FINISHED = "('DELIVERED', 'CANCELLED', 'RETURNED', 'PARTIALLY_RETURNED')";

	private static final String ATTENTION = "('ON_HOLD', 'DELAYED', 'DELIVERY_FAILED')";

	private static final String COLUMNS = "o.id, o.number, o.placed_at, o.updated_at, o.channel, o.status, "
			+ "o.currency, o.grand_total, o.purchase_order";

	private static final String ITEMS = """
			(select l.name from order_line l where l.order_id = o.id order by l.line_number limit 1) as first_item,
			(select count(*) from order_line l where l.order_id = o.id) as items""";

	private final JdbcClient jdbc;

	private final OrderRepository orders;

	private final OrderSearch search;

	OrderQueries(JdbcClient jdbc, OrderRepository orders, OrderSearch search) {
		this.jdbc = jdbc;
		this.orders = orders;
		this.search = search;
	}

	/**
	 * Text goes to the search index; filters alone are read from the database's indexes.
	 * @param zone the reader's time zone, in which the filter's days begin and end
	 */
	@Transactional(readOnly = true)
	public OrderPage list(Caller caller, OrderFilter filter, ZoneId zone) {
		if (filter.text() != null) {
			return search(caller, filter, zone);
		}
		StringBuilder where = new StringBuilder();
		Map<String, @Nullable Object> params = scope(caller);
		if (filter.status() != null) {
			where.append(" and o.status = :status");
			params.put("status", filter.status().name());
		}
		if (filter.channel() != null) {
			where.append(" and o.channel = :channel");
			params.put("channel", filter.channel().name());
		}
		if (filter.from() != null) {
			where.append(" and o.placed_at >= :from");
			params.put("from", filter.from().atStartOfDay(zone).toOffsetDateTime());
		}
		if (filter.to() != null) {
			where.append(" and o.placed_at < :to");
			params.put("to", filter.to().plusDays(1).atStartOfDay(zone).toOffsetDateTime());
		}
		long matching = this.jdbc
			.sql("select count(*) from (" + branches(caller,
					"select 1 from customer_order o where {scope}" + where + " limit " + (OrderPage.COUNT_LIMIT + 1))
					+ ") matching")
			.params(params)
			.query(Long.class)
			.single();
		OrderFilter.Sort sort = filter.sort();
		StringBuilder page = new StringBuilder(where);
		if (filter.after() != null) {
			OrderFilter.Cursor cursor = OrderFilter.Cursor.parse(filter.after());
			String comparison = "desc".equals(sort.direction) ? "<" : ">";
			page.append(" and (" + sort.column + ", o.id) " + comparison + " (:afterValue, :afterId)");
			params.put("afterValue", (sort == OrderFilter.Sort.NEWEST || sort == OrderFilter.Sort.OLDEST)
					? Instant.parse(cursor.value()).atOffset(ZoneOffset.UTC) : new BigDecimal(cursor.value()));
			params.put("afterId", cursor.id());
		}
		List<Row> rows = summaries(caller, page.toString(),
				sort.column + " " + sort.direction + ", o.id " + sort.direction, filter.size() + 1, params);
		String next = null;
		if (rows.size() > filter.size()) {
			rows = rows.subList(0, filter.size());
			Row last = rows.get(rows.size() - 1);
			next = new OrderFilter.Cursor((sort == OrderFilter.Sort.NEWEST || sort == OrderFilter.Sort.OLDEST)
					? last.summary().placedAt().toString() : last.summary().grandTotal().amount().toPlainString(),
					last.id())
				.text();
		}
		return new OrderPage(rows.stream().map(Row::summary).toList(), matching, next);
	}

	private OrderPage search(Caller caller, OrderFilter filter, ZoneId zone) {
		OrderSearch.Hits hits = this.search.find(caller, filter, number(filter.text()), zone);
		if (hits.ids().isEmpty()) {
			return new OrderPage(List.of(), hits.matching(), null);
		}
		Map<String, @Nullable Object> params = scope(caller);
		params.put("ids", hits.ids());
		// scoped again: the index only chose the page
		Map<UUID, Row> found = new HashMap<>();
		this.jdbc
			.sql("select " + COLUMNS + ", " + ITEMS + " from customer_order o where o.id in (:ids)"
					+ " and (o.account_id = :account or o.organisation_id = :organisation)")
			.params(params)
			.query(OrderQueries::row)
			.list()
			.forEach((row) -> found.put(row.id(), row));
		List<Row> rows = hits.ids().stream().map(found::get).filter(Objects::nonNull).toList();
		String next = null;
		if (rows.size() > filter.size()) {
			rows = rows.subList(0, filter.size());
			Row last = rows.get(rows.size() - 1);
			next = OrderSearch
				.cursor(filter.sort(), last.id(), last.summary().placedAt(), last.summary().grandTotal().amount())
				.text();
		}
		return new OrderPage(rows.stream().map(Row::summary).toList(), hits.matching(), next);
	}

	/**
	 * What the dashboard shows: orders on their way, those held up, and the latest
	 * changes, a few of each.
	 */
	@Transactional(readOnly = true)
	public OrderOverview overview(Caller caller, int few) {
		Map<String, @Nullable Object> params = scope(caller);
		long inFlight = this.jdbc
			.sql("select count(*) from (" + branches(caller,
					"select 1 from customer_order o where {scope} and o.status not in " + FINISHED + " limit "
							+ (OrderPage.COUNT_LIMIT + 1))
					+ ") open")
			.params(params)
			.query(Long.class)
			.single();
		return new OrderOverview(
				summaries(caller, " and o.status not in " + FINISHED, "o.placed_at desc, o.id desc", few, params)
					.stream()
					.map(Row::summary)
					.toList(),
				inFlight,
				summaries(caller, " and o.status in " + ATTENTION, "o.updated_at desc, o.id desc", few, params).stream()
					.map(Row::summary)
					.toList(),
				summaries(caller, "", "o.updated_at desc, o.id desc", few, params).stream().map(Row::summary).toList());
	}

	/**
	 * Orders of the caller's scope that pass the filters, in order: each branch of the
	 * scope is read in its own index's order and only the first few are merged, which
	 * stays fast for a company with millions of orders.
	 */
	private List<Row> summaries(Caller caller, String filters, String orderBy, int limit,
			Map<String, @Nullable Object> params) {
		String branch = "select " + COLUMNS + " from customer_order o where {scope}" + filters + " order by " + orderBy
				+ " limit " + limit;
		return this.jdbc
			.sql("select o.*, " + ITEMS + " from (" + branches(caller, branch) + ") o order by " + orderBy + " limit "
					+ limit)
			.params(params)
			.query(OrderQueries::row)
			.list();
	}

	/**
	 * A company's user sees the company's orders and their own others; a customer their
	 * own. Two disjoint branches, each able to use its index.
	 */
	private static String branches(Caller caller, String query) {
		if (caller.organisation() == null) {
			return "(" + query.replace("{scope}", "(o.account_id = :account) ") + ")";
		}
		return "(" + query.replace("{scope}", "(o.organisation_id = :organisation) ") + ") union all (" + query.replace(
				"{scope}",
				"(o.account_id = :account and (o.organisation_id is null or o.organisation_id <> :organisation)) ")
				+ ")";
	}

	private static Map<String, @Nullable Object> scope(Caller caller) {
		Map<String, @Nullable Object> params = new HashMap<>();
		params.put("account", caller.account());
		params.put("organisation", caller.organisation());
		return params;
	}

	/**
	 * The order a guest names by its number and the customer's email address or the
	 * delivery postal code (spaces and case do not matter). Wrong details and a missing
	 * order look the same.
	 */
	@Transactional(readOnly = true)
	public Optional<GuestOrder> guest(String number, String emailOrPostalCode) {
		String proof = emailOrPostalCode.strip();
		if (proof.isEmpty()) {
			return Optional.empty();
		}
		return this.orders.findByNumber(number(number.strip()))
			.filter((order) -> proof.equalsIgnoreCase(order.customerEmail())
					|| (order.shipTo() != null && order.shipTo().postalCode() != null
							&& postalCode(proof).equals(postalCode(order.shipTo().postalCode()))))
			.map((order) -> {
				OrderDetails details = details(order);
				return new GuestOrder(details.number(), details.placedAt(), details.status(),
						details.promisedDelivery(), details.timeline());
			});
	}

	private static String postalCode(String code) {
		return code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
	}

	/**
	 * The caller's order with this number.
	 */
	@Transactional(readOnly = true)
	public Optional<OrderDetails> find(Caller caller, String number) {
		return this.orders.findOwned(number, caller.account(), caller.organisation()).map(OrderQueries::details);
	}

	/**
	 * The version of the caller's order with this number, without reading the order: for
	 * following it. Empty when there is no such order or it is someone else's.
	 */
	public OptionalLong version(Caller caller, String number) {
		// one statement, so no transaction of its own: a stream opens with one round trip
		return this.jdbc
			.sql("select version from customer_order where number = ? and (account_id = ? or organisation_id = ?)")
			.params(number, caller.account(), caller.organisation())
			.query(Long.class)
			.optional()
			.map(OptionalLong::of)
			.orElse(OptionalLong.empty());
	}

	/**
	 * The order's version, which grows with every change; for telling whether a page
	 * missed one.
	 */
	@Transactional(readOnly = true)
	public OptionalLong version(String number) {
		return this.jdbc.sql("select version from customer_order where number = ?")
			.param(number)
			.query(Long.class)
			.optional()
			.map(OptionalLong::of)
			.orElse(OptionalLong.empty());
	}

	static OrderDetails details(Order order) {
		Map<Integer, String> names = new HashMap<>();
		List<OrderDetails.Line> lines = new ArrayList<>();
		for (OrderLine line : order.lines()) {
			names.put(line.number(), line.name());
			lines.add(new OrderDetails.Line(line.number(), line.sku(), line.name(), line.quantity(),
					order.money(line.unitPrice()), order.money(line.discount()), order.money(line.tax()),
					line.status()));
		}
		List<OrderDetails.ShipmentView> shipments = order.shipments()
			.stream()
			.map((shipment) -> new OrderDetails.ShipmentView(shipment.carrier(), shipment.service(),
					shipment.trackingNumber(), Carriers.trackingUrl(shipment.carrier(), shipment.trackingNumber()),
					shipment.promisedDelivery(), shipment.shippedAt(),
					shipment.items()
						.stream()
						.map((item) -> new OrderDetails.ShipmentView.Item(names.get(item.line()), item.quantity()))
						.toList(),
					shipment.stage(), shipment.carrierEstimate(), shipment.lastLocation(), shipment.signedBy(),
					shipment.checkpoints()
						.stream()
						.map((checkpoint) -> new OrderDetails.ShipmentView.Checkpoint(checkpoint.occurredAt(),
								checkpoint.stage(), checkpoint.description(), checkpoint.location()))
						.toList(),
					(shipment.stage() != null && shipment.stage().isFinal()) ? null : shipment.estimate(),
					(shipment.stage() != null && shipment.stage().isFinal()) ? null : shipment.alert()))
			.toList();
		LocalDate promised = order.shipments()
			.stream()
			.filter((shipment) -> shipment.promisedDelivery() != null)
			.map(Shipment::promisedDelivery)
			.max(Comparator.naturalOrder())
			.orElse(null);
		List<OrderDetails.Event> history = order.history()
			.reversed()
			.stream()
			.map((entry) -> new OrderDetails.Event(entry.status(),
					(entry.lineNumber() != null) ? List.of(names.get(entry.lineNumber())) : List.of(),
					entry.occurredAt(), entry.note()))
			.toList();
		return new OrderDetails(order.number(), order.channel(), order.externalReference(), order.purchaseOrder(),
				order.placedAt(), order.status(), lines, order.shipTo(), order.billTo(), order.totals(), order.notes(),
				shipments, order.status().isOpen() ? promised : null, timeline(order), history, order.version());
	}

	/**
	 * Each stage with when the first line reached it; the current one is where the least
	 * advanced line still on its way is.
	 */
	private static List<Step> timeline(Order order) {
		Map<LineStatus, Instant> reached = new HashMap<>();
		for (HistoryEntry entry : order.history()) {
			if (entry.status().isStage()) {
				reached.merge(entry.status(), entry.occurredAt(), (a, b) -> a.isBefore(b) ? a : b);
			}
		}
		LineStatus current = order.lines()
			.stream()
			.filter((line) -> !line.status().isFinal())
			.map(OrderLine::stage)
			.reduce((a, b) -> a.isAfter(b) ? b : a)
			.orElse(null);
		List<Step> steps = new ArrayList<>();
		for (LineStatus stage : LineStatus.stages()) {
			Step.State state;
			if (current == null) {
				state = reached.containsKey(stage) ? Step.State.DONE : Step.State.TO_COME;
			}
			else if (stage == current) {
				state = Step.State.CURRENT;
			}
			else {
				state = current.isAfter(stage) ? Step.State.DONE : Step.State.TO_COME;
			}
			steps.add(new Step(stage, reached.get(stage), state));
		}
		return steps;
	}

	/**
	 * "C-100045", "c100045" and "100045" all name order C-100045.
	 */
	private static String number(String text) {
		String digits = text.replaceAll("(?i)^c-?", "");
		return digits.matches("\\d+") ? "C-" + digits : text;
	}

	private static Row row(ResultSet rs, int number) throws SQLException {
		Currency currency = Currency.getInstance(rs.getString("currency"));
		return new Row(rs.getObject("id", UUID.class),
				new OrderSummary(rs.getString("number"), rs.getObject("placed_at", OffsetDateTime.class).toInstant(),
						Channel.valueOf(rs.getString("channel")), OrderStatus.valueOf(rs.getString("status")),
						new Money(rs.getBigDecimal("grand_total").stripTrailingZeros(), currency),
						rs.getString("first_item"), rs.getInt("items"), rs.getString("purchase_order")));
	}

	private record Row(UUID id, OrderSummary summary) {

	}

}
