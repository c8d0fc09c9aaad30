package io.concierge.partners;

import java.security.Principal;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;
import io.concierge.analytics.Analytics;
import io.concierge.analytics.Rollups;
import io.concierge.analytics.Sums;
import io.concierge.identity.Accounts;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.TestLogins;
import io.concierge.orders.DeliveryStage;
import io.concierge.orders.FulfilmentUpdate;
import io.concierge.orders.LineStatus;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.Orders;
import io.concierge.privacy.AuditQuery;
import io.concierge.privacy.AuditTrail;
import io.concierge.shared.EmailAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The seed's measured outcomes: parcels delivered, returned and with discrepancies,
 * pickups booked and collected, orders shipped arrive in analytics' sums as their raw
 * events say; a partner's page shows its own figures only; a discrepancy opens a support
 * ticket, and bad input changes nothing, says why and is audited.
 */
@IntegrationTest
class PartnerOutcomesTests {

	@Autowired
	Partners partners;

	@Autowired
	CarrierShipments shipments;

	@Autowired
	CarrierPickups pickups;

	@Autowired
	ParcelDiscrepancies discrepancies;

	@Autowired
	OrderManagement orders;

	@Autowired
	Accounts accounts;

	@Autowired
	AuditTrail trail;

	@Autowired
	Rollups rollups;

