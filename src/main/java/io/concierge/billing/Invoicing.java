package io.concierge.billing;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.concierge.billing.Invoice.Kind;
import io.concierge.billing.Invoice.Line;
import io.concierge.billing.Invoice.TaxCategory;
import io.concierge.orders.ChangeEvents.LineUnits;
import io.concierge.orders.ChangeEvents.RefundDue;
import io.concierge.orders.OrderDetails;
import io.concierge.orders.OrderEvents.OrderPlaced;
import io.concierge.orders.OrderEvents.OrderShipped;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.OrderManagement.Billable;

/**
 * Issues an order's invoices when it is placed or per shipment, as its channel is set,
 * and a credit note for every refund of invoiced units. Each is issued once per source,
 * however often its event is replayed.
 */
@Component
class Invoicing {

	private static final Logger logger = LoggerFactory.getLogger(Invoicing.class);

	private final OrderManagement orders;

	private final Invoices invoices;

	private final InvoiceDocuments documents;

	private final BillingSettings settings;

	private final JdbcClient jdbc;

	private final Payments payments;

	private final Clock clock;

	Invoicing(OrderManagement orders, Invoices invoices, InvoiceDocuments documents, BillingSettings settings,
			JdbcClient jdbc, Payments payments, Clock clock) {
		this.payments = payments;
		this.orders = orders;
		this.invoices = invoices;
		this.documents = documents;
		this.settings = settings;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(OrderPlaced event) {
		if ("PLACED".equals(issueOn(event.channel().name()))) {
			Billable billable = this.orders.billable(event.number());
			Map<Integer, Integer> all = new LinkedHashMap<>();
			billable.order().lines().forEach((line) -> all.put(line.number(), line.quantity()));
			this.invoices
				.issue(draft(billable, "order:" + event.order(), all, Map.of(), true, null, this.clock.instant()));
		}
	}

	@ApplicationModuleListener
	void on(OrderShipped event) {
		issueForShipment(event.number(), event.shipment(), this.clock.instant());
	}

	/**
	 * The invoice of one shipment, unless its channel invoices when orders are placed.
	 * @param at when it is issued
	 */
	Optional<Invoice> issueForShipment(String orderNumber, UUID shipment, java.time.Instant at) {
		Billable billable = this.orders.billable(orderNumber);
		if (!"SHIPPED".equals(issueOn(billable.order().channel().name()))) {
			return Optional.empty();
		}
		return Optional.of(this.invoices.issue(draft(billable, shipment, this.invoices.ofOrder(orderNumber), at)));
	}

	/**
	 * Issues the invoices not issued yet of these orders' parcels (orders imported in
	 * bulk, a channel switched over), in batches that each commit on their own.
	 * @return how many were issued
	 */
	int backfill(List<String> orderNumbers, java.time.Instant at) {
		List<Invoice> batch = new java.util.ArrayList<>();
		int issued = 0;
		for (String number : orderNumbers) {
			Billable billable = this.orders.billable(number);
			List<Invoice> earlier = new java.util.ArrayList<>(this.invoices.ofOrder(number));
			List<Map.Entry<UUID, OrderManagement.Parcel>> parcels = billable.shipments()
				.entrySet()
				.stream()
				.sorted(Map.Entry.comparingByValue(java.util.Comparator.comparing(OrderManagement.Parcel::shippedAt)))
				.toList();
			for (Map.Entry<UUID, OrderManagement.Parcel> parcel : parcels) {
				if (earlier.stream().noneMatch((invoice) -> invoice.source().equals("shipment:" + parcel.getKey()))) {
					Invoice draft = draft(billable, parcel.getKey(), earlier, at);
					earlier.add(draft);
					batch.add(draft);
				}
			}
			if (batch.size() >= 500) {
				issued += this.invoices.issueAll(batch);
				batch.clear();
			}
		}
		return issued + this.invoices.issueAll(batch);
	}

	/**
	 * The invoice of one parcel: its units, at the share of each line the earlier
	 * invoices left, with the shipping when it is the order's first.
	 */
	private Invoice draft(Billable billable, UUID shipment, List<Invoice> issued, java.time.Instant at) {
		OrderManagement.Parcel parcel = billable.shipments().get(shipment);
		if (parcel == null) {
			throw new IllegalStateException("Order " + billable.order().number() + " has no shipment " + shipment);
		}
		List<Invoice> earlier = issued.stream()
			.filter((invoice) -> invoice.kind() == Kind.INVOICE)
			.filter((invoice) -> !invoice.source().equals("shipment:" + shipment))
			.toList();
		Map<Integer, Integer> before = new HashMap<>();
		earlier.stream()
			.flatMap((invoice) -> invoice.lines().stream())
			.filter((line) -> line.orderLine() != null)
			.forEach((line) -> before.merge(line.orderLine(), line.quantity(), Integer::sum));
		return draft(billable, "shipment:" + shipment, parcel.units(), before, earlier.isEmpty(),
				LocalDate.ofInstant(parcel.shippedAt(), ZoneOffset.UTC), at);
	}

	/**
	 * The refund's credit note and, for a refund to the original payment, the refund paid
	 * out through the provider the invoice was paid with in the portal.
	 */
	@ApplicationModuleListener
	void on(RefundDue event) {
		creditNote(event.number(), "refund:" + event.change(), event.amount(), event.lines())
			.filter((note) -> "ORIGINAL_PAYMENT".equals(event.destination()))
			.ifPresent((note) -> this.payments.refund(note.id()));
	}

	/**
	 * The credit note of a refund, when the refunded units were invoiced; a refund of
	 * units never invoiced (cancelled before they shipped) is the channel's alone.
	 */
	Optional<Invoice> creditNote(String orderNumber, String source, java.math.BigDecimal amount,
			List<LineUnits> refunded) {
		List<Invoice> issued = this.invoices.ofOrder(orderNumber)
			.stream()
			.filter((invoice) -> invoice.kind() == Kind.INVOICE)
			.toList();
		Map<Integer, Line> invoiced = new HashMap<>();
		issued.forEach((invoice) -> invoice.lines()
			.stream()
			.filter((line) -> line.orderLine() != null)
			.forEach((line) -> invoiced.putIfAbsent(line.orderLine(), line)));
		Map<Integer, Integer> units = new LinkedHashMap<>();
		refunded.forEach((line) -> units.merge(line.line(), line.quantity(), Integer::sum));
		if (issued.isEmpty() || units.keySet().stream().noneMatch(invoiced::containsKey)) {
			logger.info("Refund {} of order {} is for units never invoiced: no credit note", source, orderNumber);
			return Optional.empty();
		}
		Invoice last = issued.get(issued.size() - 1);
		Invoice draft = InvoiceDrafts.creditNote(last, source, amount, units, invoiced, this.clock.instant(),
				labels(last.buyer().country()));
		return Optional.of(this.invoices.issue(draft));
	}

	private Invoice draft(Billable billable, String source, Map<Integer, Integer> units, Map<Integer, Integer> before,
			boolean shipping, @Nullable LocalDate deliveredOn, java.time.Instant at) {
		OrderDetails order = billable.order();
		InvoiceDrafts.Terms terms = terms(billable.organisation());
		String country = (order.billTo() != null) ? order.billTo().country()
				: (order.shipTo() != null) ? order.shipTo().country() : "DE";
		return InvoiceDrafts.invoice(billable, source, units, before, shipping, terms, this.settings.seller().country(),
				at, deliveredOn, labels(country));
	}

	private InvoiceDrafts.Terms terms(@Nullable UUID organisation) {
		if (organisation == null) {
			return new InvoiceDrafts.Terms(null, this.settings.paymentDays());
		}
		return this.jdbc.sql("select vat_id, payment_days from billing_terms where organisation_id = ?")
			.param(organisation)
			.query((rs, n) -> new InvoiceDrafts.Terms(rs.getString("vat_id"), rs.getInt("payment_days")))
			.optional()
			.orElse(new InvoiceDrafts.Terms(null, this.settings.paymentDays()));
	}

	private String issueOn(String channel) {
		return this.jdbc.sql("select issue_on from billing_channel where channel = ?")
			.param(channel)
			.query(String.class)
			.optional()
			.orElse("SHIPPED");
	}

	private InvoiceDrafts.Labels labels(String country) {
		return new InvoiceDrafts.Labels() {

			@Override
			public String shipping() {
				return Invoicing.this.documents.label("billing.pdf.shipping", country);
			}

			@Override
			public String refundOf(String name) {
				return Invoicing.this.documents.label("billing.pdf.refundOf", country, name);
			}

			@Override
			public String note(TaxCategory category) {
				return Invoicing.this.documents.note(category, country);
			}

		};
	}

}
