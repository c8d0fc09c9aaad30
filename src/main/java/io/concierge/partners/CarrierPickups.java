package io.concierge.partners;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pickups at the warehouse: a carrier books one of the day's windows
 * ({@code concierge.partners.pickup-windows}), each taking at most
 * {@code concierge.partners.pickup-capacity} carriers; the warehouse confirms them.
 */
@Service
public class CarrierPickups {

	/** How far ahead a pickup is booked. */
	static final int DAYS_AHEAD = 14;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final TransactionTemplate apart;

	private final Clock clock;

	private final List<String> windows;

	private final int capacity;

	private final ZoneId zone;

	CarrierPickups(JdbcClient jdbc, ApplicationEventPublisher events, PlatformTransactionManager transactions,
			Clock clock, @Value("${concierge.partners.pickup-windows}") List<String> windows,
			@Value("${concierge.partners.pickup-capacity}") int capacity,
			@Value("${concierge.partners.warehouse-zone:Europe/Berlin}") ZoneId zone) {
		this.jdbc = jdbc;
		this.events = events;
		this.transaction = new TransactionTemplate(transactions);
		this.apart = new TransactionTemplate(transactions);
		this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
		this.windows = windows.stream().map(String::strip).toList();
		this.capacity = capacity;
		this.zone = zone;
	}

	public enum Status {

		REQUESTED, CONFIRMED, CANCELLED

	}

	/**
	 * A pickup booked by a carrier.
	 */
	public record Pickup(UUID id, String carrier, LocalDate date, String window, int parcels, Status status,
			String requestedBy, @Nullable String confirmedBy, @Nullable Instant collectedAt, String carrierName) {

	}

	/**
	 * One of a day's windows with how many carriers booked it.
	 */
	public record Window(String window, int booked, int capacity) {

		public boolean full() {
			return this.booked >= this.capacity;
		}

	}

	/**
	 * A pickup was booked, confirmed or refused.
	 */
	public record PickupChanged(String actor, String action, String subject, String origin,
			Instant occurredAt) implements io.concierge.shared.AuditableEvent {

	}

	public List<String> windows() {
		return this.windows;
	}

	public int capacity() {
		return this.capacity;
	}

	/**
	 * The days a pickup can be booked for: today and the {@value #DAYS_AHEAD} after.
	 */
	public List<LocalDate> days() {
		LocalDate today = LocalDate.now(this.clock.withZone(this.zone));
		return today.datesUntil(today.plusDays(DAYS_AHEAD + 1)).toList();
	}

	/**
	 * A day's windows with how full each is.
	 */
	public List<Window> windows(LocalDate day) {
		Map<String, Long> booked = this.jdbc.sql("""
				select time_window from carrier_pickup where pickup_date = ? and status <> 'CANCELLED'""")
			.param(day)
			.query(String.class)
			.list()
			.stream()
			.collect(Collectors.groupingBy((window) -> window, Collectors.counting()));
		return this.windows.stream()
			.map((window) -> new Window(window, booked.getOrDefault(window, 0L).intValue(), this.capacity))
			.toList();
	}

	/**
	 * Books a window for a carrier.
	 * @throws ShipmentRefused when the window is full, unknown, past or too far ahead, or
	 * the carrier booked it already (nothing is booked; the attempt is audited)
	 */
	public Pickup request(Partner carrier, LocalDate day, String window, int parcels, String actor, String origin) {
		try {
			Pickup pickup = this.transaction.execute((status) -> {
				if (!carrier.isCarrier()) {
					throw new ShipmentRefused("unknown");
				}
				if (!this.windows.contains(window)) {
					throw new ShipmentRefused("pickupWindow");
				}
				if (!days().contains(day)) {
					throw new ShipmentRefused("pickupDay", DAYS_AHEAD);
				}
				if (parcels < 1 || parcels > 10000) {
					throw new ShipmentRefused("pickupParcels");
				}
				// one booking at a time per day, so two carriers cannot take the last
				// place
				this.jdbc.sql("select pg_advisory_xact_lock(?)")
					.param((long) day.toEpochDay())
					.query((rs, n) -> 1)
					.list();
				long booked = this.jdbc.sql("""
						select count(*) from carrier_pickup where pickup_date = ? and time_window = ?
						  and status <> 'CANCELLED'""").params(day, window).query(Long.class).single();
				if (booked >= this.capacity) {
					throw new ShipmentRefused("pickupFull", this.capacity);
				}
				long mine = this.jdbc.sql("""
						select count(*) from carrier_pickup where pickup_date = ? and time_window = ? and partner_id = ?
						  and status <> 'CANCELLED'""").params(day, window, carrier.id()).query(Long.class).single();
				if (mine > 0) {
					throw new ShipmentRefused("pickupTwice");
				}
				UUID id = UUID.randomUUID();
				Instant now = this.clock.instant();
				this.jdbc
					.sql("""
							insert into carrier_pickup (id, partner_id, pickup_date, time_window, parcels, status, requested_by,
							  requested_at) values (?, ?, ?, ?, ?, 'REQUESTED', ?, ?)""")
					.params(id, carrier.id(), day, window, parcels, actor, now.atOffset(ZoneOffset.UTC))
					.update();
				this.events.publishEvent(new PickupChanged(actor, "partners.pickup.requested",
						carrier.name() + " " + day + " " + window, origin, now));
				this.events.publishEvent(new OutcomeEvents.PickupBooked(id, carrierLabel(carrier), now));
				return find(id);
			});
			return java.util.Objects.requireNonNull(pickup);
		}
		catch (ShipmentRefused ex) {
			this.apart.executeWithoutResult((status) -> this.events
				.publishEvent(new PickupChanged(actor, "partners.pickup.refused",
						carrier.name() + " " + day + " " + window + ": " + ex.reason(), origin, this.clock.instant())));
			throw ex;
		}
	}

