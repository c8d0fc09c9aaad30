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

	private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(BillingDemo.class);

	/**
	 * The benchmark's invoices: with {@code concierge.demo.bench-invoices}, one per
	 * parcel of the demo company's newest orders, issued in batches as a backfill would,
	 * once.
	 */
	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class BenchInvoices {

		@org.springframework.context.annotation.Bean
		DemoData benchInvoices(OrderManagement orders, Callers callers, Invoicing invoicing,
				org.springframework.transaction.PlatformTransactionManager transactions,
				@org.springframework.beans.factory.annotation.Value("${concierge.demo.bench-invoices:0}") int count,
				java.time.Clock clock) {
			return new DemoData() {

				@Override
				public String name() {
					return "billing.bench-" + count;
				}

				@Override
				public int order() {
					return 51;
				}

				@Override
				public void seed() {
					if (count > 0) {
						Caller company = callers.of((Principal) () -> "jana.keller@nordwind.example");
						List<String> numbers = orders.newest(null, company.organisation(), count);
						// outside the seeding's transaction, which would keep every order
						// read
						var apart = new org.springframework.transaction.support.TransactionTemplate(transactions);
						apart.setPropagationBehavior(
								org.springframework.transaction.TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
						long started = System.nanoTime();
						int issued = apart.execute((status) -> invoicing.backfill(numbers, clock.instant()));
						long millis = (System.nanoTime() - started) / 1_000_000;
						logger.info("Issued {} invoices of {} orders for the benchmark in {} ms ({} a second)", issued,
								numbers.size(), millis, (millis == 0) ? issued : issued * 1000L / millis);
					}
				}

			};
		}

	}

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
