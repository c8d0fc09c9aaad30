package io.concierge.partners;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.documents.DocumentKind;
import io.concierge.documents.DocumentRefused;
import io.concierge.documents.Documents;
import io.concierge.identity.Accounts;
import io.concierge.orders.DeliveryStage;
import io.concierge.orders.OrderEvents;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.ShipmentTracking;
import io.concierge.shared.AuditableEvent;
import io.concierge.shared.EmailAddress;
import io.concierge.shared.StorableText;
import io.concierge.shared.StorableTime;

/**
 * The parcels handed to a carrier, and what its people report about them: a stage with
 * its time and place (by form, CSV or API) or a proof of delivery (photo and/or
 * signature, kept in the document store for the order's customer). Every report goes
 * through {@link ShipmentTracking#record}, so the customer's order page moves at once. A
 * carrier sees and changes only the parcels shipped with its name; anything else is
 * refused as unknown, nothing changes, and the attempt is in the audit trail.
 */
@Service
public class CarrierShipments {

	/** Parcels on a page of the carrier's list. */
	static final int PAGE_SIZE = 20;

	private static final int MAX_TEXT = 200;

	private final JdbcClient jdbc;

	private final ShipmentTracking tracking;

	private final OrderManagement orders;

	private final Documents documents;

	private final Accounts accounts;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final TransactionTemplate apart;

	private final Clock clock;