	/**
	 * The warehouse confirms a pickup.
	 */
	public void confirm(UUID id, String actor, String origin) {
		this.transaction.executeWithoutResult((status) -> {
			Instant now = this.clock.instant();
			int changed = this.jdbc.sql("""
					update carrier_pickup set status = 'CONFIRMED', confirmed_by = ?, confirmed_at = ?
					where id = ? and status = 'REQUESTED'""").params(actor, now.atOffset(ZoneOffset.UTC), id).update();
			if (changed == 0) {
				throw new ShipmentRefused("pickupConfirmed");
			}
			Pickup pickup = find(id);
			this.events.publishEvent(new PickupChanged(actor, "partners.pickup.confirmed",
					pickup.carrier() + " " + pickup.date() + " " + pickup.window(), origin, now));
		});
	}

	/**
	 * Operations marks a pickup collected: the carrier took the parcels at {@code at}
	 * (now when null). It is on time when it was confirmed and collected within its
	 * window, in the warehouse's time zone.
	 * @throws ShipmentRefused when it was collected already or cancelled, or the time is
	 * in the future or before the pickup's day (nothing changes; the attempt is audited)
	 */
	public Pickup collect(UUID id, @Nullable Instant at, String actor, String origin) {
		try {
			Pickup collected = this.transaction.execute((status) -> {
				Instant now = this.clock.instant();
				Instant when = (at != null) ? at : now;
				Pickup pickup = this.jdbc.sql(SELECT + " where c.id = ? for update of c")
					.param(id)
					.query(CarrierPickups::pickup)
					.optional()
					.orElseThrow(() -> new ShipmentRefused("pickupUnknown"));
				if (pickup.status() == Status.CANCELLED || pickup.collectedAt() != null) {
					throw new ShipmentRefused("pickupCollected");
				}
				if (when.isAfter(now.plus(java.time.Duration.ofMinutes(5)))
						|| when.isBefore(pickup.date().atStartOfDay(this.zone).toInstant())) {
					throw new ShipmentRefused("pickupCollectedTime");
				}
				this.jdbc.sql("update carrier_pickup set collected_at = ?, collected_by = ? where id = ?")
					.params(when.atOffset(ZoneOffset.UTC), actor, id)
					.update();
				Pickup updated = find(id);
				this.events.publishEvent(new PickupChanged(actor, "partners.pickup.collected",
						pickup.carrier() + " " + pickup.date() + " " + pickup.window(), origin, now));
				this.events.publishEvent(
						new OutcomeEvents.PickupCollected(id, pickup.carrierName(), onTime(updated, this.zone), when));
				return updated;
			});
			return java.util.Objects.requireNonNull(collected);
		}
		catch (ShipmentRefused ex) {
			this.apart.executeWithoutResult((status) -> this.events.publishEvent(new PickupChanged(actor,
					"partners.pickup.refused", "pickup " + id + ": " + ex.reason(), origin, this.clock.instant())));
			throw ex;
		}
	}

	/**
	 * Confirmed, and collected on its day within its window ({@code HH:mm-HH:mm}).
	 */
	static boolean onTime(Pickup pickup, ZoneId zone) {
		if (pickup.collectedAt() == null || pickup.confirmedBy() == null) {
			return false;
		}
		String[] bounds = pickup.window().split("-");
		Instant from = pickup.date().atTime(java.time.LocalTime.parse(bounds[0].strip())).atZone(zone).toInstant();
		Instant to = pickup.date().atTime(java.time.LocalTime.parse(bounds[1].strip())).atZone(zone).toInstant();
		return !pickup.collectedAt().isBefore(from) && !pickup.collectedAt().isAfter(to);
	}

	private static String carrierLabel(Partner carrier) {
		return (carrier.carrier() != null) ? carrier.carrier() : carrier.name();
	}

	/**
	 * The carrier's pickups from today on.
	 */
	public List<Pickup> of(Partner carrier) {
		return this.jdbc
			.sql(SELECT + " where c.partner_id = ? and c.pickup_date >= ? order by c.pickup_date, c.time_window")
			.params(carrier.id(), days().getFirst())
			.query(CarrierPickups::pickup)
			.list();
	}

	/**
	 * Every carrier's pickups from today on: the warehouse's schedule.
	 */
	public List<Pickup> schedule() {
		return this.jdbc
			.sql(SELECT + " where c.pickup_date >= ? and c.status <> 'CANCELLED'"
					+ " order by c.pickup_date, c.time_window, p.name")
			.param(days().getFirst())
			.query(CarrierPickups::pickup)
			.list();
	}

	private Pickup find(UUID id) {
		return this.jdbc.sql(SELECT + " where c.id = ?").param(id).query(CarrierPickups::pickup).single();
	}

	private static final String SELECT = """
			select c.*, p.name as carrier_name, coalesce(p.carrier, p.name) as carrier_label
			from carrier_pickup c join partner p on p.id = c.partner_id""";

	static Pickup pickup(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Pickup(rs.getObject("id", UUID.class), rs.getString("carrier_name"),
				rs.getObject("pickup_date", LocalDate.class), rs.getString("time_window"), rs.getInt("parcels"),
				Status.valueOf(rs.getString("status")), rs.getString("requested_by"), rs.getString("confirmed_by"),
				(rs.getObject("collected_at", java.time.OffsetDateTime.class) != null)
						? rs.getObject("collected_at", java.time.OffsetDateTime.class).toInstant() : null,
				rs.getString("carrier_label"));
	}

}
