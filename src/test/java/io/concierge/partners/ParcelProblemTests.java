package io.concierge.partners;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;
import io.concierge.identity.Accounts;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.Role;
import io.concierge.identity.TestLogins;
import io.concierge.orders.FulfilmentUpdate;
import io.concierge.orders.LineStatus;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.Orders;
import io.concierge.shared.EmailAddress;
import io.concierge.support.Ticket;
import io.concierge.support.Tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * A parcel gone wrong, from the customer's side and as the customer sees what others
 * opened: the customer reports a problem with a parcel of their order on its page and
 * owns the ticket they wrote; another customer's parcel, a file that is not a photo and a
 * missing or too long description are refused with a message and write nothing; a
 * carrier's report opens the customer's ticket as the system, naming the carrier.
 */
@IntegrationTest
class ParcelProblemTests {

	@Autowired
	Partners partners;

	@Autowired
	CarrierShipments shipments;

	@Autowired
	ParcelDiscrepancies discrepancies;

	@Autowired
	OrderManagement orders;

	@Autowired
	Tickets tickets;

	@Autowired
	Accounts accounts;

	@Autowired
	Callers callers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	@Test
	void theOrderPageOffersAFormForEachParcelOfTheCallersOwnOrderOnly() {
		Fixture f = fixture();
		Fixture other = fixture();

		assertThat(this.mvc.get().uri("/orders/{n}", f.number).with(customer(f))).hasStatusOk()
			.bodyText()
			.contains("/orders/" + f.number + "/parcel-problems");
		assertThat(this.mvc.get()
			.uri("/orders/{n}/parcel-problems", f.number)
			.header("HX-Request", "true")
			.with(customer(f))).hasStatusOk()
			.bodyText()
			.contains("Report a problem with this parcel", f.tracking, "It arrived damaged", "Items are missing",
					"I refused to accept it")
			.doesNotContain("Wrong address");
		assertThat(this.mvc.get()
			.uri("/orders/{n}/parcel-problems", f.number)
			.header("HX-Request", "true")
			.with(customer(other))).hasStatusOk()
			.bodyText()
			.doesNotContain(f.tracking)
			.doesNotContain("Report a problem");
		assertThat(this.mvc.get().uri("/orders/{n}/parcel-problems", f.number).with(customer(other))).hasStatus(404);
	}

	@Test
	void aCustomerReportsAProblemWithTheirParcelAndTheTicketIsTheirOwn() throws Exception {
		Fixture f = fixture();

		assertThat(this.mvc.post()
			.uri("/orders/{n}/parcel-problems", f.number)
			.multipart()
			.file(new MockMultipartFile("photo", "box.png", "image/png", CarrierTests.png()))
			.param("tracking", f.tracking)
			.param("kind", "DAMAGED")
			.param("description", "The box was crushed and a mug is broken.")
			.header("HX-Request", "true")
			.with(customer(f))
			.with(csrf())).hasStatusOk().bodyText().contains("we have your report, and request T-");

		ParcelDiscrepancies.Discrepancy opened = this.discrepancies.of(f.carrier, f.tracking).getFirst();
		assertThat(opened.side()).isEqualTo(ParcelDiscrepancies.Side.CUSTOMER);
		assertThat(opened.kind()).isEqualTo(ParcelDiscrepancies.Kind.DAMAGED);
		assertThat(opened.openedBy()).isEqualTo(f.customerEmail);
		assertThat(opened.photo()).isNotNull();
		assertThat(opened.ticket()).startsWith("T-");

		Ticket.Thread thread = this.tickets.thread(caller(f), opened.ticket()).orElseThrow();
		assertThat(thread.ticket().account()).isEqualTo(f.customer);
		assertThat(thread.ticket().openedBy()).as("the customer wrote it").isNull();
		assertThat(thread.ticket().contextKind()).isEqualTo("PARCEL");
		assertThat(thread.ticket().contextRef()).isEqualTo(f.tracking);
		assertThat(thread.messages().getFirst()).satisfies((first) -> {
			assertThat(first.authorKind()).isEqualTo("CUSTOMER");
			assertThat(first.author()).isEqualTo(f.customer);
			assertThat(first.body()).contains("The box was crushed", f.tracking);
			assertThat(first.document()).isNotNull();
		});

		// without script: the answer is a page of its own, after a redirect
		assertThat(this.mvc.post()
			.uri("/orders/{n}/parcel-problems", f.number)
			.multipart()
			.param("tracking", f.tracking)
			.param("kind", "SHORT")
			.param("description", "One of two mugs is missing.")
			.with(customer(f))
			.with(csrf())).hasRedirectedUrl("/orders/" + f.number + "/parcel-problems");

		// the carrier sees both on its parcel's page, operations on its list
		assertThat(this.mvc.get().uri("/partner/shipments/{t}", f.tracking).with(user(f.driver).roles("PARTNER")))
			.hasStatusOk()
			.bodyText()
			.contains("The box was crushed", "One of two mugs is missing.", "by the customer");
		assertThat(this.mvc.get()
			.uri("/operations/discrepancies")
			.with(user("operations@concierge.example").roles("OPERATIONS"))).hasStatusOk()
			.bodyText()
			.contains(f.tracking, "The box was crushed", opened.ticket());
	}

