package io.concierge.partners;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.documents.DocumentKind;
import io.concierge.documents.DocumentRefused;
import io.concierge.documents.Documents;
import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.identity.Caller;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.OrderQueries;
import io.concierge.shared.EmailAddress;
import io.concierge.support.InvalidTicket;
import io.concierge.support.Ticket;
import io.concierge.support.TicketCategory;
import io.concierge.support.Tickets;

/**
 * Something wrong with a parcel (damaged, short, refused, wrong address), opened by its
 * carrier, its customer or operations, with a description and an optional photo kept in
 * the document store for the order's customer (as proofs of delivery are). It opens a
 * support ticket about the parcel that the customer owns, so they see it in their tickets
 * and an agent takes it up: the customer's own report is their ticket, written by them; a
 * carrier's or the warehouse's is opened for them by the system
 * ({@link Tickets#openFor}), saying who opened it, and is not counted as a ticket the
 * customer started. An order without an account (a guest's) gets none, and operations
 * finds it on the warehouse's schedule. Every discrepancy counts as a mis-delivery.
 */
@Service
public class ParcelDiscrepancies {

	private static final int MAX_DESCRIPTION = 2000;

	public enum Kind {

		DAMAGED, SHORT, REFUSED, WRONG_ADDRESS;

		/**
		 * Whether the parcel's customer may report it: a parcel that reached them damaged
		 * or short, or that they refused; where it went is the carrier's to say.
		 */
		public boolean customerMayReport() {
			return this != WRONG_ADDRESS;
		}

	}

	public enum Side {

		CARRIER, CUSTOMER, OPERATIONS

	}

	/**
	 * What was wrong.
	 */
	public record NewDiscrepancy(@Nullable Kind kind, String description, byte @Nullable [] photo,
			@Nullable String photoName) {

	}

	public record Discrepancy(UUID id, String orderNumber, String carrier, String trackingNumber, Kind kind,
			String description, @Nullable UUID photo, Side side, String openedBy, Instant openedAt,
			@Nullable String ticket) {

	}

	private final JdbcClient jdbc;

	private final CarrierShipments shipments;

	private final OrderManagement orders;

	private final OrderQueries orderQueries;

	private final Documents documents;

	private final Tickets tickets;

	private final Accounts accounts;

	private final ApplicationEventPublisher events;

	private final MessageSource messages;

	private final TransactionTemplate transaction;

	private final TransactionTemplate apart;

	private final Clock clock;

