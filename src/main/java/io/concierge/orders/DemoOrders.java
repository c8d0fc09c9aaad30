package io.concierge.orders;

import java.security.Principal;
import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.shared.DemoData;
import io.concierge.shared.EmailAddress;

/**
 * The demo customer's 30 orders across channels and stages, and 5,000 of the demo
 * company's.
 */
@Component
class DemoOrders implements DemoData {

	/**
	 * A benchmark's dataset: {@code concierge.demo.bench-orders} more orders for the demo
	 * company, made once per size.
	 */
	@Component
	static class BenchOrders implements DemoData {

		private final DemoOrders demo;

		private final int count;

		BenchOrders(DemoOrders demo, @Value("${concierge.demo.bench-orders:0}") int count) {
			this.demo = demo;
			this.count = count;
		}

		@Override
		public String name() {
			return "orders.bench-" + this.count;
		}

		@Override
		public int order() {
			return 40;
		}

		@Override
		public void seed() {
			if (this.count > 0) {
				this.demo.company(this.count, this.count);
			}
		}

	}

	/**
	 * A benchmark's dataset: {@code concierge.demo.bench-customer-orders} more orders for
	 * the demo customer, made once per size.
	 */
	@Component
	static class BenchCustomerOrders implements DemoData {

		private final DemoOrders demo;

		private final int count;

		BenchCustomerOrders(DemoOrders demo, @Value("${concierge.demo.bench-customer-orders:0}") int count) {
			this.demo = demo;
			this.count = count;
		}

		@Override
		public String name() {
			return "orders.bench-customer-" + this.count;
		}

		@Override
		public int order() {
			return 41;
		}

		@Override
		public void seed() {
			if (this.count > 0) {
				this.demo.customer(this.count, this.count);
			}
		}

	}

	static final String CUSTOMER = "alex.morgan@example.com";

	static final String COMPANY_USER = "jana.keller@nordwind.example";

	private final OrderGenerator generator;

	private final Accounts accounts;

	private final Callers callers;

	private final Clock clock;

	DemoOrders(OrderGenerator generator, Accounts accounts, Callers callers, Clock clock) {
		this.generator = generator;
		this.accounts = accounts;
		this.callers = callers;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "orders.orders";
	}

	@Override
	public int order() {
		return 30;
	}

	@Override
	public void seed() {
		customer(30, 30);
		company(5_000, 5_000);
	}

	void customer(int count, long seed) {
		this.accounts.findByEmail(EmailAddress.of(CUSTOMER))
			.map(AccountView::id)
			.ifPresent((account) -> this.generator.generate(count, account, null, EmailAddress.of(CUSTOMER),
					this.clock.instant(), seed));
	}

	void company(int count, long seed) {
		Caller buyer = this.callers.of((Principal) () -> COMPANY_USER);
		if (buyer.organisation() != null) {
			this.generator.generate(count, null, buyer.organisation(), EmailAddress.of(COMPANY_USER),
					this.clock.instant(), seed);
		}
	}

}
