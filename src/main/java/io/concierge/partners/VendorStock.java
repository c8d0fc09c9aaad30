package io.concierge.partners;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A vendor's stock per SKU and location: reported as absolute levels by the vendor (the
 * inventory API), lowered when orders ship its SKUs, every change kept as a movement. A
 * vendor sets a threshold per SKU; when the SKU's stock over all locations falls below
 * it, the vendor hears once ({@link StockRunningLow}), and again only after it was back.
 */
@Service
public class VendorStock {

	static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,59}");

	private static final Pattern LOCATION = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._/-]{0,59}");

	static final int MOST = 1_000_000_000;

	private final JdbcClient jdbc;

	private final VendorAudit audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	VendorStock(JdbcClient jdbc, VendorAudit audit, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * How many of a SKU a vendor holds at a location, as the vendor reports it.
	 */
	public record StockReport(@Nullable String sku, @Nullable String location, @Nullable Integer quantity) {

	}

	/**
	 * A SKU at a location, with the SKU's threshold if the vendor set one.
	 *
	 * @param low whether the SKU's stock over all locations is below its threshold
	 */
	public record Level(String sku, String location, int quantity, @Nullable Integer threshold, boolean low,
			Instant updatedAt) {

	}

	/**
	 * One change of a SKU's stock at a location.
	 *
	 * @param quantity the stock after the change
	 * @param reason {@code REPORTED} by the vendor or {@code SHIPPED} with an order
	 * @param reference the order a shipment belonged to
	 */
	public record Movement(String location, int change, int quantity, String reason, @Nullable String reference,
			String actor, Instant occurredAt) {

	}

	/**
	 * A SKU's stock fell below the threshold its vendor set.
	 */
	public record StockRunningLow(UUID vendor, String sku, int quantity, int threshold, Instant occurredAt) {

	}

	/**
	 * The vendor's stock by SKU and location.
	 */
	@Transactional(readOnly = true)
	public List<Level> levels(Partner vendor) {
		return this.jdbc.sql("""
				select s.sku, s.location, s.quantity, s.updated_at, t.threshold, coalesce(t.low, false) as low
				from vendor_stock s left join vendor_stock_threshold t on t.vendor_id = s.vendor_id and t.sku = s.sku
				where s.vendor_id = ? order by s.sku, s.location""")
			.param(vendor.id())
			.query((row, n) -> new Level(row.getString("sku"), row.getString("location"), row.getInt("quantity"),
					(Integer) row.getObject("threshold"), row.getBoolean("low"), instant(row, "updated_at")))
			.list();
	}

	/**
	 * The changes of one of the vendor's SKUs, newest first.
	 * @throws io.concierge.shared.NotFound when the vendor has no such SKU
	 */
	@Transactional(readOnly = true)
	public List<Movement> history(Partner vendor, String sku) {
		if (!skus(vendor).contains(sku)) {
			throw new io.concierge.shared.NotFound("SKU " + sku + " of " + vendor.name());
		}
		return this.jdbc.sql("""
				select * from vendor_stock_movement where vendor_id = ? and sku = ?
				order by occurred_at desc, id limit 200""")
			.params(vendor.id(), sku)
			.query((row, n) -> new Movement(row.getString("location"), row.getInt("change"), row.getInt("quantity"),
					row.getString("reason"), row.getString("reference"), row.getString("actor"),
					instant(row, "occurred_at")))
			.list();
	}

	/**
	 * The SKUs the vendor has reported stock of: those it may send purchase orders for.
	 */
	@Transactional(readOnly = true)
	public Set<String> skus(Partner vendor) {
		return new HashSet<>(this.jdbc.sql("select distinct sku from vendor_stock where vendor_id = ?")
			.param(vendor.id())
			.query(String.class)
			.list());
	}

	/**
	 * Takes the vendor's stock levels as they are now, all or none.
	 * @return how many levels changed
	 * @throws VendorRefused naming the first entry (from 1) that cannot be taken
	 */
	@Transactional
	public int report(Partner vendor, List<StockReport> reports, String actor, String origin) {
		List<StockReport> checked = check(vendor, reports, actor, origin);
		Instant now = this.clock.instant();
		int changed = 0;
		Set<String> skus = new HashSet<>();
		for (StockReport report : checked) {
			Integer before = this.jdbc
				.sql("select quantity from vendor_stock where vendor_id = ? and sku = ? and location = ? for update")
				.params(vendor.id(), report.sku(), report.location())
				.query(Integer.class)
				.optional()
				.orElse(null);
			int quantity = report.quantity();
			if (before != null && before == quantity) {
				continue;
			}
			if (before == null) {
				this.jdbc.sql("""
						insert into vendor_stock (vendor_id, sku, location, quantity, updated_at)
						values (?, ?, ?, ?, ?)""")
					.params(vendor.id(), report.sku(), report.location(), quantity, now.atOffset(ZoneOffset.UTC))
					.update();
			}
			else {
				this.jdbc.sql("""
						update vendor_stock set quantity = ?, updated_at = ?
						where vendor_id = ? and sku = ? and location = ?""")
					.params(quantity, now.atOffset(ZoneOffset.UTC), vendor.id(), report.sku(), report.location())
					.update();
			}
			move(vendor.id(), report.sku(), report.location(), quantity - ((before != null) ? before : 0), quantity,
					"REPORTED", null, actor, now);
			skus.add(report.sku());
			changed++;
		}
		skus.forEach((sku) -> watch(vendor.id(), sku, now));
		if (changed > 0) {
			this.events.publishEvent(new VendorChanged(actor, "partners.vendor.stock.reported",
					vendor.name() + ": " + changed + " levels", origin, now));
		}
		return changed;
	}

	private List<StockReport> check(Partner vendor, List<StockReport> reports, String actor, String origin) {
		try {
			return checked(reports);
		}
		catch (VendorRefused ex) {
			throw refused(vendor, ex, actor, origin);
		}
	}

	/**
	 * The levels as they are taken: SKU and location stripped.
	 * @throws VendorRefused naming the first entry (from 1) that cannot be taken; not
	 * audited yet
	 */
	static List<StockReport> checked(List<StockReport> reports) {
		if (reports.isEmpty() || reports.size() > 10_000) {
			throw new VendorRefused("stockCount");
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < reports.size(); i++) {
			StockReport report = reports.get(i);
			int line = i + 1;
			if (report == null || report.sku() == null || !SKU.matcher(report.sku().strip()).matches()) {
				throw new VendorRefused("sku", line, (report != null) ? report.sku() : null);
			}
			if (report.location() == null || !LOCATION.matcher(report.location().strip()).matches()) {
				throw new VendorRefused("location", line, report.location());
			}
			if (report.quantity() == null || report.quantity() < 0 || report.quantity() > MOST) {
				throw new VendorRefused("quantity", line, String.valueOf(report.quantity()));
			}
			if (!seen.add(report.sku().strip() + "\n" + report.location().strip())) {
				throw new VendorRefused("duplicate", line, report.sku().strip());
			}
		}
		return reports.stream()
			.map((report) -> new StockReport(report.sku().strip(), report.location().strip(), report.quantity()))
			.toList();
	}

	/**
	 * Sets the SKU's threshold, or removes it when none is given.
	 * @throws VendorRefused when the vendor has no such SKU or the threshold is negative
	 */
	@Transactional
	public void threshold(Partner vendor, String sku, @Nullable Integer threshold, String actor, String origin) {
		if (!skus(vendor).contains(sku)) {
			throw refused(vendor, new VendorRefused("unknownSku", 0, sku), actor, origin);
		}
		if (threshold != null && (threshold < 0 || threshold > MOST)) {
			throw refused(vendor, new VendorRefused("threshold", 0, String.valueOf(threshold)), actor, origin);
		}
		this.jdbc.sql("delete from vendor_stock_threshold where vendor_id = ? and sku = ?")
			.params(vendor.id(), sku)
			.update();
		Instant now = this.clock.instant();
		if (threshold != null) {
			// set anew, it counts as not yet crossed: a SKU already below hears now
			this.jdbc.sql("insert into vendor_stock_threshold (vendor_id, sku, threshold, low) values (?, ?, ?, false)")
				.params(vendor.id(), sku, threshold)
				.update();
			watch(vendor.id(), sku, now);
		}
		this.events.publishEvent(new VendorChanged(actor, "partners.vendor.threshold.set",
				vendor.name() + ": " + sku + " " + ((threshold != null) ? threshold : "-"), origin, now));
	}

	/**
	 * Lowers the stock of a SKU that an order shipped: the vendor's location with the
	 * most of it first. A shipment never makes stock negative; what is missing is left
	 * out.
	 * @return the vendor whose stock it was, if any vendor holds the SKU
	 */
	@Transactional
	java.util.Optional<UUID> shipped(String sku, int units, String order) {
		List<UUID> vendors = this.jdbc.sql("""
				select s.vendor_id from vendor_stock s join partner p on p.id = s.vendor_id
				where s.sku = ? group by s.vendor_id, p.name order by p.name limit 1""")
			.param(sku)
			.query(UUID.class)
			.list();
		if (vendors.isEmpty()) {
			return java.util.Optional.empty();
		}
		UUID vendor = vendors.getFirst();
		Instant now = this.clock.instant();
		int left = units;
		for (Stocked stocked : this.jdbc.sql("""
				select location, quantity from vendor_stock where vendor_id = ? and sku = ? and quantity > 0
				order by quantity desc, location for update""")
			.params(vendor, sku)
			.query((row, n) -> new Stocked(row.getString("location"), row.getInt("quantity")))
			.list()) {
			if (left == 0) {
				break;
			}
			int taken = Math.min(left, stocked.quantity());
			this.jdbc.sql("""
					update vendor_stock set quantity = quantity - ?, updated_at = ?
					where vendor_id = ? and sku = ? and location = ?""")
				.params(taken, now.atOffset(ZoneOffset.UTC), vendor, sku, stocked.location())
				.update();
			move(vendor, sku, stocked.location(), -taken, stocked.quantity() - taken, "SHIPPED", order, "system", now);
			left -= taken;
		}
		watch(vendor, sku, now);
		return java.util.Optional.of(vendor);
	}

	private record Stocked(String location, int quantity) {

	}

	/**
	 * Compares the SKU's stock with its threshold: crossing below announces it once,
	 * crossing back arms it again.
	 */
	private void watch(UUID vendor, String sku, Instant now) {
		this.jdbc.sql("""
				select t.threshold, t.low, coalesce(sum(s.quantity), 0) as total from vendor_stock_threshold t
				left join vendor_stock s on s.vendor_id = t.vendor_id and s.sku = t.sku
				where t.vendor_id = ? and t.sku = ? group by t.threshold, t.low""")
			.params(vendor, sku)
			.query((row,
					n) -> new int[] { row.getInt("threshold"), row.getBoolean("low") ? 1 : 0, row.getInt("total") })
			.optional()
			.ifPresent((found) -> {
				boolean below = found[2] < found[0];
				if (below != (found[1] == 1)) {
					this.jdbc.sql("update vendor_stock_threshold set low = ? where vendor_id = ? and sku = ?")
						.params(below, vendor, sku)
						.update();
					if (below) {
						this.events.publishEvent(new StockRunningLow(vendor, sku, found[2], found[0], now));
					}
				}
			});
	}

	private void move(UUID vendor, String sku, String location, int change, int quantity, String reason,
			@Nullable String reference, String actor, Instant now) {
		this.jdbc.sql("""
				insert into vendor_stock_movement
				(id, vendor_id, sku, location, change, quantity, reason, reference, actor, occurred_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), vendor, sku, location, change, quantity, reason, reference, actor,
					now.atOffset(ZoneOffset.UTC))
			.update();
	}

	private VendorRefused refused(Partner vendor, VendorRefused refusal, String actor, String origin) {
		this.audit.refused(vendor, refusal, actor, origin);
		return refusal;
	}

	static Instant instant(ResultSet row, String column) throws SQLException {
		return row.getObject(column, OffsetDateTime.class).toInstant();
	}

}
