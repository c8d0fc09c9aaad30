package io.concierge.billing;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.orders.OrderManagement;
import io.concierge.shared.DemoData;

/**
 * The demo's invoices: one per parcel of the demo customer's orders and of the demo
 * company's newest, issued when each parcel shipped, oldest first, so the billing pages
 * have history to show, some of it overdue, and something to pay.
 */
@Component
@ConditionalOnBooleanProperty(name = "concierge.billing.demo", matchIfMissing = true)
class BillingDemo implements DemoData {

	private final OrderManagement orders;

	private final Invoicing invoicing;

	private final Callers callers;

	BillingDemo(OrderManagement orders, Invoicing invoicing, Callers callers) {
		this.orders = orders;
		this.invoicing = invoicing;
		this.callers = callers;
	}

	@Override
	public String name() {
		return "billing.invoices";
	}

	@Override
	public int order() {
		return 50;
	}

	private record Parcel(String order, UUID shipment, Instant shippedAt) {

	}

	@Override
	public void seed() {
		List<String> numbers = new ArrayList<>();
		Caller customer = this.callers.of((Principal) () -> "alex.morgan@example.com");
		numbers.addAll(this.orders.newest(customer.account(), null, 30));
		Caller company = this.callers.of((Principal) () -> "jana.keller@nordwind.example");
		if (company.organisation() != null) {
			numbers.addAll(this.orders.newest(null, company.organisation(), 40));
		}
		List<Parcel> parcels = new ArrayList<>();
		for (String number : numbers) {
			this.orders.billable(number)
				.shipments()
				.forEach((id, parcel) -> parcels.add(new Parcel(number, id, parcel.shippedAt())));
		}
		parcels.sort(Comparator.comparing(Parcel::shippedAt));
		parcels.forEach(
				(parcel) -> this.invoicing.issueForShipment(parcel.order(), parcel.shipment(), parcel.shippedAt()));
	}

}