	CarrierShipments(JdbcClient jdbc, ShipmentTracking tracking, OrderManagement orders, Documents documents,
			Accounts accounts, ApplicationEventPublisher events, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.tracking = tracking;
		this.orders = orders;
		this.documents = documents;
		this.accounts = accounts;
		this.events = events;
		this.transaction = new TransactionTemplate(transactions);
		this.apart = new TransactionTemplate(transactions);
		this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/**
	 * A parcel as its carrier sees it.
	 *
	 * @param stage its stage as of the last report recorded here; null before any
	 * @param proven whether a proof of delivery was recorded for it
	 */
	public record CarrierShipment(UUID id, String orderNumber, String carrier, String trackingNumber, Instant shippedAt,
			@Nullable LocalDate promisedDelivery, @Nullable DeliveryStage stage, @Nullable Instant stageAt,
			boolean proven) {

		/**
		 * Delivered, but nobody recorded who took it: flagged to the carrier and to
		 * operations.
		 */
		public boolean unproven() {
			return this.stage == DeliveryStage.DELIVERED && !this.proven;
		}

		/**
		 * Whether anything can still be reported about it: not delivered or returned, or
		 * delivered without a proof (which may still be added).
		 */
		public boolean open() {
			return this.stage == null || !this.stage.isFinal() || unproven();
		}

	}

	/**
	 * What the carrier's list shows.
	 *
	 * @param status a stage's name, {@code NEW} (no report yet), {@code UNPROVEN}
	 * (delivered without proof), or null for all
	 * @param text part of a tracking or order number
	 * @param day the day it shipped, in the reader's time zone
	 */
	public record ShipmentFilter(@Nullable String status, @Nullable String text, @Nullable LocalDate day, int page) {

	}

	public record ShipmentPage(List<CarrierShipment> shipments, int page, int pages, long total) {

	}

	/**
	 * What a carrier reports about a parcel.
	 *
	 * @param location where, as the carrier names it ("Leipzig, DE")
	 * @param description the carrier's note
	 */
	public record StatusUpdate(DeliveryStage stage, Instant occurredAt, @Nullable String location,
			@Nullable String description) {

	}

	/**
	 * Who took the parcel, with a photo and/or a signature (PNG) of theirs.
	 */
	public record Proof(String recipient, Instant deliveredAt, @Nullable String location, @Nullable BigDecimal latitude,
			@Nullable BigDecimal longitude, byte @Nullable [] photo, @Nullable String photoName,
			byte @Nullable [] signature) {

	}

	/**
	 * A proof of delivery as the order's customer and the carrier see it.
	 */
	public record DeliveryProof(UUID id, String orderNumber, String trackingNumber, String recipient,
			Instant deliveredAt, @Nullable String location, @Nullable BigDecimal latitude,
			@Nullable BigDecimal longitude, @Nullable UUID photo, @Nullable UUID signature) {

	}

	/**
	 * A line of a CSV upload that was not applied, and why (a message key's end).
	 */
	public record LineError(int line, String reason, List<Object> arguments) {

	}

	public record CsvResult(int applied, List<LineError> errors) {

	}

	/**
	 * A carrier reported about a parcel, or was refused.
	 */
	public record CarrierReported(String actor, String action, String subject, String origin,
			Instant occurredAt) implements AuditableEvent {

	}

	@ApplicationModuleListener
	void on(OrderEvents.OrderShipped shipped) {
		if (shipped.trackingNumber() == null || shipped.trackingNumber().isBlank()) {
			return;
		}
		this.jdbc.sql("""
				insert into carrier_shipment (shipment_id, order_id, order_number, carrier, tracking_number, shipped_at,
				  promised_delivery, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (shipment_id) do nothing""")
			.params(shipped.shipment(), shipped.order(), shipped.number(),
					shipped.carrier().strip().toUpperCase(Locale.ROOT), shipped.trackingNumber().strip(),
					shipped.occurredAt().atOffset(ZoneOffset.UTC), shipped.promisedDelivery(),
					this.clock.instant().atOffset(ZoneOffset.UTC))
			.update();
	}

	/**
	 * The carrier's parcels, newest first, a page of them.
	 */
	public ShipmentPage list(Partner carrier, ShipmentFilter filter, ZoneId zone) {
		StringBuilder where = new StringBuilder(" where s.carrier = :carrier");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("carrier", carrierName(carrier));
		String status = (filter.status() != null) ? filter.status().strip() : "";
		if (status.equals("NEW")) {
			where.append(" and s.stage is null");
		}
		else if (status.equals("UNPROVEN")) {
			where.append(" and s.stage = 'DELIVERED' and not exists (select 1 from delivery_proof p"
					+ " where p.shipment_id = s.shipment_id)");
		}
		else if (Arrays.stream(DeliveryStage.values()).anyMatch((stage) -> stage.name().equals(status))) {
			// a stage the list knows; anything else in the address filters nothing
			where.append(" and s.stage = :stage");
			params.put("stage", status);
		}
		if (filter.text() != null && !filter.text().isBlank()) {
			where.append(" and (lower(s.tracking_number) like :text or lower(s.order_number) like :text)");
			params.put("text", "%" + filter.text().strip().toLowerCase(Locale.ROOT).replace("%", "") + "%");
		}
		if (filter.day() != null) {
			where.append(" and s.shipped_at >= :from and s.shipped_at < :to");
			params.put("from", filter.day().atStartOfDay(zone).toOffsetDateTime());
			params.put("to", filter.day().plusDays(1).atStartOfDay(zone).toOffsetDateTime());
		}
		long total = this.jdbc.sql("select count(*) from carrier_shipment s" + where)
			.params(params)
			.query(Long.class)
			.single();
		int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
		int page = Math.min(Math.max(filter.page(), 1), pages);
		params.put("size", PAGE_SIZE);
		params.put("skip", (page - 1) * PAGE_SIZE);
		List<CarrierShipment> shipments = this.jdbc
			.sql(SELECT + where + " order by s.shipped_at desc, s.tracking_number limit :size offset :skip")
			.params(params)
			.query(CarrierShipments::shipment)
			.list();
		return new ShipmentPage(shipments, page, pages, total);
	}

	/**
	 * One of the carrier's parcels; another carrier's answers empty.
	 */
	public Optional<CarrierShipment> find(Partner carrier, String trackingNumber) {
		return this.jdbc.sql(SELECT + " where s.carrier = ? and s.tracking_number = ? order by s.shipped_at desc")
			.params(carrierName(carrier), trackingNumber.strip())
			.query(CarrierShipments::shipment)
			.list()
			.stream()
			.findFirst();
	}

	/**
	 * Any carrier's parcel by its tracking number: for its customer and operations.
	 */
	Optional<CarrierShipment> byTracking(String trackingNumber) {
		return this.jdbc.sql(SELECT + " where s.tracking_number = ? order by s.shipped_at desc")
			.param(trackingNumber.strip())
			.query(CarrierShipments::shipment)
			.list()
			.stream()
			.findFirst();
	}

	/**
	 * One parcel of an order, by its tracking number: for the order's customer, who names
	 * both (their page shows the order's parcels).
	 */
	Optional<CarrierShipment> inOrder(String orderNumber, String trackingNumber) {
		return this.jdbc.sql(SELECT + " where s.order_number = ? and s.tracking_number = ? order by s.shipped_at desc")
			.params(orderNumber.strip(), trackingNumber.strip())
			.query(CarrierShipments::shipment)
			.list()
			.stream()
			.findFirst();
	}

	/**
	 * Records a carrier's report about one of its parcels.
	 * @throws ShipmentRefused saying why nothing changed (in the audit trail too)
	 */
	public CarrierShipment report(Partner carrier, String trackingNumber, StatusUpdate update, String source,
			String actor, String origin) {
		try {
			return inTransaction(() -> {
				CarrierShipment shipment = reportable(carrier, trackingNumber, update.stage(), update.occurredAt());
				record(shipment,
						new ShipmentTracking.Scan(update.occurredAt(), update.stage(), "PORTAL",
								text(update.description(), "description"), text(update.location(), "location")),
						null, source);
				this.events.publishEvent(new CarrierReported(actor, "partners.shipment.reported",
						subject(carrier, trackingNumber) + " " + update.stage(), origin, this.clock.instant()));
				return find(carrier, trackingNumber).orElseThrow();
			});
		}
		catch (ShipmentRefused ex) {
			throw refused(ex, carrier, trackingNumber, actor, origin);
		}
	}

	/**
	 * Applies a CSV upload
	 * ({@code tracking_number,stage,occurred_at,location,description}, a header line
	 * optional, times as ISO-8601 with an offset): every good line is recorded, every
	 * other one is listed with its number and why.
	 */
	public CsvResult upload(Partner carrier, String csv, String actor, String origin) {
		List<LineError> errors = new ArrayList<>();
		List<CsvLine> lines = read(csv, errors);
		int applied = 0;
		for (CsvLine line : lines) {
			try {
				report(carrier, line.trackingNumber(), line.update(), "partner-csv", actor, origin);
				applied++;
			}
			catch (ShipmentRefused ex) {
				errors.add(new LineError(line.line(), "refused." + ex.reason(), List.of(ex.arguments())));
			}
		}
		errors.sort(java.util.Comparator.comparingInt(LineError::line));
		return new CsvResult(applied, errors);
	}

	/**
	 * A line of a CSV upload that reads as a report.
	 *
	 * @param line its number in the file, from 1
	 */
	record CsvLine(int line, String trackingNumber, StatusUpdate update) {

	}

	/**
	 * The lines of a CSV upload that read as reports; every other one is added to
	 * {@code errors} with its number and why: a line with a NUL character (a file that is
	 * not text), a time PostgreSQL cannot store. A file of more than 5,000 lines is
	 * refused whole.
	 */
	static List<CsvLine> read(String csv, List<LineError> errors) {
		String[] lines = csv.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
		if (lines.length > 5001) {
			errors.add(new LineError(5001, "csv.tooMany", List.of(5000)));
			return List.of();
		}
		List<CsvLine> read = new ArrayList<>();
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].strip();
			int number = i + 1;
			if (line.isEmpty() || (i == 0 && line.toLowerCase(Locale.ROOT).startsWith("tracking_number"))) {
				continue;
			}
			if (StorableText.problem(line) != null) {
				errors.add(new LineError(number, "csv.text", List.of()));
				continue;
			}
			List<String> fields = Csv.fields(line);
			if (fields.size() < 3 || fields.size() > 5) {
				errors.add(new LineError(number, "csv.columns", List.of(fields.size())));
				continue;
			}
			DeliveryStage stage;
			try {
				stage = DeliveryStage.valueOf(fields.get(1).strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				errors.add(new LineError(number, "refused.stageUnknown", List.of(fields.get(1))));
				continue;
			}
			Instant at;
			try {
				at = OffsetDateTime.parse(fields.get(2).strip()).toInstant();
			}
			catch (RuntimeException ex) {
				at = null;
			}
			if (at == null || StorableTime.problem(at) != null) {
				errors.add(new LineError(number, "csv.time", List.of(fields.get(2))));
				continue;
			}
			read.add(new CsvLine(number, fields.get(0), new StatusUpdate(stage, at,
					(fields.size() > 3) ? fields.get(3) : null, (fields.size() > 4) ? fields.get(4) : null)));
		}
		return read;
	}

