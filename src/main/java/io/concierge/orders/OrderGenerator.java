package io.concierge.orders;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import org.hibernate.search.mapper.orm.Search;
import org.hibernate.search.mapper.orm.work.SearchIndexingPlan;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.orders.NewOrder.NewLine;
import io.concierge.shared.EmailAddress;
import io.concierge.shared.Money;

/**
 * Makes realistic orders in bulk, for the demo and for benchmarks: each one is placed and
 * moved along by the {@link Order} aggregate itself, so its lines, shipments, history and
 * status agree, then written with PostgreSQL's COPY, which loads a million orders in
 * minutes.
 */
@Component
class OrderGenerator {

	private static final int CHUNK = 5_000;

	private static final List<Product> CATALOGUE = List.of(new Product("MUG-01", "Stoneware mug", "12.50"),
			new Product("POT-07", "Cast iron teapot", "45.00"), new Product("KTL-02", "Stovetop kettle", "39.90"),
			new Product("TEA-20", "Darjeeling first flush tea", "14.20"),
			new Product("CUP-11", "Porcelain espresso cups, set of 4", "28.00"),
			new Product("GRN-03", "Burr coffee grinder", "89.00"),
			new Product("FLT-05", "Pour-over filter papers", "6.40"),
			new Product("BRD-09", "Olive wood bread board", "34.50"), new Product("KNF-14", "Santoku knife", "72.00"),
			new Product("TWL-30", "Linen tea towels, pair", "19.90"),
			new Product("JAR-08", "Glass storage jar", "9.80"), new Product("SCL-04", "Digital kitchen scale", "24.90"),
			new Product("PAN-12", "Carbon steel frying pan", "54.00"),
			new Product("APR-06", "Waxed canvas apron", "42.00"), new Product("CAN-15", "Beeswax candle", "16.00"),
			new Product("BWL-21", "Hand-thrown serving bowl", "38.00"),
			new Product("SPN-17", "Wooden spoon set", "15.50"),
			new Product("OIL-10", "Cold-pressed olive oil, 1 l", "21.00"),
			new Product("CHO-18", "Dark chocolate, 70 %", "4.90"),
			new Product("NAP-22", "Cotton napkins, set of 6", "26.00"));

	private static final List<String> CARRIERS = List.of("DHL", "UPS", "DPD", "GLS");

	private static final List<Address> ADDRESSES = List.of(
			new Address("Alex Morgan", "12 Harbour Street\nFlat 3", "BS1 4RN", "Bristol", null, "GB"),
			new Address("Jana Keller", "Nordwind Trading GmbH\nAm Sandtorkai 41", "20457", "Hamburg", null, "DE"),
			new Address("Léa Dubois", "8 rue des Lilas", "69003", "Lyon", null, "FR"),
			new Address("Sam Okafor", "400 Market Street\nSuite 12", "94105", "San Francisco", "CA", "US"));

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final EntityManager entityManager;

