package io.concierge.orders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what carriers report about parcels: each scan once, the parcel's stage as of
 * its latest scan (never rolled back by a scan that comes late, never changed once
 * delivered or returned), the carrier's estimate, the latest place and who signed; and
 * moves the parcel's lines on (in transit, out for delivery, delivered, delivery failed,
 * delayed). The order page follows at once.
 */
@Service
public class ShipmentTracking {

	private final JdbcClient jdbc;

	private final OrderRepository orders;

	private final OrderChanges changes;

	private final Clock clock;

	ShipmentTracking(JdbcClient jdbc, OrderRepository orders, OrderChanges changes, Clock clock) {
		this.jdbc = jdbc;
		this.orders = orders;
		this.changes = changes;
		this.clock = clock;
	}

	/**
	 * A carrier's scan.
	 *
	 * @param carrierStatus the carrier's own status or checkpoint code, as it sent it
	 * @param description the carrier's words
	 * @param location where, as the carrier names it ("Leipzig, DE")
	 */
	public record Scan(Instant occurredAt, DeliveryStage stage, String carrierStatus, @Nullable String description,
			@Nullable String location) {

	}

	/**
	 * What a carrier (or a tracking service) reports about one parcel.
	 *
	 * @param estimate the carrier's estimated delivery date
	 * @param source who reported it ({@code easypost}, {@code aftership}, a poller)
	 */
	public record CarrierReport(String trackingNumber, @Nullable LocalDate estimate, @Nullable String signedBy,
			List<Scan> scans, String source, Link link) {

		public CarrierReport {
			scans = List.copyOf(scans);
		}

		public CarrierReport(String trackingNumber, @Nullable LocalDate estimate, @Nullable String signedBy,
				List<Scan> scans, String source) {
			this(trackingNumber, estimate, signedBy, scans, source, Link.NONE);
		}

	}

	/**
	 * What a report says about the order of a parcel Concierge may not know yet: a
	 * tracking service that learned of it from the shop names the order.
	 *
	 * @param orderReferences what it calls the order, most certain first: the shop's id,
	 * its order number; either may be Concierge's order number
	 * @param carrier the carrier it names ({@code dhl}, {@code ups})
	 */
	public record Link(List<String> orderReferences, @Nullable String carrier) {

		public static final Link NONE = new Link(List.of(), null);

		public Link {
			orderReferences = List.copyOf(orderReferences);
		}

	}

	/**
	 * What a report changed.
	 *
	 * @param orderNumber the order the parcel belongs to; null when no parcel has the
	 * tracking number
	 * @param newScans scans not seen before
	 * @param stage the parcel's stage now
	 */
	public record Recorded(@Nullable String orderNumber, int newScans, @Nullable DeliveryStage stage) {

		public boolean matched() {
			return this.orderNumber != null;
		}

	}

	/**
	 * A delivered parcel, for learning how long parcels take.
	 *
	 * @param country where it went; null when the order had no address
	 */
	public record DeliveredParcel(String carrier, @Nullable String service, @Nullable String country,
			@Nullable String postalCode, Instant shippedAt, Instant deliveredAt) {

	}

	/**
	 * A parcel on its way, to estimate its delivery for.
	 */
	public record OpenParcel(UUID id, String orderNumber, String carrier, @Nullable String service,
			@Nullable String country, @Nullable String postalCode, Instant shippedAt,
			@Nullable LocalDate carrierEstimate) {

	}

	/**
	 * Concierge's estimate for a parcel.
	 *
	 * @param source {@code MODEL} (learned from past parcels) or {@code CARRIER}
	 */
	public record Prediction(LocalDate likely, LocalDate earliest, LocalDate latest, String source) {

	}

