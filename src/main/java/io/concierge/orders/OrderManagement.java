package io.concierge.orders;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.shared.NotFound;

/**
 * Places orders and moves them along: the one way into and through the order model for
 * the channels, the fulfilment feed and the order changes customers make.
 */
@Service
public class OrderManagement {

	private final OrderRepository orders;

	private final JdbcClient jdbc;

	private final OrderChanges changes;

	OrderManagement(OrderRepository orders, JdbcClient jdbc, OrderChanges changes) {
		this.orders = orders;
		this.jdbc = jdbc;
		this.changes = changes;
	}

	/**
	 * Places an order, or finds the one placed already from the same channel with the
	 * same external reference.
	 * @return its number
	 */
	@Transactional
	public String place(NewOrder order) {
		if (order.externalReference() != null) {
			var existing = this.orders.findByChannelAndExternalReference(order.channel(), order.externalReference());
			if (existing.isPresent()) {
				return existing.get().number();
			}
		}
		long next = this.jdbc.sql("select nextval('order_number_seq')").query(Long.class).single();
		String number = this.orders.save(Order.place("C-" + next, order)).number();
		order.lines().forEach((line) -> {
			products(this.jdbc, line.sku(), line.name());
			if (line.variant() != null) {
				variant(line.sku(), line.name(), line.variant());
			}
		});
		this.changes.changed(number);
		return number;
	}

	/**
	 * Applies news about an order. What is older than what is known already changes
	 * nothing.
	 * @return the line numbers that moved
	 * @throws NotFound when there is no such order
	 * @throws OrderChangeRefused when a line cannot go there
	 * @throws IllegalArgumentException when a SKU is not on the order or a shipment holds
	 * more than was ordered
	 */
	@Transactional
	public List<Integer> apply(FulfilmentUpdate update) {
		Order order = this.orders.findByNumber(update.orderNumber())
			.orElseThrow(() -> new NotFound("order " + update.orderNumber()));
		List<Integer> moved;
		if (update.status() == LineStatus.SHIPPED) {
			moved = ship(order, update);
		}
		else {
			moved = order.move(update.status(), lineNumbers(order, update.lines()), update.occurredAt(), update.note());
		}
		this.orders.save(order);
		if (!moved.isEmpty() || update.status() == LineStatus.SHIPPED) {
			this.changes.changed(order.number());
		}
		return moved;
	}

	/**
	 * The order with this number, whoever it belongs to: for staff and integrations,
	 * never for customers (they use {@link OrderQueries}).
	 */
	@Transactional(readOnly = true)
	public OrderDetails details(String number) {
		return this.orders.findByNumber(number)
			.map(OrderQueries::details)
			.orElseThrow(() -> new NotFound("order " + number));
	}

	/**
	 * Who hears about the order: its customer's account, or the email address the channel
	 * gave.
	 */
	public record Recipient(@org.jspecify.annotations.Nullable UUID account,
			@org.jspecify.annotations.Nullable String email) {

	}

	@Transactional(readOnly = true)
	public Recipient recipient(String number) {
		return this.orders.findByNumber(number)
			.map((order) -> new Recipient(order.accountId(), order.customerEmail()))
			.orElseThrow(() -> new NotFound("order " + number));
	}

	/**
	 * What billing invoices an order from: the order as the channel stated it, whose it
	 * is, and what each parcel held.
	 *
	 * @param shipments the parcels by id
	 */
	public record Billable(OrderDetails order, @org.jspecify.annotations.Nullable UUID account,
			@org.jspecify.annotations.Nullable UUID organisation, @org.jspecify.annotations.Nullable String email,
			Map<UUID, Parcel> shipments) {

	}

	/**
	 * @param units how many units of each line (by number) it held
	 */
	public record Parcel(java.time.Instant shippedAt, Map<Integer, Integer> units) {

	}

	@Transactional(readOnly = true)
	public Billable billable(String number) {
		Order order = this.orders.findByNumber(number).orElseThrow(() -> new NotFound("order " + number));
		Map<UUID, Parcel> shipments = new LinkedHashMap<>();
		for (Shipment shipment : order.shipments()) {
			Map<Integer, Integer> units = new LinkedHashMap<>();
			shipment.items().forEach((item) -> units.merge(item.line(), item.quantity(), Integer::sum));
			shipments.put(shipment.id(), new Parcel(shipment.shippedAt(), units));
		}
		return new Billable(OrderQueries.details(order), order.accountId(), order.organisationId(),
				order.customerEmail(), shipments);
	}