	ParcelDiscrepancies(JdbcClient jdbc, CarrierShipments shipments, OrderManagement orders, OrderQueries orderQueries,
			Documents documents, Tickets tickets, Accounts accounts, ApplicationEventPublisher events,
			MessageSource messages, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.shipments = shipments;
		this.orders = orders;
		this.orderQueries = orderQueries;
		this.documents = documents;
		this.tickets = tickets;
		this.accounts = accounts;
		this.events = events;
		this.messages = messages;
		this.transaction = new TransactionTemplate(transactions);
		this.apart = new TransactionTemplate(transactions);
		this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/**
	 * A carrier opens a discrepancy on one of its parcels; the customer's ticket is
	 * opened for them by the system, naming the carrier.
	 * @throws ShipmentRefused when the parcel is not the carrier's ({@code unknown}), the
	 * kind is missing, the description is empty or too long, or the photo is not an image
	 * (nothing changes; the attempt is audited)
	 */
	public Discrepancy byCarrier(Partner carrier, String trackingNumber, NewDiscrepancy discrepancy, String actor,
			String origin) {
		return open(carrier.name() + " parcel " + trackingNumber.strip(), actor, origin, () -> {
			CarrierShipments.CarrierShipment shipment = this.shipments.find(carrier, trackingNumber)
				.orElseThrow(() -> new ShipmentRefused("unknown"));
			return insert(shipment, discrepancy, Side.CARRIER,
					new Reporter(null, Ticket.Opener.carrier(carrier.name())), actor, origin);
		});
	}

	/**
	 * The customer reports a problem with a parcel of their order: the ticket is theirs,
	 * written by them.
	 * @param caller the customer, who may see the order (their own or their company's)
	 * @throws ShipmentRefused as {@link #byCarrier}; {@code unknown} for a parcel that is
	 * not one of this order's or an order that is not the caller's;
	 * {@code discrepancyKind} for a kind a customer does not report
	 * ({@link Kind#customerMayReport})
	 */
	public Discrepancy byCustomer(Caller caller, String orderNumber, String trackingNumber, NewDiscrepancy discrepancy,
			String actor, String origin) {
		return open("order " + orderNumber.strip() + " parcel " + trackingNumber.strip(), actor, origin, () -> {
			CarrierShipments.CarrierShipment shipment = this.shipments.inOrder(orderNumber, trackingNumber)
				.filter((found) -> this.orderQueries.find(caller, found.orderNumber()).isPresent())
				.orElseThrow(() -> new ShipmentRefused("unknown"));
			// sent twice (a second click, the same report again today): the first one
			return reportedToday(shipment, discrepancy.kind(), actor).orElseGet(
					() -> insert(shipment, discrepancy, Side.CUSTOMER, new Reporter(caller, null), actor, origin));
		});
	}

	/**
	 * Operations (the warehouse) opens a discrepancy on any parcel; the customer's ticket
	 * is opened for them by the system, naming the warehouse.
	 * @throws ShipmentRefused as {@link #byCarrier}; {@code unknown} for a tracking
	 * number no parcel has
	 */
	public Discrepancy byOperations(String trackingNumber, NewDiscrepancy discrepancy, String actor, String origin) {
		return open("parcel " + trackingNumber.strip(), actor, origin, () -> {
			CarrierShipments.CarrierShipment shipment = this.shipments.byTracking(trackingNumber)
				.orElseThrow(() -> new ShipmentRefused("unknown"));
			return insert(shipment, discrepancy, Side.OPERATIONS, new Reporter(null, Ticket.Opener.warehouse()), actor,
					origin);
		});
	}

	/**
	 * Who reports: the customer, who writes their own ticket, or someone for whom the
	 * system opens it.
	 */
	private record Reporter(@Nullable Caller customer, Ticket.@Nullable Opener opener) {

	}

	/**
	 * The discrepancies of one of the carrier's parcels, oldest first.
	 */
	public List<Discrepancy> of(Partner carrier, String trackingNumber) {
		if (carrier.carrier() == null) {
			return List.of();
		}
		return this.jdbc.sql(SELECT + " where carrier = ? and tracking_number = ? order by opened_at")
			.params(carrier.carrier(), trackingNumber.strip())
			.query(ParcelDiscrepancies::discrepancy)
			.list();
	}

	/**
	 * The latest discrepancies of all carriers: for operations.
	 */
	public List<Discrepancy> latest(int most) {
		return this.jdbc.sql(SELECT + " order by opened_at desc limit ?")
			.param(most)
			.query(ParcelDiscrepancies::discrepancy)
			.list();
	}

	private Discrepancy open(String subject, String actor, String origin,
			java.util.function.Supplier<Discrepancy> work) {
		try {
			Discrepancy opened = this.transaction.execute((status) -> work.get());
			return java.util.Objects.requireNonNull(opened);
		}
		catch (ShipmentRefused ex) {
			this.apart
				.executeWithoutResult((status) -> this.events.publishEvent(new CarrierShipments.CarrierReported(actor,
						"partners.discrepancy.refused", subject + ": " + ex.reason(), origin, this.clock.instant())));
			throw ex;
		}
	}

	private Optional<Discrepancy> reportedToday(CarrierShipments.CarrierShipment shipment, @Nullable Kind kind,
			String actor) {
		return this.jdbc
			.sql(SELECT + " where shipment_id = ? and kind = ? and opened_side = 'CUSTOMER' and opened_by = ?"
					+ " and opened_at > ? order by opened_at desc limit 1")
			.params(shipment.id(), String.valueOf(kind), actor,
					this.clock.instant().minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC))
			.query(ParcelDiscrepancies::discrepancy)
			.optional();
	}