	OrderGenerator(DataSource dataSource, JdbcClient jdbc, EntityManager entityManager) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.entityManager = entityManager;
	}

	/**
	 * Generates orders placed over the year before {@code now}: older ones delivered (a
	 * few cancelled or returned), recent ones at every stage, some held up.
	 * @param seed the same seed makes the same orders (apart from ids and numbers)
	 */
	@Transactional
	public void generate(int count, @Nullable UUID account, @Nullable UUID organisation, @Nullable EmailAddress email,
			Instant now, long seed) {
		Random random = new Random(seed);
		for (int done = 0; done < count; done += CHUNK) {
			int size = Math.min(CHUNK, count - done);
			long last = this.jdbc.sql("select setval('order_number_seq', nextval('order_number_seq') + ? - 1)")
				.param(size)
				.query(Long.class)
				.single();
			List<Order> orders = new ArrayList<>(size);
			for (int i = 0; i < size; i++) {
				orders.add(order("C-" + (last - size + 1 + i), account, organisation, email, now, random));
			}
			copy(orders);
			// rows written by COPY pass Hibernate Search by: index the orders in hand
			SearchIndexingPlan index = Search.session(this.entityManager).indexingPlan();
			orders.forEach(index::addOrUpdate);
			index.execute();
			orders.stream()
				.flatMap((order) -> order.lines().stream())
				.map((line) -> List.of(line.sku(), line.name()))
				.distinct()
				.forEach((product) -> OrderManagement.products(this.jdbc, product.get(0), product.get(1)));
		}
	}

	private static Order order(String number, @Nullable UUID account, @Nullable UUID organisation,
			@Nullable EmailAddress email, Instant now, Random random) {
		// recent orders are more frequent than old ones
		double age = Math.pow(random.nextDouble(), 2) * 365;
		Instant placed = now.minus(Duration.ofMinutes((long) (age * 24 * 60)));
		Channel channel = (organisation != null)
				? List.of(Channel.EDI, Channel.CSV, Channel.PORTAL, Channel.EDI).get(random.nextInt(4))
				: List.of(Channel.WEB_SHOP, Channel.WEB_SHOP, Channel.MARKETPLACE, Channel.POINT_OF_SALE)
					.get(random.nextInt(4));
		String currency = (organisation != null) ? "EUR" : "GBP";
		List<NewLine> lines = new ArrayList<>();
		BigDecimal subtotal = BigDecimal.ZERO;
		BigDecimal taxes = BigDecimal.ZERO;
		int count = 1 + random.nextInt((organisation != null) ? 6 : 3);
		List<Product> products = new ArrayList<>(CATALOGUE);
		for (int i = 0; i < count; i++) {
			Product product = products.remove(random.nextInt(products.size()));
			int quantity = (organisation != null) ? 5 * (1 + random.nextInt(20)) : 1 + random.nextInt(3);
			BigDecimal price = new BigDecimal(product.price());
			BigDecimal net = price.multiply(BigDecimal.valueOf(quantity));
			BigDecimal tax = net.multiply(new BigDecimal("0.20")).setScale(2, RoundingMode.HALF_UP);
			subtotal = subtotal.add(net);
			taxes = taxes.add(tax);
			lines.add(new NewLine(product.sku(), product.name(), quantity, money(price, currency),
					money(BigDecimal.ZERO, currency), money(tax, currency)));
		}
		BigDecimal shipping = (subtotal.compareTo(new BigDecimal("50")) >= 0) ? BigDecimal.ZERO
				: new BigDecimal("4.95");
		Address address = (organisation != null) ? ADDRESSES.get(1) : ADDRESSES.get(random.nextInt(ADDRESSES.size()));
		NewOrder placedOrder = new NewOrder(channel, channel.name().toLowerCase() + "-" + UUID.randomUUID(),
				(organisation != null) ? "PO-45" + (10_000_000 + random.nextInt(89_999_999)) : null, account,
				organisation, placed, lines, address, address,
				new Totals(money(subtotal, currency), money(BigDecimal.ZERO, currency), money(taxes, currency),
						money(shipping, currency), money(subtotal.add(taxes).add(shipping), currency)),
				null, email);
		Order order = Order.place(number, placedOrder);
		advance(order, age, placed, now, random);
		return order;
	}

	/**
	 * Moves the order as far as its age and a little chance allow.
	 */
	private static void advance(Order order, double ageInDays, Instant placed, Instant now, Random random) {
		double fate = random.nextDouble();
		Instant at = placed;
		if (fate < 0.03 && ageInDays > 0.2) {
			order.move(LineStatus.CANCELLED, List.of(), at.plus(Duration.ofHours(2)),
					"Cancelled at the customer's request");
			return;
		}
		LineStatus[] stages = { LineStatus.CONFIRMED, LineStatus.PICKING, LineStatus.PACKED, LineStatus.SHIPPED,
				LineStatus.IN_TRANSIT, LineStatus.OUT_FOR_DELIVERY, LineStatus.DELIVERED };
		double[] hoursAfterPlacing = { 0.2, 6, 14, 20, 30, 60, 66 };
		for (int i = 0; i < stages.length; i++) {
			Instant next = placed
				.plus(Duration.ofMinutes((long) (hoursAfterPlacing[i] * 60 * (0.7 + random.nextDouble()))));
			if (next.isAfter(now)) {
				if (fate > 0.93 && i > 0) {
					LineStatus trouble = stages[i - 1].hasShipped() ? LineStatus.DELAYED : LineStatus.ON_HOLD;
					order.move(trouble, List.of(), at.plusSeconds(600), null);
				}
				return;
			}
			at = next;
			if (stages[i] == LineStatus.SHIPPED) {
				Map<Integer, Integer> all = new LinkedHashMap<>();
				order.lines().forEach((line) -> all.put(line.number(), line.quantity()));
				String carrier = CARRIERS.get(random.nextInt(CARRIERS.size()));
				order.ship(carrier, "Standard",
						String.valueOf(1_000_000_000L + (long) (random.nextDouble() * 8_999_999_999L)),
						LocalDate.ofInstant(at, ZoneOffset.UTC).plusDays(3), all, at);
			}
			else {
				order.move(stages[i], List.of(), at, null);
			}
		}
		if (fate > 0.97) {
			order.move(LineStatus.RETURNED, List.of(1), at.plus(Duration.ofDays(5)),
					"Returned: did not fit the kitchen");
		}
	}

	private static Money money(BigDecimal amount, String currency) {
		return new Money(amount, Currency.getInstance(currency));
	}

	private void copy(List<Order> orders) {
		Copy customerOrder = new Copy();
		Copy lines = new Copy();
		Copy shipments = new Copy();
		Copy shipmentLines = new Copy();
		Copy history = new Copy();
		for (Order order : orders) {
			Totals totals = order.totals();
			customerOrder.row(order.id(), 0, order.number(), order.channel(), order.externalReference(),
					order.purchaseOrder(), order.accountId(), order.organisationId(), order.placedAt(),
					totals.grandTotal().currency().getCurrencyCode(), totals.subtotal().amount(),
					totals.discounts().amount(), totals.taxes().amount(), totals.shipping().amount(),
					totals.grandTotal().amount(), order.shipTo().name(), order.shipTo().lines(),
					order.shipTo().postalCode(), order.shipTo().city(), order.shipTo().region(),
					order.shipTo().country(), order.billTo().name(), order.billTo().lines(),
					order.billTo().postalCode(), order.billTo().city(), order.billTo().region(),
					order.billTo().country(), order.notes(), order.status(), order.updatedAt(), order.customerEmail());
			for (OrderLine line : order.lines()) {
				lines.row(line.id(), order.id(), line.number(), line.sku(), line.name(), line.quantity(),
						line.unitPrice(), line.discount(), line.tax(), line.status(), line.stage(), line.changedAt());
			}
			for (Shipment shipment : order.shipments()) {
				shipments.row(shipment.id(), order.id(), shipment.carrier(), shipment.service(),
						shipment.trackingNumber(), shipment.promisedDelivery(), shipment.shippedAt());
				for (Shipment.Item item : shipment.items()) {
					shipmentLines.row(shipment.id(), item.line(), item.quantity());
				}
			}
			for (HistoryEntry entry : order.history()) {
				history.row(order.id(), entry.lineNumber(), entry.status(), entry.occurredAt(), entry.note());
			}
		}
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			var copier = connection.unwrap(PGConnection.class).getCopyAPI();
			copier.copyIn("copy customer_order (id, version, number, channel, external_reference, purchase_order, "
					+ "account_id, organisation_id, placed_at, currency, subtotal, discounts, taxes, shipping, "
					+ "grand_total, ship_name, ship_lines, ship_postal_code, ship_city, ship_region, ship_country, "
					+ "bill_name, bill_lines, bill_postal_code, bill_city, bill_region, bill_country, notes, status, "
					+ "updated_at, customer_email) from stdin", customerOrder.reader());
			copier.copyIn("copy order_line (id, order_id, line_number, sku, name, quantity, unit_price, discount, tax, "
					+ "status, stage, changed_at) from stdin", lines.reader());
			copier.copyIn("copy shipment (id, order_id, carrier, service, tracking_number, promised_delivery, "
					+ "shipped_at) from stdin", shipments.reader());
			copier.copyIn("copy shipment_line (shipment_id, line_number, quantity) from stdin", shipmentLines.reader());
			copier.copyIn("copy order_history (order_id, line_number, status, occurred_at, note) from stdin",
					history.reader());
		}
		catch (SQLException | IOException ex) {
			throw new IllegalStateException("Could not write generated orders", ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	private record Product(String sku, String name, String price) {

	}

	/**
	 * Rows in COPY's text format.
	 */
	private static final class Copy {

		private final StringBuilder text = new StringBuilder();

		void row(@Nullable Object... values) {
			for (int i = 0; i < values.length; i++) {
				if (i > 0) {
					this.text.append('\t');
				}
				this.text.append(value(values[i]));
			}
			this.text.append('\n');
		}

		private static String value(@Nullable Object value) {
			if (value == null) {
				return "\\N";
			}
			String text = (value instanceof BigDecimal decimal) ? decimal.toPlainString() : value.toString();
			return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
		}

		StringReader reader() {
			return new StringReader(this.text.toString());
		}

	}

}