	/**
	 * The numbers of a customer's or a company's newest orders.
	 */
	@Transactional(readOnly = true)
	public List<String> newest(@org.jspecify.annotations.Nullable UUID account,
			@org.jspecify.annotations.Nullable UUID organisation, int most) {
		return this.jdbc.sql("""
				select number from customer_order where (account_id = ? and organisation_id is null)
				or organisation_id = ? order by placed_at desc limit ?""")
			.params(account, organisation, most)
			.query(String.class)
			.list();
	}

	/**
	 * The SKUs no order has held yet.
	 */
	@Transactional(readOnly = true)
	public Set<String> unknownSkus(Collection<String> skus) {
		Set<String> unknown = new HashSet<>(skus);
		if (!unknown.isEmpty()) {
			unknown.removeAll(this.jdbc.sql("select sku from order_product where sku in (:skus)")
				.param("skus", unknown)
				.query(String.class)
				.list());
		}
		return unknown;
	}

	/**
	 * What the company's orders still on their way are worth in this currency: what its
	 * credit is used by.
	 */
	@Transactional(readOnly = true)
	public BigDecimal openValue(UUID organisation, String currency) {
		return this.jdbc.sql("""
				select coalesce(sum(grand_total), 0) from customer_order
				where organisation_id = ? and currency = ?
				and status not in ('DELIVERED', 'CANCELLED', 'RETURNED', 'PARTIALLY_RETURNED')""")
			.params(organisation, currency)
			.query(BigDecimal.class)
			.single();
	}

	/**
	 * Whether the company has an order with this purchase order number already.
	 */
	@Transactional(readOnly = true)
	public boolean purchaseOrderUsed(UUID organisation, String purchaseOrder) {
		return this.jdbc
			.sql("select exists (select 1 from customer_order where organisation_id = ? and purchase_order = ?)")
			.params(organisation, purchaseOrder)
			.query(Boolean.class)
			.single();
	}

	private List<Integer> ship(Order order, FulfilmentUpdate update) {
		Map<Integer, Integer> quantities = new LinkedHashMap<>();
		if (update.lines().isEmpty()) {
			for (OrderLine line : order.lines()) {
				if (!line.stage().hasShipped() && !line.status().isFinal()) {
					quantities.put(line.number(), order.cancellable(line));
				}
			}
		}
		for (FulfilmentUpdate.LineRef ref : update.lines()) {
			for (int number : lines(order, ref.sku())) {
				OrderLine line = order.lines().get(number - 1);
				quantities.put(number, (ref.quantity() != null) ? ref.quantity() : order.cancellable(line));
			}
		}
		if (quantities.isEmpty()) {
			return List.of();
		}
		List<Integer> before = shippedLines(order);
		order.ship(update.carrier(), update.service(), update.trackingNumber(), update.promisedDelivery(), quantities,
				update.occurredAt());
		List<Integer> moved = new ArrayList<>(shippedLines(order));
		moved.removeAll(before);
		return moved;
	}

	/**
	 * Remembers what the channel says a SKU is; the flags an administrator set stay.
	 */
	private void variant(String sku, String name, NewOrder.Variant variant) {
		this.jdbc.sql("""
				insert into product_variant (sku, product, variant, name) values (?, ?, ?, ?)
				on conflict (sku) do update set product = excluded.product, variant = excluded.variant,
				name = excluded.name""").params(sku, variant.product(), variant.label(), name).update();
	}

	/**
	 * Remembers a product for the order search.
	 */
	static void products(JdbcClient jdbc, String sku, String name) {
		jdbc.sql("insert into order_product (sku, name) values (?, ?) on conflict do nothing")
			.params(sku, name)
			.update();
	}

	private static List<Integer> shippedLines(Order order) {
		return order.lines().stream().filter((line) -> line.stage().hasShipped()).map(OrderLine::number).toList();
	}

	private static List<Integer> lineNumbers(Order order, List<FulfilmentUpdate.LineRef> refs) {
		List<Integer> numbers = new ArrayList<>();
		refs.forEach((ref) -> numbers.addAll(lines(order, ref.sku())));
		return numbers;
	}

	private static List<Integer> lines(Order order, String sku) {
		List<Integer> numbers = order.linesWithSku(sku);
		if (numbers.isEmpty()) {
			throw new IllegalArgumentException("Order " + order.number() + " has no line with SKU " + sku);
		}
		return numbers;
	}

}
