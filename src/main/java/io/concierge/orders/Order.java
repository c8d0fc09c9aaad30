package io.concierge.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.mapper.pojo.automaticindexing.ReindexOnUpdate;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.GenericField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.IndexedEmbedded;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.IndexingDependency;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.ScaledNumberField;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.AbstractAggregateRoot;

import io.concierge.orders.OrderEvents.OrderCancelled;
import io.concierge.orders.OrderEvents.OrderDelivered;
import io.concierge.orders.OrderEvents.OrderLinesMoved;
import io.concierge.orders.OrderEvents.OrderPlaced;
import io.concierge.orders.OrderEvents.OrderShipped;
import io.concierge.orders.OrderEvents.OrderStatusChanged;
import io.concierge.shared.Money;

/**
 * The canonical order: whichever channel it came from, this is what the portal shows and
 * what moves. Its lines move through their lifecycle only through the methods here, which
 * refuse illegal moves before changing anything and register what happened.
 * <p>
 * Indexed for search (see {@link OrderSearch}) with what a customer looks for and what
 * scopes and sorts a search.
 */
@Entity
@Table(name = "customer_order")
@Indexed(index = "orders")
class Order extends AbstractAggregateRoot<Order> {

	@Id
	@KeywordField(name = "key", sortable = Sortable.YES)
	private UUID id;

	@Version
	private @Nullable Long version; // null until stored: how Spring Data tells a new
									// order from a known one

	@KeywordField
	private String number;

	@Enumerated(EnumType.STRING)
	@KeywordField
	private Channel channel;

	@KeywordField
	private @Nullable String externalReference;

	@KeywordField
	private @Nullable String purchaseOrder;

	@KeywordField
	private @Nullable UUID accountId;

	@KeywordField
	private @Nullable UUID organisationId;

	@GenericField(sortable = Sortable.YES)
	private Instant placedAt;

	private String currency;

	private BigDecimal subtotal;

	private BigDecimal discounts;

	private BigDecimal taxes;

	private BigDecimal shipping;

	@ScaledNumberField(decimalScale = 4, sortable = Sortable.YES)
	private BigDecimal grandTotal;

	@Embedded
	@AttributeOverrides({ @AttributeOverride(name = "name", column = @Column(name = "ship_name")),
			@AttributeOverride(name = "lines", column = @Column(name = "ship_lines")),
			@AttributeOverride(name = "postalCode", column = @Column(name = "ship_postal_code")),
			@AttributeOverride(name = "city", column = @Column(name = "ship_city")),
			@AttributeOverride(name = "region", column = @Column(name = "ship_region")),
			@AttributeOverride(name = "country", column = @Column(name = "ship_country")) })
	private @Nullable Address shipTo;

	@Embedded
	@AttributeOverrides({ @AttributeOverride(name = "name", column = @Column(name = "bill_name")),
			@AttributeOverride(name = "lines", column = @Column(name = "bill_lines")),
			@AttributeOverride(name = "postalCode", column = @Column(name = "bill_postal_code")),
			@AttributeOverride(name = "city", column = @Column(name = "bill_city")),
			@AttributeOverride(name = "region", column = @Column(name = "bill_region")),
			@AttributeOverride(name = "country", column = @Column(name = "bill_country")) })
	private @Nullable Address billTo;

	private @Nullable String notes;

	private @Nullable String customerEmail;

	@Embedded
	@AttributeOverrides({ @AttributeOverride(name = "safePlace", column = @Column(name = "delivery_safe_place")),
			@AttributeOverride(name = "neighbour", column = @Column(name = "delivery_neighbour")),
			@AttributeOverride(name = "window", column = @Column(name = "delivery_window")),
			@AttributeOverride(name = "date", column = @Column(name = "delivery_date")) })
	private @Nullable DeliveryPreferences delivery;

	@Enumerated(EnumType.STRING)
	@KeywordField
	private OrderStatus status;

	@GenericField(sortable = Sortable.YES, projectable = Projectable.YES)
	private Instant updatedAt;

	@OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
	@JoinColumn(name = "order_id", nullable = false)
	@OrderBy("number")
	@IndexedEmbedded(includePaths = { "sku", "name" })
	@IndexingDependency(reindexOnUpdate = ReindexOnUpdate.SHALLOW) // SKUs and names never
																	// change
	private List<OrderLine> lines = new ArrayList<>();

	@OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
	@JoinColumn(name = "order_id", nullable = false)
	@OrderBy("shippedAt")
	private List<Shipment> shipments = new ArrayList<>();

