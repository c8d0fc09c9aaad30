package io.concierge.orders;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.concierge.shared.DataSubject;
import io.concierge.shared.ExportRows;
import io.concierge.shared.PersonalData;

/**
 * What orders keep about a person: their orders (their own account's, and a guest's under
 * their address) with the addresses, delivery wishes and changes they asked for. An
 * erasure waits for open orders; it then removes the addresses, delivery wishes, notes
 * and return photos, pseudonymises the changes, and keeps the orders themselves, which
 * invoices refer to. A company's export holds the company's orders.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 2)
class OrdersPersonalData implements PersonalData {

	/** The person's orders, with the account and the address as parameters. */
	private static final String MINE = "(account_id = ? or lower(customer_email) = lower(?))";

	private final JdbcClient jdbc;

	OrdersPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String section() {
		return "orders";
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject subject) {
		String scope = subject.isCompany() ? "organisation_id = ?" : MINE;
		Object[] parameters = subject.isCompany() ? new Object[] { subject.company() }
				: new Object[] { subject.account(), subject.email() };
		String orders = "select id from customer_order where " + scope;
		Map<String, List<Map<String, Object>>> data = new LinkedHashMap<>();
		data.put("orders", ExportRows.of(this.jdbc.sql("""
				select number, channel, external_reference, purchase_order, placed_at, status, currency, subtotal,
				  discounts, taxes, shipping, grand_total, customer_email, ship_name, ship_lines, ship_postal_code,
				  ship_city, ship_region, ship_country, bill_name, bill_lines, bill_postal_code, bill_city,
				  bill_region, bill_country, notes, delivery_safe_place, delivery_neighbour, delivery_window,
				  delivery_date, updated_at
				from customer_order where %s order by placed_at""".formatted(scope)).params(parameters)));
		data.put("lines", ExportRows.of(this.jdbc.sql("""
				select o.number as order_number, l.line_number, l.sku, l.name, l.quantity, l.unit_price, l.discount,
				  l.tax, l.status, l.cancelled_quantity, l.returned_quantity
				from order_line l join customer_order o on o.id = l.order_id
				where l.order_id in (%s) order by o.placed_at, l.line_number""".formatted(orders)).params(parameters)));
		data.put("parcels", ExportRows.of(this.jdbc.sql("""
				select o.number as order_number, s.carrier, s.service, s.tracking_number, s.shipped_at, s.stage,
				  s.stage_at, s.signed_by, s.promised_delivery
				from shipment s join customer_order o on o.id = s.order_id
				where s.order_id in (%s) order by s.shipped_at""".formatted(orders)).params(parameters)));
		data.put("history", ExportRows.of(this.jdbc.sql("""
				select o.number as order_number, h.line_number, h.status, h.occurred_at, h.note
				from order_history h join customer_order o on o.id = h.order_id
				where h.order_id in (%s) order by h.occurred_at, h.id""".formatted(orders)).params(parameters)));
		data.put("changes", ExportRows.of(this.jdbc.sql("""
				select o.number as order_number, c.kind, c.status, c.return_number, c.requested_by, c.requested_at,
				  c.reason, c.reason_note, c.resolution, c.refund, c.new_name, c.new_lines, c.new_postal_code,
				  c.new_city, c.new_region, c.new_country, c.safe_place, c.neighbour, c.delivery_window,
				  c.delivery_date, c.decided_at, c.decision_note
				from order_change c join customer_order o on o.id = c.order_id
				where c.order_id in (%s) order by c.requested_at""".formatted(orders)).params(parameters)));
		return data;
	}

	@Override
	public List<String> references(DataSubject subject) {
		return this.jdbc.sql("select number from customer_order where " + MINE + " order by placed_at")
			.params(subject.account(), subject.email())
			.query(String.class)
			.list();
	}

	@Override
	public List<Blocker> blockers(DataSubject subject) {
		String finished = Arrays.stream(OrderStatus.values())
			.filter((status) -> !status.isOpen())
			.map((status) -> "'" + status.name() + "'")
			.collect(Collectors.joining(", "));
		List<String> open = this.jdbc
			.sql("select number from customer_order where " + MINE + " and status not in (" + finished + ")"
					+ " order by placed_at")
			.params(subject.account(), subject.email())
			.query(String.class)
			.list();
		if (open.isEmpty()) {
			return List.of();
		}
		return List.of(new Blocker("privacy.blocker.openOrders", List.of(open.size(), String.join(", ", open))));
	}

	@Override
	public List<Erased> erase(DataSubject subject, String pseudonym) {
		String address = pseudonym + "@erased.invalid";
		Object[] mine = { subject.account(), subject.email() };
		String orders = "select id from customer_order where " + MINE;
		String changes = "select c.id from order_change c where c.order_id in (" + orders + ")";
		long photos = this.jdbc.sql("delete from return_photo where change_id in (" + changes + ")")
			.params(mine)
			.update();
		long changed = this.jdbc.sql("""
				update order_change set requested_by = case when requested_by = ? then ? else requested_by end,
				  reason_note = null, new_name = null, new_lines = null, new_postal_code = null, new_city = null,
				  new_region = null, new_country = null, old_name = null, old_lines = null, old_postal_code = null,
				  old_city = null, old_region = null, old_country = null, safe_place = null, neighbour = null,
				  decision_note = replace(replace(decision_note, ?, ?), ?, ?)
				where order_id in (%s)""".formatted(orders))
			.params(subject.email(), pseudonym, subject.email(), pseudonym, subject.name(), pseudonym,
					subject.account(), subject.email())
			.update();
		this.jdbc
			.sql("update shipment set signed_by = null where signed_by is not null and order_id in (" + orders + ")")
			.params(mine)
			.update();
		this.jdbc.sql("update order_history set note = null where note is not null and order_id in (" + orders + ")")
			.params(mine)
			.update();
		this.jdbc.sql("delete from idempotent_request where strpos(body, ?) > 0").param(subject.email()).update();
		// A company's order keeps the company's addresses; only the person's name leaves
		// them.
		this.jdbc.sql("""
				update customer_order set version = version + 1,
				  ship_name = case when ship_name = ? then ? else ship_name end,
				  bill_name = case when bill_name = ? then ? else bill_name end
				where organisation_id is not null and %s""".formatted(MINE))
			.params(subject.name(), pseudonym, subject.name(), pseudonym, subject.account(), subject.email())
			.update();
		long addresses = this.jdbc.sql("""
				update customer_order set version = version + 1,
				  ship_name = null, ship_lines = null, ship_postal_code = null, ship_city = null, ship_region = null,
				  ship_country = null, bill_name = null, bill_lines = null, bill_postal_code = null, bill_city = null,
				  bill_region = null, bill_country = null
				where organisation_id is null and %s""".formatted(MINE)).params(mine).update();
		long records = this.jdbc.sql("""
				update customer_order set version = version + 1, notes = null, delivery_safe_place = null,
				  delivery_neighbour = null, customer_email = case when customer_email is null then null else ? end
				where %s""".formatted(MINE)).params(address, subject.account(), subject.email()).update();
		return List.of(Erased.erased("orders.addresses", addresses), Erased.erased("orders.return-photos", photos),
				Erased.kept("orders.records", records), Erased.pseudonymised("orders.changes", changed));
	}

}