	/**
	 * Records who took a parcel, with a photo and/or their signature, as its DELIVERED
	 * scan signed by them; the files are kept in the document store for the order's
	 * customer, who sees them on the order's page.
	 * @throws ShipmentRefused when the parcel is not the carrier's, there is neither
	 * photo nor signature, the photo is not one or malware was found in it
	 */
	public DeliveryProof prove(Partner carrier, String trackingNumber, Proof proof, String actor, String origin) {
		try {
			return inTransaction(() -> {
				if (find(carrier, trackingNumber).filter(CarrierShipment::proven).isPresent()) {
					throw new ShipmentRefused("proven");
				}
				CarrierShipment shipment = reportable(carrier, trackingNumber, DeliveryStage.DELIVERED,
						proof.deliveredAt());
				String recipient = proof.recipient().strip();
				if (recipient.isEmpty() || recipient.length() > 100) {
					throw new ShipmentRefused("recipient");
				}
				boolean photo = proof.photo() != null && proof.photo().length > 0;
				boolean signature = proof.signature() != null && proof.signature().length > 0;
				if (!photo && !signature) {
					throw new ShipmentRefused("proofMissing");
				}
				UUID owner = this.orders.recipient(shipment.orderNumber()).account();
				// a guest's order has no account: the files stay with whoever took them
				UUID keeper = (owner != null) ? owner : memberAccount(actor);
				UUID photoId = photo ? keep(keeper, actor, origin, proof.photo(), proof.photoName(), "photo") : null;
				UUID signatureId = signature ? keep(keeper, actor, origin, proof.signature(),
						"signature-" + trackingNumber + ".png", "signature") : null;
				String location = text(proof.location(), "location");
				UUID id = UUID.randomUUID();
				Instant now = this.clock.instant();
				this.jdbc
					.sql("""
							insert into delivery_proof (id, shipment_id, order_number, owner_account, recipient, delivered_at,
							  location, latitude, longitude, photo_document, signature_document, recorded_by, recorded_at)
							values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
					.params(id, shipment.id(), shipment.orderNumber(), owner, recipient,
							proof.deliveredAt().atOffset(ZoneOffset.UTC), location, coordinate(proof.latitude(), 90),
							coordinate(proof.longitude(), 180), photoId, signatureId, actor,
							now.atOffset(ZoneOffset.UTC))
					.update();
				record(shipment, new ShipmentTracking.Scan(proof.deliveredAt(), DeliveryStage.DELIVERED, "PROOF", null,
						location), recipient, "partner-proof");
				this.events.publishEvent(new CarrierReported(actor, "partners.shipment.proven",
						subject(carrier, trackingNumber), origin, now));
				return proofs(shipment.orderNumber(), null).stream()
					.filter((kept) -> kept.id().equals(id))
					.findFirst()
					.orElseThrow();
			});
		}
		catch (ShipmentRefused ex) {
			throw refused(ex, carrier, trackingNumber, actor, origin);
		}
	}

	/**
	 * The proofs of delivery of an order that the account may see: those kept for it.
	 * @param account null for all of them (the carrier's own view goes by parcel)
	 */
	public List<DeliveryProof> proofs(String orderNumber, @Nullable UUID account) {
		return this.jdbc
			.sql("""
					select p.*, s.tracking_number from delivery_proof p join carrier_shipment s on s.shipment_id = p.shipment_id
					where p.order_number = ? and (cast(? as uuid) is null or p.owner_account = ?)
					order by p.delivered_at""")
			.params(orderNumber, account, account)
			.query((rs, n) -> new DeliveryProof(rs.getObject("id", UUID.class), rs.getString("order_number"),
					rs.getString("tracking_number"), rs.getString("recipient"),
					rs.getObject("delivered_at", OffsetDateTime.class).toInstant(), rs.getString("location"),
					rs.getBigDecimal("latitude"), rs.getBigDecimal("longitude"),
					rs.getObject("photo_document", UUID.class), rs.getObject("signature_document", UUID.class)))
			.list();
	}

	/**
	 * The proof of one of the carrier's parcels, if any.
	 */
	public Optional<DeliveryProof> proof(Partner carrier, String trackingNumber) {
		return find(carrier, trackingNumber).flatMap((shipment) -> proofs(shipment.orderNumber(), null).stream()
			.filter((proof) -> proof.trackingNumber().equals(shipment.trackingNumber()))
			.findFirst());
	}

	/**
	 * Parcels any carrier reported delivered without a proof, newest first: for
	 * operations.
	 */
	public List<CarrierShipment> unproven(int most) {
		return this.jdbc.sql(SELECT + """
				 where s.stage = 'DELIVERED'
				  and not exists (select 1 from delivery_proof p where p.shipment_id = s.shipment_id)
				order by s.stage_at desc limit ?""").param(most).query(CarrierShipments::shipment).list();
	}

	private CarrierShipment reportable(Partner carrier, String trackingNumber, DeliveryStage stage, Instant at) {
		CarrierShipment shipment = find(carrier, trackingNumber).orElseThrow(() -> new ShipmentRefused("unknown"));
		if (stage == DeliveryStage.LABEL_CREATED) {
			throw new ShipmentRefused("label");
		}
		if (!shipment.open() || (shipment.unproven() && stage != DeliveryStage.DELIVERED)) {
			throw new ShipmentRefused("final");
		}
		if (at.isAfter(this.clock.instant().plus(Duration.ofMinutes(5)))) {
			throw new ShipmentRefused("future");
		}
		if (at.isBefore(shipment.shippedAt())) {
			throw new ShipmentRefused("early");
		}
		return shipment;
	}

	private void record(CarrierShipment shipment, ShipmentTracking.Scan scan, @Nullable String signedBy,
			String source) {
		ShipmentTracking.Recorded recorded = this.tracking.record(
				new ShipmentTracking.CarrierReport(shipment.trackingNumber(), null, signedBy, List.of(scan), source));
		this.jdbc.sql("""
				update carrier_shipment set stage = ?, stage_at = case when ? then ? else stage_at end, updated_at = ?
				where shipment_id = ?""")
			.params((recorded.stage() != null) ? recorded.stage().name() : null,
					recorded.stage() != shipment.stage() || shipment.stageAt() == null
							|| scan.occurredAt().isAfter(shipment.stageAt()),
					scan.occurredAt().atOffset(ZoneOffset.UTC), this.clock.instant().atOffset(ZoneOffset.UTC),
					shipment.id())
			.update();
		if (recorded.stage() == DeliveryStage.DELIVERED || recorded.stage() == DeliveryStage.RETURNED_TO_SENDER) {
			int concluded = this.jdbc.sql(
					"update carrier_shipment set outcome = ?, outcome_at = ? where shipment_id = ? and outcome is null")
				.params(recorded.stage().name(), scan.occurredAt().atOffset(ZoneOffset.UTC), shipment.id())
				.update();
			if (concluded > 0) {
				this.events.publishEvent(new OutcomeEvents.ParcelConcluded(shipment.carrier(),
						shipment.trackingNumber(), recorded.stage().name(), scan.occurredAt()));
			}
		}
	}

	private UUID keep(UUID owner, String actor, String origin, byte[] content, @Nullable String name, String what) {
		if (!Images.isImage(content)) {
			throw new ShipmentRefused(what.equals("photo") ? "notImage" : "signature");
		}
		Documents.Kept kept;
		try {
			kept = this.documents.keep(owner, actor, origin, DocumentKind.DELIVERY_PROOF, name, content);
		}
		catch (DocumentRefused ex) {
			throw new ShipmentRefused(ex.reason().equals("too-large") ? "tooLarge" : "notImage");
		}
		if (kept.state() == Documents.State.QUARANTINED) {
			throw new ShipmentRefused("malware");
		}
		return kept.id();
	}

	private UUID memberAccount(String actor) {
		return this.accounts.findByEmail(EmailAddress.of(actor)).orElseThrow().id();
	}

	private <T> T inTransaction(java.util.function.Supplier<T> work) {
		T result = this.transaction.execute((status) -> work.get());
		if (result == null) {
			throw new IllegalStateException("nothing came of it");
		}
		return result;
	}

	/**
	 * Writes the refusal to the audit trail (apart from the work that was rolled back)
	 * and hands it on.
	 */
	private ShipmentRefused refused(ShipmentRefused ex, Partner carrier, String trackingNumber, String actor,
			String origin) {
		this.apart.executeWithoutResult(
				(status) -> this.events.publishEvent(new CarrierReported(actor, "partners.shipment.refused",
						subject(carrier, trackingNumber) + ": " + ex.reason(), origin, this.clock.instant())));
		return ex;
	}

	private static @Nullable String text(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String stripped = value.strip();
		if (stripped.length() > MAX_TEXT) {
			throw new ShipmentRefused("tooLong", MAX_TEXT);
		}
		if (StorableText.problem(stripped) != null) {
			throw new ShipmentRefused("notText");
		}
		return stripped;
	}

	private static @Nullable BigDecimal coordinate(@Nullable BigDecimal value, int limit) {
		if (value == null || value.abs().compareTo(BigDecimal.valueOf(limit)) > 0) {
			return null;
		}
		return value.setScale(6, java.math.RoundingMode.HALF_UP);
	}

	private static String subject(Partner carrier, String trackingNumber) {
		return carrier.name() + " parcel " + trackingNumber.strip();
	}

	private static String carrierName(Partner carrier) {
		if (!carrier.isCarrier() || carrier.carrier() == null) {
			throw new ShipmentRefused("unknown");
		}
		return carrier.carrier();
	}

	private static final String SELECT = """
			select s.*, exists (select 1 from delivery_proof p where p.shipment_id = s.shipment_id) as proven
			from carrier_shipment s""";

	private static CarrierShipment shipment(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		OffsetDateTime stageAt = rs.getObject("stage_at", OffsetDateTime.class);
		return new CarrierShipment(rs.getObject("shipment_id", UUID.class), rs.getString("order_number"),
				rs.getString("carrier"), rs.getString("tracking_number"),
				rs.getObject("shipped_at", OffsetDateTime.class).toInstant(),
				rs.getObject("promised_delivery", LocalDate.class),
				(rs.getString("stage") != null) ? DeliveryStage.valueOf(rs.getString("stage")) : null,
				(stageAt != null) ? stageAt.toInstant() : null, rs.getBoolean("proven"));
	}

}
