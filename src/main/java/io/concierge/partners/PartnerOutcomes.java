package io.concierge.partners;

import java.time.ZoneId;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A partner's own measured outcomes, from the partners' tables and for that partner only,
 * by the same definitions analytics applies to everyone's events (see README, "Partners:
 * measured outcomes").
 */
@Service
public class PartnerOutcomes {

	private final JdbcClient jdbc;

	private final ZoneId zone;

	PartnerOutcomes(JdbcClient jdbc, @Value("${concierge.partners.warehouse-zone:Europe/Berlin}") ZoneId zone) {
		this.jdbc = jdbc;
		this.zone = zone;
	}

	/**
	 * A carrier's figures: parcels delivered, returned and with a discrepancy, and its
	 * pickups booked and on time; a vendor's purchase orders shipped and their
	 * submitted-to-shipped time. A rate is null where there is nothing to divide by.
	 */
	public record Figures(long delivered, long returned, long discrepancies, long pickupsBooked, long pickupsOnTime,
			long purchaseOrdersShipped, @Nullable Double purchaseOrderToShipHours) {

		public @Nullable Double misdeliveriesPerThousand() {
			return (this.delivered == 0) ? null : (this.returned + this.discrepancies) * 1000.0 / this.delivered;
		}

		public @Nullable Double pickupOnTime() {
			return (this.pickupsBooked == 0) ? null : (double) this.pickupsOnTime / this.pickupsBooked;
		}

	}

	@Transactional(readOnly = true)
	public Figures of(Partner partner) {
		if (partner.isCarrier() && partner.carrier() != null) {
			String carrier = partner.carrier();
			long delivered = count("select count(*) from carrier_shipment where carrier = ? and outcome = 'DELIVERED'",
					carrier);
			long returned = count(
					"select count(*) from carrier_shipment where carrier = ? and outcome = 'RETURNED_TO_SENDER'",
					carrier);
			long discrepancies = count("select count(*) from parcel_discrepancy where carrier = ?", carrier);
			var pickups = this.jdbc.sql("""
					select c.*, p.name as carrier_name, coalesce(p.carrier, p.name) as carrier_label
					from carrier_pickup c join partner p on p.id = c.partner_id where c.partner_id = ?""")
				.param(partner.id())
				.query(CarrierPickups::pickup)
				.list();
			long onTime = pickups.stream().filter((pickup) -> CarrierPickups.onTime(pickup, this.zone)).count();
			return new Figures(delivered, returned, discrepancies, pickups.size(), onTime, 0, null);
		}
		UUID vendor = partner.id();
		return this.jdbc.sql("""
				select count(*), avg(extract(epoch from shipped_at - submitted_at)) / 3600 from purchase_order
				where vendor_id = ? and shipped_at is not null""")
			.param(vendor)
			.query((row, n) -> new Figures(0, 0, 0, 0, 0, row.getLong(1),
					(row.getObject(2) != null) ? row.getDouble(2) : null))
			.single();
	}

	private long count(String sql, Object parameter) {
		return this.jdbc.sql(sql).param(parameter).query(Long.class).single();
	}

}