	private Discrepancy insert(CarrierShipments.CarrierShipment shipment, NewDiscrepancy discrepancy, Side side,
			Reporter reporter, String actor, String origin) {
		Kind kind = discrepancy.kind();
		if (kind == null || (side == Side.CUSTOMER && !kind.customerMayReport())) {
			throw new ShipmentRefused("discrepancyKind");
		}
		String description = discrepancy.description().strip();
		if (description.isEmpty()) {
			throw new ShipmentRefused("discrepancyDescription");
		}
		if (description.length() > MAX_DESCRIPTION) {
			throw new ShipmentRefused("discrepancyTooLong", MAX_DESCRIPTION);
		}
		boolean photo = discrepancy.photo() != null && discrepancy.photo().length > 0;
		if (photo && !Images.isImage(discrepancy.photo())) {
			throw new ShipmentRefused("notImage");
		}
		UUID customer = (reporter.customer() != null) ? reporter.customer().account()
				: this.orders.recipient(shipment.orderNumber()).account();
		UUID keeper = (customer != null) ? customer
				: this.accounts.findByEmail(EmailAddress.of(actor)).orElseThrow().id();
		UUID photoId = photo ? keep(keeper, actor, origin, discrepancy.photo(), discrepancy.photoName()) : null;
		String ticket = (customer != null)
				? ticket(customer, reporter, shipment, kind, description, actor,
						photo ? new Tickets.Attachment(name(discrepancy.photoName()), discrepancy.photo()) : null)
				: null;
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		this.jdbc
			.sql("""
					insert into parcel_discrepancy (id, shipment_id, order_number, carrier, tracking_number, kind, description,
					  photo_document, opened_side, opened_by, opened_at, ticket_number)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, shipment.id(), shipment.orderNumber(), shipment.carrier(), shipment.trackingNumber(),
					kind.name(), description, photoId, side.name(), actor, now.atOffset(ZoneOffset.UTC), ticket)
			.update();
		this.events.publishEvent(new CarrierShipments.CarrierReported(actor, "partners.discrepancy.opened",
				shipment.carrier() + " parcel " + shipment.trackingNumber() + " " + kind, origin, now));
		this.events.publishEvent(new OutcomeEvents.DiscrepancyOpened(id, shipment.carrier(), shipment.trackingNumber(),
				kind.name(), now));
		return this.jdbc.sql(SELECT + " where id = ?").param(id).query(ParcelDiscrepancies::discrepancy).single();
	}

	/**
	 * A ticket about the parcel that the customer owns, in their language: their own when
	 * they report, else opened for them by the system on the reporter's behalf.
	 * @return its number
	 */
	private String ticket(UUID customer, Reporter reporter, CarrierShipments.CarrierShipment shipment, Kind kind,
			String description, String actor, Tickets.@Nullable Attachment photo) {
		Locale locale = this.accounts.find(customer)
			.map(AccountView::language)
			.map(Locale::forLanguageTag)
			.orElse(Locale.ENGLISH);
		String label = this.messages.getMessage("partners.discrepancy.kind." + kind.name(), null, locale);
		Tickets.NewTicket request = new Tickets.NewTicket(
				this.messages.getMessage("partners.discrepancy.ticket.subject",
						new Object[] { shipment.trackingNumber(), label }, locale),
				this.messages.getMessage("partners.discrepancy.ticket.body",
						new Object[] { shipment.trackingNumber(), label, shipment.carrier(), description }, locale),
				TicketCategory.DELIVERY, "PARCEL", shipment.orderNumber(), shipment.trackingNumber(), null, photo);
		try {
			Ticket opened = (reporter.customer() != null) ? this.tickets.open(reporter.customer(), request, "WEB")
					: this.tickets.openFor(customer, java.util.Objects.requireNonNull(reporter.opener()), actor,
							request);
			return opened.number();
		}
		catch (InvalidTicket ex) {
			// the parcel was checked to be the order's; support's own check of it failing
			// means the order is not the customer's to write about; else the text is too
			// long for a ticket
			throw "context".equals(ex.reason()) ? new ShipmentRefused("unknown")
					: new ShipmentRefused("discrepancyTooLong", MAX_DESCRIPTION);
		}
	}

	private UUID keep(UUID owner, String actor, String origin, byte[] content, @Nullable String name) {
		Documents.Kept kept;
		try {
			kept = this.documents.keep(owner, actor, origin, DocumentKind.DELIVERY_PROOF, name(name), content);
		}
		catch (DocumentRefused ex) {
			throw new ShipmentRefused(ex.reason().equals("too-large") ? "tooLarge" : "notImage");
		}
		if (kept.state() == Documents.State.QUARANTINED) {
			throw new ShipmentRefused("malware");
		}
		return kept.id();
	}

	private static String name(@Nullable String name) {
		return (name != null && !name.isBlank()) ? name : "discrepancy.jpg";
	}

	private static final String SELECT = "select * from parcel_discrepancy";

	private static Discrepancy discrepancy(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Discrepancy(rs.getObject("id", UUID.class), rs.getString("order_number"), rs.getString("carrier"),
				rs.getString("tracking_number"), Kind.valueOf(rs.getString("kind")), rs.getString("description"),
				rs.getObject("photo_document", UUID.class), Side.valueOf(rs.getString("opened_side")),
				rs.getString("opened_by"), rs.getObject("opened_at", OffsetDateTime.class).toInstant(),
				rs.getString("ticket_number"));
	}

}
