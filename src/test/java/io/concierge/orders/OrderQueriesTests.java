package io.concierge.orders;

import java.security.Principal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.search.mapper.orm.Search;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.IntegrationTest;
import io.concierge.identity.Accounts;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.Organisations;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.orders.NewOrder.NewLine;
import io.concierge.shared.EmailAddress;
import io.concierge.shared.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Finding orders: typo-tolerant product search, filters, paging, and never another
 * customer's or company's order.
 */
@IntegrationTest
class OrderQueriesTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	@Autowired
	OrderManagement management;

	@Autowired
	OrderQueries queries;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	Callers callers;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OrderIndex index;

	@Autowired
	OrderGenerator generator;

	@Autowired
	EntityManagerFactory entityManagerFactory;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void findsOrdersByAMisspeltProductASkuPrefixAndTheNumberInAnyForm() {
		TestLogin customer = TestLogins.customer(this.accounts);
		Caller caller = caller(customer.email());
		String teapot = place(caller.account(), null, "POT-07", "Cast iron teapot");
		String mug = place(caller.account(), null, "MUG-01", "Stoneware mug");

		assertThat(numbers(caller, "cast iron teapto")).containsExactly(teapot);
		assertThat(numbers(caller, "CAST IRÖN")).containsExactly(teapot);
		assertThat(numbers(caller, "stonew")).as("the start of a word, still typing").containsExactly(mug);
		assertThat(numbers(caller, "pot-0")).containsExactly(teapot);
		assertThat(numbers(caller, teapot.substring(2))).containsExactly(teapot);
		assertThat(numbers(caller, "bicycle")).isEmpty();
		assertThat(numbers(caller, "cast iron bicycle")).as("every word must be found").isEmpty();
	}

	@Test
	void rebuildsALostIndexAtStartUp() throws InterruptedException {
		Caller caller = caller(TestLogins.customer(this.accounts).email());
		// generated: no change notification that would index it again meanwhile
		this.generator.generate(1, caller.account(), null, null, Orders.PLACED, 7);
		String number = numbers(caller, "").getFirst();
		assertThat(numbers(caller, number)).containsExactly(number);
		Search.mapping(this.entityManagerFactory).scope(Order.class).workspace().purge();
		assertThat(numbers(caller, number)).isEmpty();

		this.index.catchUp();

		assertThat(numbers(caller, number)).containsExactly(number);
	}

	@Test
	void catchingUpIndexesRecentChangesAgainWithoutDuplicates() throws InterruptedException {
		Caller caller = caller(TestLogins.customer(this.accounts).email());
		String number = place(caller.account(), null, "JAR-08", "Glass storage jar");

		this.index.catchUp();

		assertThat(numbers(caller, "storage jar")).containsExactly(number);
	}

	@Test
	void findsAnOrderChangedOnAnotherNodeWithinASecond() {
		Caller caller = caller(TestLogins.customer(this.accounts).email());
		String number = place(caller.account(), null, "KTL-02", "Stovetop kettle");
		// another node's change: this node's Hibernate never sees it, only the
		// notification
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("update customer_order set status = 'DELAYED', updated_at = now() where number = ?")
				.param(number)
				.update();
			this.jdbc.sql("select pg_notify('order_changed', ?)").param(number).query((row, n) -> 1).list();
		});
		OrderFilter delayedKettles = new OrderFilter("kettle", OrderStatus.DELAYED, null, null, null,
				OrderFilter.Sort.NEWEST, null, 10);
		await().atMost(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(this.queries.list(caller, delayedKettles, BERLIN).orders())
				.extracting(OrderSummary::number)
				.containsExactly(number));
	}

	@Test
	void neverShowsAnotherCustomersOrCompanysOrders() {
		TestLogin alice = TestLogins.customer(this.accounts);
		TestLogin bob = TestLogins.customer(this.accounts);
		String alicesOrder = place(caller(alice.email()).account(), null, "MUG-01", "Stoneware mug");
		TestLogin acmeAdmin = TestLogins.organisationAdmin(this.accounts, this.organisations,
				"Acme " + UUID.randomUUID());
		TestLogin globexAdmin = TestLogins.organisationAdmin(this.accounts, this.organisations,
				"Globex " + UUID.randomUUID());
		String acmeOrder = place(null, caller(acmeAdmin.email()).organisation(), "MUG-01", "Stoneware mug");

		for (String text : new String[] { "", "stoneware mug", "MUG-01", alicesOrder, acmeOrder }) {
			assertThat(numbers(caller(bob.email()), text)).as(text).doesNotContain(alicesOrder, acmeOrder);
			assertThat(numbers(caller(globexAdmin.email()), text)).as(text).doesNotContain(alicesOrder, acmeOrder);
		}
		assertThat(numbers(caller(acmeAdmin.email()), "stonware")).containsExactly(acmeOrder);
		String ownOrder = place(caller(acmeAdmin.email()).account(), null, "MUG-01", "Stoneware mug");
		assertThat(numbers(caller(acmeAdmin.email()), "")).containsExactlyInAnyOrder(acmeOrder, ownOrder);
		assertThat(numbers(caller(globexAdmin.email()), "")).doesNotContain(ownOrder);
		assertThat(this.queries.find(caller(bob.email()), alicesOrder)).isEmpty();
		assertThat(this.queries.find(caller(globexAdmin.email()), acmeOrder)).isEmpty();
		assertThat(this.queries.find(caller(alice.email()), alicesOrder)).isPresent();

		assertThat(this.mvc.get().uri("/orders/{number}", alicesOrder).with(user(bob.email()).roles("CUSTOMER")))
			.hasStatus(404);
		assertThat(this.mvc.get().uri("/orders/{number}", "C-0").with(user(bob.email()).roles("CUSTOMER")))
			.hasStatus(404);
		assertThat(this.mvc.get().uri("/orders/{number}", alicesOrder).with(user(alice.email()).roles("CUSTOMER")))
			.hasStatusOk();
		assertThat(this.mvc.get().uri("/api/orders/{number}", alicesOrder).with(user(bob.email()).roles("CUSTOMER")))
			.hasStatus(404)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.mvc.get().uri("/api/orders/{number}", alicesOrder).with(user(alice.email()).roles("CUSTOMER")))
			.hasStatusOk()
			.bodyJson()
			.extractingPath("$.number")
			.isEqualTo(alicesOrder);
		assertThat(this.mvc.get().uri("/api/orders").with(user(bob.email()).roles("CUSTOMER"))).bodyJson()
			.extractingPath("$.orders")
			.asArray()
			.isEmpty();
	}

	@Test
	void guestTrackingIsLimitedPerAddressAndSaysTheSameForWrongAndMissing() {
		String number = this.management.place(Orders.aTwoLineOrder(UUID.randomUUID()));
		assertThat(this.queries.guest(number, "ALEX.MORGAN@example.com")).isPresent();
		assertThat(this.queries.guest(number.substring(2), "bs1 4rn")).isPresent();
		assertThat(this.queries.guest(number, "someone@example.com")).isEmpty();
		assertThat(this.queries.guest(number, "")).isEmpty();
		String address = "203.0.113." + (1 + new java.util.Random().nextInt(250));
		// ten tries per address in 15 minutes, then 429
		for (int i = 0; i < 5; i++) {
			assertThat(track(number, "BS1 0AA", address)).hasStatusOk().bodyText().contains("could not find an order");
			assertThat(track("C-0", "BS1 0AA", address)).hasStatusOk().bodyText().contains("could not find an order");
		}
		assertThat(track(number, "BS1 4RN", address)).hasStatus(429).hasHeader("Retry-After", "900");
	}

	private org.springframework.test.web.servlet.assertj.MvcTestResult track(String number, String proof,
			String address) {
		return this.mvc.post()
			.uri("/track")
			.param("number", number)
			.param("proof", proof)
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
			.with((request) -> {
				request.setRemoteAddr(address);
				return request;
			})
			.exchange();
	}

	@Test
	void theApiNamesTheFiltersItCannotRead() {
		TestLogin customer = TestLogins.customer(this.accounts);
		assertThat(this.mvc.get()
			.uri("/api/orders?from=yesterday&status=LOST&size=5")
			.with(user(customer.email()).roles("CUSTOMER"))).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("from, status");
		assertThat(this.mvc.get().uri("/api/orders?size=1000").with(user(customer.email()).roles("CUSTOMER")))
			.hasStatus(400);
		assertThat(this.mvc.get()
			.uri("/orders?from=yesterday&sort=SIDEWAYS")
			.with(user(customer.email()).roles("CUSTOMER"))).hasStatusOk()
			.bodyText()
			.contains("The start date is not a date");
	}

	@Test
	void pagesWithoutGapsOrOverlapsInEverySortOrder() {
		Caller caller = caller(TestLogins.customer(this.accounts).email());
		List<String> placed = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			placed.add(place(caller.account(), null, "MUG-01", "Stoneware mug"));
		}
		// all placed at the same time for the same amount: the tie-breaker decides
		for (String text : new String[] { null, "mug" }) {
			for (OrderFilter.Sort sort : OrderFilter.Sort.values()) {
				List<String> seen = new ArrayList<>();
				String after = null;
				do {
					OrderPage page = this.queries.list(caller,
							new OrderFilter(text, null, null, null, null, sort, after, 2), BERLIN);
					assertThat(page.matching()).isEqualTo(5);
					page.orders().forEach((order) -> seen.add(order.number()));
					after = page.next();
				}
				while (after != null);
				assertThat(seen).as(text + " " + sort.name())
					.containsExactlyInAnyOrderElementsOf(placed)
					.doesNotHaveDuplicates();
			}
		}
	}

	@Test
	void filtersByStatusAndChannel() {
		Caller caller = caller(TestLogins.customer(this.accounts).email());
		String shipped = place(caller.account(), null, "MUG-01", "Stoneware mug");
		place(caller.account(), null, "MUG-01", "Stoneware mug");
		this.management.apply(new FulfilmentUpdate(shipped, LineStatus.SHIPPED, Orders.PLACED.plusSeconds(60),
				List.of(), "DHL", null, "00340434161094042557", null, null));
		OrderPage page = this.queries.list(caller, new OrderFilter(null, OrderStatus.SHIPPED, Channel.WEB_SHOP, null,
				null, OrderFilter.Sort.NEWEST, null, 25), BERLIN);
		assertThat(page.orders()).extracting(OrderSummary::number).containsExactly(shipped);
	}

	private List<String> numbers(Caller caller, String text) {
		return this.queries
			.list(caller, new OrderFilter(text, null, null, null, null, OrderFilter.Sort.NEWEST, null, 100), BERLIN)
			.orders()
			.stream()
			.map(OrderSummary::number)
			.toList();
	}

	private String place(UUID account, UUID organisation, String sku, String name) {
		return this.management.place(Orders.of(account, organisation, Orders.PLACED, sku, name));
	}

	private Caller caller(String email) {
		return this.callers.of((Principal) () -> EmailAddress.of(email).value());
	}

}