	/**
	 * Parcels delivered since a moment, when the carrier said so or, without a scan, when
	 * their order's lines were delivered; at most so many, newest first.
	 */
	@Transactional(readOnly = true)
	public List<DeliveredParcel> delivered(Instant since, int most) {
		return this.jdbc
			.sql("""
					select carrier, service, ship_country, ship_postal_code, shipped_at, delivered_at from (
					  select s.carrier, s.service, o.ship_country, o.ship_postal_code, s.shipped_at,
					    coalesce(case when s.stage = 'DELIVERED' then s.stage_at end,
					      (select max(h.occurred_at) from order_history h where h.order_id = o.id and h.status = 'DELIVERED'))
					      as delivered_at
					  from shipment s join customer_order o on o.id = s.order_id where s.shipped_at >= ?) parcels
					where delivered_at is not null order by shipped_at desc limit ?""")
			.params(since.atOffset(ZoneOffset.UTC), most)
			.query((rs, n) -> new DeliveredParcel(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getObject(5, OffsetDateTime.class).toInstant(),
					rs.getObject(6, OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * Parcels on their way whose estimate is missing or older than a moment.
	 */
	@Transactional(readOnly = true)
	public List<OpenParcel> awaitingPrediction(Instant olderThan, int most) {
		return this.jdbc.sql("""
				select s.id, o.number, s.carrier, s.service, o.ship_country, o.ship_postal_code, s.shipped_at,
				  s.carrier_estimate
				from shipment s join customer_order o on o.id = s.order_id
				where coalesce(s.stage, '') not in ('DELIVERED', 'RETURNED_TO_SENDER')
				  and o.status not in ('DELIVERED', 'CANCELLED', 'RETURNED')
				  and (s.predicted_at is null or s.predicted_at < ?)
				order by s.shipped_at desc limit ?""")
			.params(olderThan.atOffset(ZoneOffset.UTC), most)
			.query((rs, n) -> new OpenParcel(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6),
					rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getObject(8, LocalDate.class)))
			.list();
	}

	/**
	 * Records the estimate (none: there is nothing to go by) and lets the order's page
	 * show it.
	 */
	@Transactional
	public void predicted(OpenParcel parcel, @Nullable Prediction prediction) {
		OffsetDateTime now = this.clock.instant().atOffset(ZoneOffset.UTC);
		// the shop's promise was shown from the moment it shipped
		this.jdbc.sql("""
				insert into delivery_promise (shipment_id, source, promised_on, earliest, latest, shown_at)
				select id, 'MERCHANT', promised_delivery, promised_delivery, promised_delivery, shipped_at from shipment
				where id = ? and promised_delivery is not null
				  and not exists (select 1 from delivery_promise where shipment_id = ? and source = 'MERCHANT')""")
			.params(parcel.id(), parcel.id())
			.update();
		if (prediction != null && prediction.source().equals("MODEL")) {
			promised(parcel.id(), "MODEL", prediction.likely(), prediction.earliest(), prediction.latest(), now);
		}
		this.jdbc.sql("""
				update shipment set predicted_delivery = ?, predicted_earliest = ?, predicted_latest = ?,
				  prediction_source = ?, predicted_at = ? where id = ?""")
			.params((prediction != null) ? prediction.likely() : null,
					(prediction != null) ? prediction.earliest() : null,
					(prediction != null) ? prediction.latest() : null,
					(prediction != null) ? prediction.source() : null, this.clock.instant().atOffset(ZoneOffset.UTC),
					parcel.id())
			.update();
		if (prediction != null) {
			this.changes.changed(parcel.orderNumber());
		}
	}

	@Transactional
	public Recorded record(CarrierReport report) {
		Optional<Tracked> found = this.jdbc.sql("""
				select s.id, o.number, s.stage, s.stage_at from shipment s join customer_order o on o.id = s.order_id
				where s.tracking_number = ? order by s.shipped_at desc limit 1 for update of s""")
			.param(report.trackingNumber())
			.query((rs, n) -> new Tracked(rs.getObject(1, UUID.class), rs.getString(2),
					(rs.getString(3) != null) ? DeliveryStage.valueOf(rs.getString(3)) : null,
					(rs.getObject(4, OffsetDateTime.class) != null) ? rs.getObject(4, OffsetDateTime.class).toInstant()
							: null))
			.optional()
			.or(() -> linked(report));
		if (found.isEmpty()) {
			return new Recorded(null, 0, null);
		}
		Tracked tracked = found.get();
		OffsetDateTime now = this.clock.instant().atOffset(ZoneOffset.UTC);
		int fresh = 0;
		List<Scan> scans = report.scans().stream().sorted(Comparator.comparing(Scan::occurredAt)).toList();
		for (Scan scan : scans) {
			fresh += this.jdbc
				.sql("""
						insert into shipment_checkpoint (shipment_id, occurred_at, stage, carrier_status, description, location,
						  source, fingerprint, received_at)
						values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (shipment_id, fingerprint) do nothing""")
				.params(tracked.shipment(), scan.occurredAt().atOffset(ZoneOffset.UTC), scan.stage().name(),
						scan.carrierStatus(), scan.description(), scan.location(), report.source(), fingerprint(scan),
						now)
				.update();
		}
		if (report.estimate() != null) {
			promised(tracked.shipment(), "CARRIER", report.estimate(), report.estimate(), report.estimate(), now);
		}
		DeliveryStage stage = tracked.stage();
		Instant stageAt = tracked.stageAt();
		Scan latest = scans.isEmpty() ? null : scans.getLast();
		boolean moves = latest != null && (stage == null || !stage.isFinal())
				&& (stageAt == null || latest.occurredAt().isAfter(stageAt));
		if (moves) {
			stage = latest.stage();
			stageAt = latest.occurredAt();
		}
		String location = scans.reversed()
			.stream()
			.map(Scan::location)
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
		this.jdbc.sql("""
				update shipment set stage = ?, stage_at = ?, carrier_estimate = coalesce(?, carrier_estimate),
				  predicted_at = case when ? then null else predicted_at end,
				  signed_by = coalesce(?, signed_by), last_location = case when ? then coalesce(?, last_location)
				  else last_location end
				where id = ?""")
			.params((stage != null) ? stage.name() : null, (stageAt != null) ? stageAt.atOffset(ZoneOffset.UTC) : null,
					report.estimate(), report.estimate() != null, report.signedBy(), moves, location,
					tracked.shipment())
			.update();
		if (moves && stage != tracked.stage() && stage.lineStatus() != null) {
			moveLines(tracked, stage.lineStatus(), stageAt, latest.description());
		}
		if (fresh > 0 || report.estimate() != null) {
			this.changes.changed(tracked.orderNumber());
		}
		return new Recorded(tracked.orderNumber(), fresh, stage);
	}

	/**
	 * A parcel on its way with a carrier whose tracking API is asked.
	 */
	public record PolledParcel(UUID id, String trackingNumber, @Nullable DeliveryStage stage) {

	}

	/**
	 * The carrier's parcels on their way that are due to be asked about: never asked, or
	 * their time has come; oldest first.
	 */
	@Transactional(readOnly = true)
	public List<PolledParcel> duePolls(String carrier, int most) {
		return this.jdbc.sql("""
				select s.id, s.tracking_number, s.stage from shipment s join customer_order o on o.id = s.order_id
				left join carrier_poll p on p.shipment_id = s.id
				where lower(s.carrier) = lower(?) and s.tracking_number is not null
				  and coalesce(s.stage, '') not in ('DELIVERED', 'RETURNED_TO_SENDER')
				  and o.status not in ('DELIVERED', 'CANCELLED', 'RETURNED')
				  and (p.next_poll_at is null or p.next_poll_at <= ?)
				order by p.next_poll_at nulls first limit ?""")
			.params(carrier, this.clock.instant().atOffset(ZoneOffset.UTC), most)
			.query((rs, n) -> new PolledParcel(rs.getObject(1, UUID.class), rs.getString(2),
					(rs.getString(3) != null) ? DeliveryStage.valueOf(rs.getString(3)) : null))
			.list();
	}

	/**
	 * When to ask about the parcel next.
	 */
	@Transactional
	public void pollAgain(UUID parcel, Instant next) {
		this.jdbc
			.sql("""
					insert into carrier_poll (shipment_id, polled_at, next_poll_at) values (?, ?, ?)
					on conflict (shipment_id) do update set polled_at = excluded.polled_at, next_poll_at = excluded.next_poll_at""")
			.params(parcel, this.clock.instant().atOffset(ZoneOffset.UTC), next.atOffset(ZoneOffset.UTC))
			.update();
	}

	/**
	 * A parcel on its way, as the delivery alerts look at it.
	 *
	 * @param account the customer's account; null for a guest or a company's order
	 * @param customerEmail the guest's address
	 * @param promised the shop's promise
	 * @param expected Concierge's likely day, when it has one
	 * @param lastScan the carrier's latest scan, or when it shipped
	 */
	public record WatchedParcel(UUID id, String orderNumber, @Nullable UUID account, @Nullable String customerEmail,
			@Nullable LocalDate promised, @Nullable LocalDate expected, @Nullable DeliveryStage stage,
			Instant lastScan) {

	}

	/**
	 * The parcels on their way that left in the last 60 days.
	 */
	@Transactional(readOnly = true)
	public List<WatchedParcel> watched() {
		return this.jdbc.sql("""
				select s.id, o.number, o.account_id, o.customer_email, s.promised_delivery, s.predicted_delivery,
				  s.stage, coalesce((select max(c.occurred_at) from shipment_checkpoint c where c.shipment_id = s.id),
				    s.shipped_at) as last_scan
				from shipment s join customer_order o on o.id = s.order_id
				where s.shipped_at > ? and coalesce(s.stage, '') not in ('DELIVERED', 'RETURNED_TO_SENDER')
				  and o.status not in ('DELIVERED', 'CANCELLED', 'RETURNED')""")
			.param(this.clock.instant().minus(java.time.Duration.ofDays(60)).atOffset(ZoneOffset.UTC))
			.query((rs, n) -> new WatchedParcel(rs.getObject(1, UUID.class), rs.getString(2),
					rs.getObject(3, UUID.class), rs.getString(4), rs.getObject(5, LocalDate.class),
					rs.getObject(6, LocalDate.class),
					(rs.getString(7) != null) ? DeliveryStage.valueOf(rs.getString(7)) : null,
					rs.getObject(8, OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * Records a cause to warn the parcel's customer about, once.
	 * @return whether it is new, so the customer is to hear of it
	 */
	@Transactional
	public boolean alert(WatchedParcel parcel, String cause) {
		int fresh = this.jdbc.sql("""
				insert into delivery_alert (shipment_id, cause, raised_at) values (?, ?, ?)
				on conflict do nothing""")
			.params(parcel.id(), cause, this.clock.instant().atOffset(ZoneOffset.UTC))
			.update();
		if (fresh > 0) {
			this.jdbc.sql("update shipment set alert = ? where id = ?").params(cause, parcel.id()).update();
			this.changes.changed(parcel.orderNumber());
		}
		return fresh > 0;
	}

	/**
	 * Adds a date shown to the ledger, unless it is the one this source showed last.
	 */
	private void promised(UUID shipment, String source, LocalDate likely, LocalDate earliest, LocalDate latest,
			OffsetDateTime now) {
		this.jdbc.sql("""
				insert into delivery_promise (shipment_id, source, promised_on, earliest, latest, confidence, shown_at)
				select :shipment, :source, :likely, :earliest, :latest, :confidence, :now
				where not exists (select 1 from (select promised_on, earliest, latest from delivery_promise
				    where shipment_id = :shipment and source = :source order by id desc limit 1) last
				  where last.promised_on = :likely and last.earliest = :earliest and last.latest = :latest)""")
			.param("shipment", shipment)
			.param("source", source)
			.param("likely", likely)
			.param("earliest", earliest)
			.param("latest", latest)
			.param("confidence", source.equals("MODEL") ? new java.math.BigDecimal("0.90") : null)
			.param("now", now)
			.update();
	}

	/**
	 * How well a source kept its word on a carrier's lane.
	 *
	 * @param lane the destination country and the start of its postal code
	 * @param onTime the share of parcels delivered by the last day shown
	 * @param meanError the mean of how many days the likely day was off
	 */
	public record Accuracy(String carrier, String lane, String source, long promises, double onTime, double meanError) {

	}

	/**
	 * The ledger's dates for delivered parcels, by carrier, lane and source.
	 */
	@Transactional(readOnly = true)
	public List<Accuracy> accuracy(java.time.ZoneId zone) {
		return this.jdbc
			.sql("""
					with delivered as (
					  select s.id, s.carrier,
					    coalesce(o.ship_country, '??') || '-' || coalesce(upper(left(o.ship_postal_code, 2)), '??') as lane,
					    (coalesce(case when s.stage = 'DELIVERED' then s.stage_at end,
					      (select max(h.occurred_at) from order_history h where h.order_id = o.id and h.status = 'DELIVERED'))
					      at time zone :zone)::date as delivered_on
					  from shipment s join customer_order o on o.id = s.order_id
					  where exists (select 1 from delivery_promise p where p.shipment_id = s.id))
					select d.carrier, d.lane, p.source, count(*) as promises,
					  avg(case when d.delivered_on <= p.latest then 1.0 else 0.0 end) as on_time,
					  avg(abs(d.delivered_on - p.promised_on)) as mean_error
					from delivery_promise p join delivered d on d.id = p.shipment_id
					where d.delivered_on is not null
					group by d.carrier, d.lane, p.source order by d.carrier, d.lane, p.source""")
			.param("zone", zone.getId())
			.query((rs, n) -> new Accuracy(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
					rs.getDouble(5), rs.getDouble(6)))
			.list();
	}

	/**
	 * Moves the parcel's lines, those that can still go there: a line already further on,
	 * cancelled or returned stays as it is.
	 */
	private void moveLines(Tracked tracked, LineStatus status, Instant at, @Nullable String note) {
		Order order = this.orders.findByNumber(tracked.orderNumber()).orElseThrow();
		List<Integer> lines = this.jdbc.sql("select line_number from shipment_line where shipment_id = ?")
			.param(tracked.shipment())
			.query(Integer.class)
			.list();
		for (int line : lines) {
			try {
				order.move(status, List.of(line), at, note);
			}
			catch (OrderChangeRefused ex) {
				// further on already, or ended: the scan stays in the parcel's history
			}
		}
		this.orders.save(order);
	}

	/**
	 * The same scan, whichever service reports it and in whichever of its codes: its
	 * time, stage, words and place.
	 */
	private static String fingerprint(Scan scan) {
		String text = scan.occurredAt().toEpochMilli() + "\n" + scan.stage() + "\n"
				+ Objects.toString(scan.description(), "").toLowerCase(java.util.Locale.ROOT) + "\n"
				+ Objects.toString(scan.location(), "").toLowerCase(java.util.Locale.ROOT);
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	/**
	 * A new parcel of the order the report names, when exactly one order answers to one
	 * of its references: Concierge's order number, or the channel's own reference. It
	 * holds the order's lines when it is the order's first parcel.
	 */
	private Optional<Tracked> linked(CarrierReport report) {
		for (String reference : report.link().orderReferences()) {
			List<Map.Entry<UUID, String>> orders = this.jdbc.sql("""
					select id, number from customer_order where number = :reference
					union select id, number from customer_order where external_reference = :reference limit 2""")
				.param("reference", reference)
				.query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
				.list();
			if (orders.size() == 1) {
				return Optional.of(newParcel(orders.getFirst().getKey(), orders.getFirst().getValue(), report));
			}
		}
		return Optional.empty();
	}

	private Tracked newParcel(UUID order, String number, CarrierReport report) {
		UUID shipment = UUID.randomUUID();
		Instant shippedAt = report.scans()
			.stream()
			.map(Scan::occurredAt)
			.min(Comparator.naturalOrder())
			.orElse(this.clock.instant());
		String carrier = (report.link().carrier() != null) ? report.link().carrier() : report.source();
		this.jdbc.sql("""
				insert into shipment (id, order_id, carrier, tracking_number, shipped_at)
				values (?, ?, ?, ?, ?)""")
			.params(shipment, order, carrier, report.trackingNumber(), shippedAt.atOffset(ZoneOffset.UTC))
			.update();
		this.jdbc.sql("""
				insert into shipment_line (shipment_id, line_number, quantity)
				select ?, line_number, quantity from order_line where order_id = ?
				  and not exists (select 1 from shipment where order_id = ? and id <> ?)""")
			.params(shipment, order, order, shipment)
			.update();
		return new Tracked(shipment, number, null, null);
	}

	private record Tracked(UUID shipment, String orderNumber, @Nullable DeliveryStage stage,
			@Nullable Instant stageAt) {

	}

}