	@OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
	@JoinColumn(name = "order_id", nullable = false)
	@OrderBy("occurredAt, id")
	private List<HistoryEntry> history = new ArrayList<>();

	protected Order() {
	}

	private Order(String number, NewOrder order) {
		this.id = UUID.randomUUID();
		this.number = number;
		this.channel = order.channel();
		this.externalReference = order.externalReference();
		this.purchaseOrder = order.purchaseOrder();
		this.accountId = order.account();
		this.organisationId = order.organisation();
		this.placedAt = order.placedAt();
		Totals totals = order.totals();
		this.currency = totals.grandTotal().currency().getCurrencyCode();
		this.subtotal = totals.subtotal().amount();
		this.discounts = totals.discounts().amount();
		this.taxes = totals.taxes().amount();
		this.shipping = totals.shipping().amount();
		this.grandTotal = totals.grandTotal().amount();
		this.shipTo = order.shipTo();
		this.billTo = order.billTo();
		this.notes = order.notes();
		this.customerEmail = (order.customerEmail() != null) ? order.customerEmail().value() : null;
		int lineNumber = 1;
		for (NewOrder.NewLine line : order.lines()) {
			if (!line.unitPrice().currency().equals(totals.grandTotal().currency())) {
				throw new IllegalArgumentException("Line " + lineNumber + " is not in the order's currency");
			}
			this.lines.add(new OrderLine(lineNumber++, line, order.placedAt()));
		}
		this.status = OrderStatus.PLACED;
		this.updatedAt = order.placedAt();
		this.history.add(new HistoryEntry(null, LineStatus.PLACED, order.placedAt(), null));
	}

	static Order place(String number, NewOrder order) {
		Order placed = new Order(number, order);
		placed.registerEvent(new OrderPlaced(placed.id, number, placed.channel, placed.accountId, placed.organisationId,
				placed.placedAt));
		return placed;
	}

	/**
	 * Moves lines to a status.
	 * @param lineNumbers the lines, from 1; empty for every line
	 * @param note the warehouse's or carrier's words, shown on the timeline
	 * @return the lines that moved; lines that are there or further already, or for which
	 * the news is older than what is known, stay
	 * @throws OrderChangeRefused when a line cannot go there; then no line moves
	 * @throws IllegalArgumentException when the order has no such line
	 */
	List<Integer> move(LineStatus to, Collection<Integer> lineNumbers, Instant at, @Nullable String note) {
		List<OrderLine> selected = select(lineNumbers);
		List<OrderLine> moving = new ArrayList<>();
		for (OrderLine line : selected) {
			switch (line.check(to, at)) {
				case MOVED -> moving.add(line);
				case REFUSED -> throw new OrderChangeRefused(this.number, line.number(), line.status(), to);
				case STALE -> {
				}
			}
		}
		if (moving.isEmpty()) {
			return List.of();
		}
		moving.forEach((line) -> line.moveTo(to, at));
		List<Integer> moved = moving.stream().map(OrderLine::number).toList();
		boolean everyLine = moving.size() == this.lines.size();
		if (everyLine) {
			this.history.add(new HistoryEntry(null, to, at, note));
		}
		else {
			moved.forEach((line) -> this.history.add(new HistoryEntry(line, to, at, note)));
		}
		registerEvent(new OrderLinesMoved(this.id, this.number, moved, to, note, at));
		if (to == LineStatus.CANCELLED) {
			registerEvent(new OrderCancelled(this.id, this.number, moved, note, at));
		}
		updateStatus(at);
		return moved;
	}

	/**
	 * Records a parcel and moves the lines it completes to shipped.
	 * @param quantities how many of each line (by number) are in it
	 * @throws IllegalArgumentException when a line does not exist or more would have
	 * shipped than were ordered
	 * @throws OrderChangeRefused when a line was cancelled
	 */
	Shipment ship(String carrier, @Nullable String service, @Nullable String trackingNumber,
			@Nullable LocalDate promisedDelivery, Map<Integer, Integer> quantities, Instant at) {
		List<Shipment.Item> items = new ArrayList<>();
		List<Integer> complete = new ArrayList<>();
		for (OrderLine line : select(quantities.keySet())) {
			int quantity = quantities.get(line.number());
			int before = shipped(line.number());
			if (quantity < 1 || before + quantity > line.activeQuantity()) {
				throw new IllegalArgumentException("Line " + line.number() + " has " + line.activeQuantity()
						+ " ordered and " + before + " shipped: " + quantity + " more is too many");
			}
			if (line.check(LineStatus.SHIPPED, at) == OrderLine.Move.REFUSED) {
				throw new OrderChangeRefused(this.number, line.number(), line.status(), LineStatus.SHIPPED);
			}
			items.add(new Shipment.Item(line.number(), quantity));
			if (before + quantity == line.activeQuantity()) {
				complete.add(line.number());
			}
		}
		Shipment shipment = new Shipment(carrier, service, trackingNumber, promisedDelivery, at, items);
		this.shipments.add(shipment);
		registerEvent(new OrderShipped(this.id, this.number, shipment.id(), carrier, trackingNumber, promisedDelivery,
				items.stream().map(Shipment.Item::line).toList(), at));
		if (!complete.isEmpty()) {
			move(LineStatus.SHIPPED, complete, at, carrier + (trackingNumber != null ? " " + trackingNumber : ""));
		}
		return shipment;
	}