	@Test
	void theSameReportSentTwiceIsOneDiscrepancyAndOneTicket() {
		Fixture f = fixture();
		for (int i = 0; i < 2; i++) {
			assertThat(this.mvc.post()
				.uri("/orders/{n}/parcel-problems", f.number)
				.multipart()
				.param("tracking", f.tracking)
				.param("kind", "SHORT")
				.param("description", "One of two mugs is missing.")
				.header("HX-Request", "true")
				.with(customer(f))
				.with(csrf())).hasStatusOk().bodyText().contains("we have your report, and request T-");
		}

		assertThat(this.discrepancies.of(f.carrier, f.tracking)).singleElement()
			.satisfies((opened) -> assertThat(this.tickets.mine(caller(f))).extracting(Ticket::number)
				.containsExactly(opened.ticket()));
	}

	@Test
	void anotherCustomersParcelIsRefusedAndNothingIsWritten() {
		Fixture f = fixture();
		Fixture other = fixture();

		// the other customer names this order and its parcel, then their own order with
		// this parcel
		assertThat(this.mvc.post()
			.uri("/orders/{n}/parcel-problems", f.number)
			.multipart()
			.param("tracking", f.tracking)
			.param("kind", "DAMAGED")
			.param("description", "Crushed")
			.with(customer(other))
			.with(csrf())).hasStatus(422)
			.bodyText()
			.contains("This parcel is not part of this order, or the order is not yours.");
		assertThat(this.mvc.post()
			.uri("/orders/{n}/parcel-problems", other.number)
			.multipart()
			.param("tracking", f.tracking)
			.param("kind", "DAMAGED")
			.param("description", "Crushed")
			.header("HX-Request", "true")
			.with(customer(other))
			.with(csrf())).hasStatusOk()
			.bodyText()
			.contains("This parcel is not part of this order, or the order is not yours.");

		assertNothingWritten(f);
		assertNothingWritten(other);
	}

	@Test
	void aFileThatIsNotAPhotoAMissingOrTooLongDescriptionAndAKindForTheCarrierAreRefused() {
		Fixture f = fixture();

		assertThat(this.mvc.post()
			.uri("/orders/{n}/parcel-problems", f.number)
			.multipart()
			.file(new MockMultipartFile("photo", "box.jpg", "image/jpeg",
					"%PDF-1.4 not a photo".getBytes(StandardCharsets.UTF_8)))
			.param("tracking", f.tracking)
			.param("kind", "DAMAGED")
			.param("description", "Crushed")
			.header("HX-Request", "true")
			.with(customer(f))
			.with(csrf())).hasStatusOk().bodyText().contains("The file is not a photo.", "Crushed");
		assertThat(this.mvc.post()
			.uri("/orders/{n}/parcel-problems", f.number)
			.multipart()
			.param("tracking", f.tracking)
			.param("kind", "DAMAGED")
			.param("description", "   ")
			.with(customer(f))
			.with(csrf())).hasStatus(422).bodyText().contains("Describe what happened.");
		assertThat(this.mvc.post()
			.uri("/orders/{n}/parcel-problems", f.number)
			.multipart()
			.param("tracking", f.tracking)
			.param("kind", "DAMAGED")
			.param("description", "x".repeat(2001))
			.with(customer(f))
			.with(csrf())).hasStatus(422).bodyText().contains("The description may have at most 2,000 characters");
		assertThat(this.mvc.post()
			.uri("/orders/{n}/parcel-problems", f.number)
			.multipart()
			.param("tracking", f.tracking)
			.param("kind", "WRONG_ADDRESS")
			.param("description", "Not my street")
			.with(customer(f))
			.with(csrf())).hasStatus(422).bodyText().contains("Choose what is wrong");
		assertThat(this.mvc.post()
			.uri("/orders/{n}/parcel-problems", f.number)
			.multipart()
			.param("tracking", f.tracking)
			.param("kind", "DAMAGED")
			.param("description", "Crushed")
			.with(customer(f))).as("without the CSRF token").hasStatus(403);

		assertNothingWritten(f);
	}