	@Autowired
	Analytics analytics;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	@Test
	void theOutcomesFromTheDailySumsAreTheOutcomesOfTheRawEvents() {
		Fixture a = fixture();
		Fixture b = fixture();
		deliver(a);
		deliver(b);
		this.discrepancies.byCarrier(a.carrier, a.tracking,
				new ParcelDiscrepancies.NewDiscrepancy(ParcelDiscrepancies.Kind.DAMAGED, "Box crushed", null, null),
				a.driver, "::1");
		LocalDate day = this.pickups.days().get(1);
		CarrierPickups.Pickup pickup = this.pickups.request(a.carrier, day, this.pickups.windows().getFirst(), 3,
				a.driver, "::1");
		this.pickups.confirm(pickup.id(), "ops@concierge.example", "::1");
		this.pickups.request(b.carrier, day, this.pickups.windows().getLast(), 2, b.driver, "::1");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(raw("select count(*)::float8 from analytics_event where kind = 'PARCEL_DISCREPANCY' "
					+ "and subject = '" + a.tracking + "'"))
				.isEqualTo(1.0);
			assertThat(raw("select count(*)::float8 from analytics_event where kind = 'PICKUP_BOOKED' and subject = '"
					+ pickup.id() + "'"))
				.isEqualTo(1.0);
			assertThat(raw("select count(*)::float8 from analytics_event where kind = 'ORDER_SHIPPED' and subject = '"
					+ b.number + "'"))
				.isEqualTo(1.0);
			this.rollups.catchUp();
			LocalDate from = day("min");
			LocalDate to = day("max");
			Sums sums = this.analytics.report(from, to, (int) (to.toEpochDay() - from.toEpochDay() + 1)).totals();
			same(sums.misdeliveriesPerThousand(), raw("""
					select 1000.0 * count(*) filter (where kind in ('PARCEL_RETURNED', 'PARCEL_DISCREPANCY'))
					  / nullif(count(*) filter (where kind = 'PARCEL_DELIVERED'), 0) from analytics_event"""));
			same(sums.pickupOnTime(), raw("""
					select (count(*) filter (where kind = 'PICKUP_COLLECTED' and value = 1))::float8
					  / nullif(count(*) filter (where kind = 'PICKUP_BOOKED'), 0) from analytics_event"""));
			same(sums.orderToShipHours(), raw("select avg(value) from analytics_event where kind = 'ORDER_SHIPPED'"));
			same(sums.purchaseOrderToShipHours(),
					raw("select avg(value) from analytics_event where kind = 'PO_SHIPPED'"));
			assertThat(sums.misdeliveriesPerThousand()).isNotNull();
			assertThat(sums.orderToShipHours()).isNotNull();
		});
	}

	@Test
	void aPartnersPageShowsItsOwnFiguresOnly() {
		Fixture a = fixture();
		Fixture b = fixture();
		deliver(a);
		this.discrepancies.byCarrier(a.carrier, a.tracking,
				new ParcelDiscrepancies.NewDiscrepancy(ParcelDiscrepancies.Kind.SHORT, "One mug missing", null, null),
				a.driver, "::1");
		PartnerOutcomes.Figures figures = this.outcomes.of(a.carrier);
		assertThat(figures.delivered()).isEqualTo(1);
		assertThat(figures.discrepancies()).isEqualTo(1);
		assertThat(figures.misdeliveriesPerThousand()).isEqualTo(1000.0);
		assertThat(this.outcomes.of(b.carrier).misdeliveriesPerThousand()).isNull();
		assertThat(this.mvc.get().uri("/partner").with(user(a.driver).roles("PARTNER"))).hasStatusOk()
			.bodyText()
			.contains("(1 returned or with a discrepancy, 1 delivered)");
		assertThat(this.mvc.get().uri("/partner").with(user(b.driver).roles("PARTNER"))).hasStatusOk()
			.bodyText()
			.contains("(0 returned or with a discrepancy, 0 delivered)")
			.doesNotContain("(1 returned or with a discrepancy");
	}

	@Autowired
	PartnerOutcomes outcomes;

	@Test
	void aDiscrepancyOpensASupportTicketForTheCustomerAndIsListedOnTheParcel() throws Exception {
		Fixture f = fixture();
		ParcelDiscrepancies.Discrepancy opened = this.discrepancies.byCarrier(f.carrier, f.tracking,
				new ParcelDiscrepancies.NewDiscrepancy(ParcelDiscrepancies.Kind.REFUSED, "Recipient refused it",
						CarrierTests.png(), "door.png"),
				f.driver, "::1");
		assertThat(opened.ticket()).startsWith("T-");
		assertThat(opened.photo()).isNotNull();
		assertThat(this.jdbc.sql("select account from ticket where number = ?")
			.param(opened.ticket())
			.query(UUID.class)
			.single()).isEqualTo(f.customer);
		assertThat(this.mvc.get().uri("/partner/shipments/{t}", f.tracking).with(user(f.driver).roles("PARTNER")))
			.hasStatusOk()
			.bodyText()
			.contains("Recipient refused it", opened.ticket());
		ParcelDiscrepancies.Discrepancy byCustomer = this.discrepancies.byCustomer(caller(f), f.number, f.tracking,
				new ParcelDiscrepancies.NewDiscrepancy(ParcelDiscrepancies.Kind.DAMAGED, "Dented", null, null),
				f.customerEmail, "::1");
		assertThat(byCustomer.side()).isEqualTo(ParcelDiscrepancies.Side.CUSTOMER);
	}

	@Test
	void badDiscrepanciesChangeNothingSayWhyAndAreAudited() {
		Fixture f = fixture();
		Fixture other = fixture();
		refused(() -> this.discrepancies.byCarrier(other.carrier, f.tracking,
				new ParcelDiscrepancies.NewDiscrepancy(ParcelDiscrepancies.Kind.DAMAGED, "Crushed", null, null),
				other.driver, "::1"), "unknown");
		refused(() -> this.discrepancies.byCarrier(f.carrier, f.tracking, new ParcelDiscrepancies.NewDiscrepancy(
				ParcelDiscrepancies.Kind.DAMAGED, "Crushed", "not a picture".getBytes(), "x.png"), f.driver, "::1"),
				"notImage");
		refused(() -> this.discrepancies.byCarrier(f.carrier, f.tracking,
				new ParcelDiscrepancies.NewDiscrepancy(ParcelDiscrepancies.Kind.DAMAGED, "  ", null, null), f.driver,
				"::1"), "discrepancyDescription");
		refused(() -> this.discrepancies.byCustomer(caller(other), f.number, f.tracking,
				new ParcelDiscrepancies.NewDiscrepancy(ParcelDiscrepancies.Kind.DAMAGED, "Crushed", null, null),
				other.customerEmail, "::1"), "unknown");
		assertThat(this.jdbc.sql("select count(*) from parcel_discrepancy where tracking_number = ?")
			.param(f.tracking)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("select count(*) from ticket where account = ?")
			.param(f.customer)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.mvc.post()
			.uri("/partner/shipments/{t}/discrepancies", f.tracking)
			.param("kind", "DAMAGED")
			.param("description", "")
			.with(user(f.driver).roles("PARTNER"))
			.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
			.hasStatus(422)
			.bodyText()
			.contains("Describe what is wrong.");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.trail.search(new AuditQuery(other.driver, null, 50))
				.entries()
				.stream()
				.anyMatch((entry) -> entry.action().equals("partners.discrepancy.refused")
						&& entry.subject().contains(f.tracking) && entry.subject().endsWith("unknown")));
	}

	private void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
		assertThatThrownBy(call).isInstanceOfSatisfying(ShipmentRefused.class,
				(ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	private void deliver(Fixture f) {
		this.shipments.report(f.carrier, f.tracking,
				new CarrierShipments.StatusUpdate(DeliveryStage.DELIVERED, Instant.now(), null, null), "partner",
				f.driver, "::1");
	}

	private static void same(@Nullable Double fromSums, @Nullable Double fromRawEvents) {
		if (fromRawEvents == null) {
			assertThat(fromSums).isNull();
		}
		else {
			assertThat(fromSums).isNotNull();
			assertThat(fromSums).isCloseTo(fromRawEvents, within(1e-9));
		}
	}

	private @Nullable Double raw(String sql) {
		return this.jdbc.sql(sql).query((row, n) -> (row.getObject(1) != null) ? row.getDouble(1) : null).list().get(0);
	}

	private LocalDate day(String which) {
		return this.jdbc.sql("select " + which + "(occurred_at at time zone 'UTC')::date from analytics_event")
			.query(Date.class)
			.single()
			.toLocalDate();
	}

	@Test
	void operationsOpensADiscrepancyOnAnyParcelByItsTrackingNumber() {
		Fixture f = fixture();
		var operations = user("operations@concierge.example").roles("OPERATIONS");

		assertThat(this.mvc.post()
			.uri("/operations/discrepancies")
			.param("tracking", "NO-SUCH-PARCEL")
			.param("kind", "DAMAGED")
			.param("description", "Box crushed")
			.with(operations)
			.with(csrf())).hasStatus(422).bodyText().contains("No parcel has this tracking number.");
		assertThat(this.mvc.post()
			.uri("/operations/discrepancies")
			.param("tracking", f.tracking())
			.param("kind", "SHORT")
			.param("description", "One mug missing at the warehouse")
			.with(operations)
			.with(csrf())).hasStatus3xxRedirection();

		assertThat(this.discrepancies.latest(10)).anySatisfy((opened) -> {
			assertThat(opened.trackingNumber()).isEqualTo(f.tracking());
			assertThat(opened.side()).isEqualTo(ParcelDiscrepancies.Side.OPERATIONS);
			assertThat(opened.ticket()).isNotNull();
		});
		assertThat(this.mvc.get().uri("/operations/discrepancies").with(operations)).hasStatusOk()
			.bodyText()
			.contains(f.tracking(), "One mug missing at the warehouse");
		assertThat(this.mvc.get().uri("/operations/discrepancies").with(user(f.driver()).roles("PARTNER")))
			.hasStatus(403);
	}

	@Autowired
	Callers callers;

	private Caller caller(Fixture f) {
		return this.callers.of((Principal) f::customerEmail);
	}

	record Fixture(Partner carrier, String driver, String number, String tracking, UUID customer,
			String customerEmail) {

	}

	private Fixture fixture() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		Partner carrier = this.partners.create(Partner.Kind.CARRIER, "Outcomes " + tag, "po-" + tag, "ops", "::1");
		String driver = TestLogins.partner(this.accounts).email();
		CarrierTests.join(this.jdbc, driver, carrier);
		String customerEmail = TestLogins.customer(this.accounts).email();
		UUID customer = this.accounts.findByEmail(EmailAddress.of(customerEmail)).orElseThrow().id();
		Instant shippedAt = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
		String number = this.orders
			.place(Orders.of(customer, null, shippedAt.minus(Duration.ofDays(1)), "MUG-01", "Stoneware mug"));
		String tracking = "PO" + tag.toUpperCase();
		// the order's placing is in analytics before it ships, as in life
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc
				.sql("select count(*) from analytics_event where kind = 'ORDER_PLACED' and subject = ?")
				.param(number)
				.query(Long.class)
				.single() > 0);
		this.orders.apply(new FulfilmentUpdate(number, LineStatus.SHIPPED, shippedAt, List.of(), "po-" + tag, null,
				tracking, null, null));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.shipments.find(carrier, tracking).isPresent());
		return new Fixture(carrier, driver, number, tracking, customer, customerEmail);
	}

}
