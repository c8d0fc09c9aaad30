package io.concierge.partners;

import java.util.List;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.concierge.shared.DataSubject;
import io.concierge.shared.ExportRows;
import io.concierge.shared.PersonalData;

/**
 * What the vendor side keeps about a person: the stock levels they reported and the
 * purchase orders they submitted or received, by their address. Erased, the address is
 * replaced; the vendor's records stay, they are the vendor's.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 2)
class VendorPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	VendorPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String section() {
		return "vendors";
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject subject) {
		if (subject.isCompany()) {
			return Map.of();
		}
		return Map.of("purchaseOrders",
				ExportRows.of(this.jdbc.sql("""
						select p.name as vendor, o.number, o.submitted_at, o.received_at from purchase_order o
						join partner p on p.id = o.vendor_id where o.submitted_by = ? or o.received_by = ?""")
					.params(subject.email(), subject.email())),
				"stockReports",
				ExportRows.of(this.jdbc
					.sql("""
							select p.name as vendor, m.sku, m.location, m.quantity, m.occurred_at from vendor_stock_movement m
							join partner p on p.id = m.vendor_id where m.actor = ? order by m.occurred_at""")
					.param(subject.email())));
	}

	@Override
	public List<Erased> erase(DataSubject subject, String pseudonym) {
		long acted = this.jdbc.sql("update purchase_order set submitted_by = ? where submitted_by = ?")
			.params(pseudonym, subject.email())
			.update()
				+ this.jdbc.sql("update purchase_order set received_by = ? where received_by = ?")
					.params(pseudonym, subject.email())
					.update()
				+ this.jdbc.sql("update vendor_stock_movement set actor = ? where actor = ?")
					.params(pseudonym, subject.email())
					.update();
		return List.of(Erased.pseudonymised("partners.vendor-records", acted));
	}

}