	@Test
	void aCarriersReportOpensTheCustomersTicketAsTheSystemNamingTheCarrier() throws Exception {
		Fixture f = fixture();
		ParcelDiscrepancies.Discrepancy opened = this.discrepancies.byCarrier(f.carrier, f.tracking,
				new ParcelDiscrepancies.NewDiscrepancy(ParcelDiscrepancies.Kind.REFUSED, "Recipient refused it",
						CarrierTests.png(), "door.png"),
				f.driver, "::1");

		Ticket.Thread thread = this.tickets.thread(caller(f), opened.ticket()).orElseThrow();
		assertThat(thread.ticket().account()).isEqualTo(f.customer);
		assertThat(thread.ticket().openedBy()).isEqualTo(Ticket.Opener.carrier(f.carrier.name()));
		assertThat(thread.messages().getFirst()).satisfies((first) -> {
			assertThat(first.authorKind()).isEqualTo("SYSTEM");
			assertThat(first.via()).isEqualTo("SYSTEM");
			assertThat(first.author()).isNull();
			assertThat(first.onBehalfOf()).isEqualTo(Ticket.Opener.carrier(f.carrier.name()));
			assertThat(first.body()).contains("Recipient refused it", f.tracking);
			assertThat(first.document()).isNotNull();
		});
		assertThat(this.mvc.get().uri("/tickets").with(customer(f))).hasStatusOk()
			.bodyText()
			.contains(opened.ticket(), "opened for you by " + f.carrier.name());
		assertThat(this.mvc.get().uri("/tickets/{n}", opened.ticket()).with(customer(f))).hasStatusOk()
			.bodyText()
			.contains("Opened for you by " + f.carrier.name() + ", the carrier of your parcel.",
					"Concierge (automatic)", "Recipient refused it");
		String agent = TestLogins.staffWithoutSecondFactor(this.accounts, Role.AGENT).email();
		assertThat(this.mvc.get().uri("/support/tickets/{n}", opened.ticket()).with(user(agent).roles("AGENT")))
			.hasStatusOk()
			.bodyText()
			.contains("Opened by " + f.carrier.name() + " (carrier), not by the customer.");
		assertThat(this.jdbc.sql("select count(*) from support_event where ticket = ?")
			.param(thread.ticket().id())
			.query(Long.class)
			.single()).as("not a ticket the customer started").isZero();
	}

	@Test
	void theWarehousesReportIsOpenedInItsName() {
		Fixture f = fixture();
		ParcelDiscrepancies.Discrepancy opened = this.discrepancies.byOperations(f.tracking,
				new ParcelDiscrepancies.NewDiscrepancy(ParcelDiscrepancies.Kind.SHORT, "Packed one mug short", null,
						null),
				"operations@concierge.example", "::1");

		Ticket.Thread thread = this.tickets.thread(caller(f), opened.ticket()).orElseThrow();
		assertThat(thread.ticket().openedBy()).isEqualTo(Ticket.Opener.warehouse());
		assertThat(thread.messages().getFirst().authorKind()).isEqualTo("SYSTEM");
		assertThat(this.mvc.get().uri("/tickets/{n}", opened.ticket()).with(customer(f))).hasStatusOk()
			.bodyText()
			.contains("Opened for you by our warehouse.");
	}

	private void assertNothingWritten(Fixture f) {
		assertThat(this.jdbc.sql("select count(*) from parcel_discrepancy where tracking_number = ?")
			.param(f.tracking)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("select count(*) from ticket where account = ?")
			.param(f.customer)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc
			.sql("select count(*) from document where owner_account = ? and kind in ('DELIVERY_PROOF', 'GENERAL')")
			.param(f.customer)
			.query(Long.class)
			.single()).isZero();
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor customer(Fixture f) {
		return user(f.customerEmail).roles("CUSTOMER");
	}

	private Caller caller(Fixture f) {
		return this.callers.of((Principal) f::customerEmail);
	}

	record Fixture(Partner carrier, String driver, String number, String tracking, UUID customer,
			String customerEmail) {

	}

	private Fixture fixture() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		Partner carrier = this.partners.create(Partner.Kind.CARRIER, "Problems " + tag, "pp-" + tag, "ops", "::1");
		String driver = TestLogins.partner(this.accounts).email();
		CarrierTests.join(this.jdbc, driver, carrier);
		String customerEmail = TestLogins.customer(this.accounts).email();
		UUID customer = this.accounts.findByEmail(EmailAddress.of(customerEmail)).orElseThrow().id();
		Instant shippedAt = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
		String number = this.orders
			.place(Orders.of(customer, null, shippedAt.minus(Duration.ofDays(1)), "MUG-01", "Stoneware mug"));
		String tracking = "PP" + tag.toUpperCase();
		this.orders.apply(new FulfilmentUpdate(number, LineStatus.SHIPPED, shippedAt, List.of(), "pp-" + tag, null,
				tracking, null, null));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.shipments.find(carrier, tracking).isPresent());
		return new Fixture(carrier, driver, number, tracking, customer, customerEmail);
	}

}