	/**
	 * Cancels units of lines, all or some, that have not shipped. A line with no unit
	 * left is cancelled; one whose units left have all shipped moves to shipped.
	 * @param units how many of each line (by number)
	 * @throws OrderChangeRefused when a line cannot be cancelled; then nothing changes
	 * @throws IllegalArgumentException when a line does not exist or has fewer units that
	 * have not shipped
	 */
	void cancelUnits(Map<Integer, Integer> units, Instant at, @Nullable String note) {
		List<OrderLine> chosen = select(units.keySet());
		for (OrderLine line : chosen) {
			if (line.check(LineStatus.CANCELLED, at) == OrderLine.Move.REFUSED) {
				throw new OrderChangeRefused(this.number, line.number(), line.status(), LineStatus.CANCELLED);
			}
			int count = units.get(line.number());
			if (count < 1 || count > cancellable(line)) {
				throw new IllegalArgumentException(
						"Line " + line.number() + " has " + cancellable(line) + " units to cancel, not " + count);
			}
		}
		List<Integer> whole = new ArrayList<>();
		List<Integer> shippedNow = new ArrayList<>();
		for (OrderLine line : chosen) {
			int count = units.get(line.number());
			line.cancelUnits(count);
			if (line.activeQuantity() == 0) {
				whole.add(line.number());
			}
			else {
				this.history.add(new HistoryEntry(line.number(), LineStatus.CANCELLED, at,
						count + "/" + line.quantity() + ((note != null) ? " · " + note : "")));
				if (shipped(line.number()) == line.activeQuantity()) {
					shippedNow.add(line.number());
				}
			}
		}
		if (!whole.isEmpty()) {
			move(LineStatus.CANCELLED, whole, at, note);
		}
		if (!shippedNow.isEmpty()) {
			move(LineStatus.SHIPPED, shippedNow, at, null);
		}
		updateStatus(at);
	}

	/**
	 * Takes back returned units; a line with every delivered unit back is returned.
	 */
	void returnUnits(Map<Integer, Integer> units, Instant at, @Nullable String note) {
		List<OrderLine> chosen = select(units.keySet());
		List<Integer> whole = new ArrayList<>();
		for (OrderLine line : chosen) {
			int count = units.get(line.number());
			line.returnUnits(count);
			if (line.returnedQuantity() == line.activeQuantity()) {
				whole.add(line.number());
			}
			else {
				this.history.add(new HistoryEntry(line.number(), LineStatus.RETURNED, at,
						count + "/" + line.activeQuantity() + ((note != null) ? " · " + note : "")));
			}
		}
		if (!whole.isEmpty()) {
			move(LineStatus.RETURNED, whole, at, note);
		}
		updateStatus(at);
	}

	void changeAddress(Address to, Instant at) {
		this.shipTo = to;
		updateStatus(at);
	}

	void changeDelivery(DeliveryPreferences preferences, Instant at) {
		this.delivery = preferences.isEmpty() ? null : preferences;
		updateStatus(at);
	}

	/**
	 * Units of the line neither cancelled nor shipped.
	 */
	int cancellable(OrderLine line) {
		return line.status().isFinal() ? 0 : line.activeQuantity() - shipped(line.number());
	}

	/**
	 * When the line was delivered: the first delivery recorded for it or for the whole
	 * order.
	 */
	@Nullable Instant deliveredAt(int line) {
		return this.history.stream()
			.filter((entry) -> entry.status() == LineStatus.DELIVERED
					&& (entry.lineNumber() == null || entry.lineNumber() == line))
			.map(HistoryEntry::occurredAt)
			.min(Instant::compareTo)
			.orElse(null);
	}

