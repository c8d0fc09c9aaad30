package io.concierge.partners;

import java.util.Map;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.concierge.notifications.MailOutbox;
import io.concierge.orders.OrderEvents.OrderShipped;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.OrderDetails;
import io.concierge.shared.EmailAddress;

/**
 * What reaches vendors from elsewhere: the fulfilment feed lowers their stock when orders
 * ship their SKUs, and a SKU running low is mailed to the vendor's people through the
 * outbox.
 */
@Component
class VendorListeners {

	private final VendorStock stock;

	private final OrderManagement orders;

	private final Partners partners;

	private final MailOutbox outbox;

	VendorListeners(VendorStock stock, OrderManagement orders, Partners partners, MailOutbox outbox) {
		this.stock = stock;
		this.orders = orders;
		this.partners = partners;
		this.outbox = outbox;
	}

	/**
	 * The shipment's units of each line, by the line's SKU, leave the vendor's stock.
	 */
	@ApplicationModuleListener
	void on(OrderShipped event) {
		OrderManagement.Billable billable = this.orders.billable(event.number());
		OrderManagement.Parcel parcel = billable.shipments().get(event.shipment());
		if (parcel == null) {
			return;
		}
		for (Map.Entry<Integer, Integer> units : parcel.units().entrySet()) {
			billable.order()
				.lines()
				.stream()
				.filter((line) -> line.number() == units.getKey())
				.map(OrderDetails.Line::sku)
				.findFirst()
				.ifPresent((sku) -> this.stock.shipped(sku, units.getValue(), event.number()));
		}
	}

	@ApplicationModuleListener
	void on(VendorStock.StockRunningLow event) {
		Partner vendor = this.partners.find(event.vendor()).orElseThrow();
		String subject = "Low stock: " + event.sku() + " (" + event.quantity() + " left)";
		String body = """
				Hello,

				%s of %s is down to %d, below the threshold of %d you set.
				Report new stock levels or change the threshold at /partner/stock.

				Concierge
				""".formatted(event.sku(), vendor.name(), event.quantity(), event.threshold());
		this.partners.members(vendor.id())
			.forEach((member) -> this.outbox.send(EmailAddress.of(member.email()), subject, body));
	}

}
