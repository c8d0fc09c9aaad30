package io.concierge.orders;

import java.security.Principal;
import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
	 * Benchmarks' datasets, each made once per size: {@code concierge.demo.bench-orders}
	 * more orders for the demo company, {@code concierge.demo.bench-customer-orders} more
	 * for the demo customer.
	 */
	@Configuration(proxyBeanMethods = false)
	static class BenchOrders {

		@Bean
		DemoData benchCompanyOrders(DemoOrders demo, @Value("${concierge.demo.bench-orders:0}") int count) {
			return new Dataset("orders.bench-" + count, 40, count, () -> demo.company(count, count));
		}

		@Bean
		DemoData benchCustomerOrders(DemoOrders demo, @Value("${concierge.demo.bench-customer-orders:0}") int count) {
			return new Dataset("orders.bench-customer-" + count, 41, count, () -> demo.customer(count, count));
		}

	}

	private record Dataset(String name, int order, int count, Runnable seeding) implements DemoData {

		@Override
		public void seed() {
			if (this.count > 0) {
				this.seeding.run();
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