	/**
	 * What the change policy looks at.
	 * @param flags the flags of the order's products, by SKU
	 * @param underWay units of each line in returns under way
	 */
	ChangePolicy.OrderFacts facts(Map<String, java.util.Set<ProductFlag>> flags, Map<Integer, Integer> underWay) {
		List<ChangePolicy.LineFacts> facts = new ArrayList<>();
		for (OrderLine line : this.lines) {
			int returnable = (line.stage() == LineStatus.DELIVERED && !line.status().isFinal())
					? line.activeQuantity() - line.returnedQuantity() - underWay.getOrDefault(line.number(), 0) : 0;
			facts.add(new ChangePolicy.LineFacts(line.number(), line.status(), line.stage(), cancellable(line),
					Math.max(returnable, 0), deliveredAt(line.number()),
					flags.getOrDefault(line.sku(), java.util.Set.of())));
		}
		return new ChangePolicy.OrderFacts(this.channel, this.organisationId != null, this.placedAt, this.grandTotal,
				this.shipTo != null, facts);
	}

	/**
	 * The lines as a refund sees them.
	 */
	List<Refunds.Line> refundLines() {
		return this.lines.stream()
			.map((line) -> new Refunds.Line(line.number(), line.quantity(), line.unitPrice(), line.discount(),
					line.tax(), line.cancelledQuantity() + line.returnedQuantity()))
			.toList();
	}

	/**
	 * Whether no unit would ship if these were cancelled too.
	 */
	boolean nothingShipsWithout(Map<Integer, Integer> cancelling) {
		return this.shipments.isEmpty() && this.lines.stream()
			.allMatch((line) -> cancellable(line) == cancelling.getOrDefault(line.number(), 0));
	}

	OrderLine line(int number) {
		return select(List.of(number)).get(0);
	}

	int shipped(int line) {
		return this.shipments.stream()
			.flatMap((shipment) -> shipment.items().stream())
			.filter((item) -> item.line() == line)
			.mapToInt(Shipment.Item::quantity)
			.sum();
	}

	private List<OrderLine> select(Collection<Integer> lineNumbers) {
		if (lineNumbers.isEmpty()) {
			return this.lines;
		}
		List<OrderLine> selected = new ArrayList<>();
		for (int number : lineNumbers) {
			selected.add(this.lines.stream()
				.filter((line) -> line.number() == number)
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("Order " + this.number + " has no line " + number)));
		}
		return selected;
	}

	private void updateStatus(Instant at) {
		OrderStatus now = OrderStatus.of(this.lines.stream().map(OrderLine::state).toList());
		if (at.isAfter(this.updatedAt)) {
			this.updatedAt = at;
		}
		if (now == this.status) {
			return;
		}
		registerEvent(new OrderStatusChanged(this.id, this.number, this.status, now, at));
		if (now == OrderStatus.DELIVERED) {
			registerEvent(new OrderDelivered(this.id, this.number, at));
		}
		this.status = now;
	}

	/**
	 * The lines with this SKU, for feeds that name lines by SKU.
	 */
	List<Integer> linesWithSku(String sku) {
		return this.lines.stream().filter((line) -> line.sku().equalsIgnoreCase(sku)).map(OrderLine::number).toList();
	}

	/**
	 * The events registered and not yet published with a save.
	 */
	List<Object> registeredEvents() {
		return List.copyOf(domainEvents());
	}

	Money money(BigDecimal amount) {
		return new Money(amount, Currency.getInstance(this.currency));
	}

	UUID id() {
		return this.id;
	}

	String number() {
		return this.number;
	}

	Channel channel() {
		return this.channel;
	}

	@Nullable String externalReference() {
		return this.externalReference;
	}

	@Nullable String purchaseOrder() {
		return this.purchaseOrder;
	}

	@Nullable UUID accountId() {
		return this.accountId;
	}

	@Nullable UUID organisationId() {
		return this.organisationId;
	}

	Instant placedAt() {
		return this.placedAt;
	}

	Totals totals() {
		return new Totals(money(this.subtotal), money(this.discounts), money(this.taxes), money(this.shipping),
				money(this.grandTotal));
	}

	@Nullable Address shipTo() {
		return this.shipTo;
	}

	@Nullable Address billTo() {
		return this.billTo;
	}

	@Nullable String notes() {
		return this.notes;
	}

	@Nullable DeliveryPreferences delivery() {
		return this.delivery;
	}

	@Nullable String customerEmail() {
		return this.customerEmail;
	}

	OrderStatus status() {
		return this.status;
	}

	long version() {
		return (this.version != null) ? this.version : 0;
	}

	Instant updatedAt() {
		return this.updatedAt;
	}

	List<OrderLine> lines() {
		return this.lines;
	}

	List<Shipment> shipments() {
		return this.shipments;
	}

	List<HistoryEntry> history() {
		return this.history;
	}

}
