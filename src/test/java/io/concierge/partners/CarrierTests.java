package io.concierge.partners;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.PlatformTransactionManager;

import io.concierge.IntegrationTest;
import io.concierge.documents.Documents;
import io.concierge.identity.Accounts;
import io.concierge.identity.TestLogins;
import io.concierge.orders.DeliveryStage;
import io.concierge.orders.FulfilmentUpdate;
import io.concierge.orders.LineStatus;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.Orders;
import io.concierge.orders.ShipmentTracking;
import io.concierge.privacy.AuditQuery;
import io.concierge.privacy.AuditTrail;
import io.concierge.shared.EmailAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Carriers in the partner portal: they see the parcels shipped with their name, report
 * stages by form, CSV and API and prove deliveries, each moving the customer's order;
 * they book pickups up to the warehouse's capacity; bad input changes nothing, says why
 * and is in the audit trail.
 */
@IntegrationTest
class CarrierTests {

	@Autowired
	Partners partners;

	@Autowired
	CarrierShipments shipments;

	@Autowired
	CarrierPickups pickups;

	@Autowired
	OrderManagement orders;

	@Autowired
	Accounts accounts;

	@Autowired
	AuditTrail trail;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ShipmentTracking tracking;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	MockMvcTester mvc;

	@Test
	void aCarrierSeesItsParcelsAndEveryReportMovesTheCustomersOrder() {
		Fixture f = fixture();
		assertThat(
				this.shipments.list(f.carrier, new CarrierShipments.ShipmentFilter(null, null, null, 1), ZoneOffset.UTC)
					.shipments())
			.extracting(CarrierShipments.CarrierShipment::trackingNumber)
			.containsExactly(f.tracking);
		assertThat(this.shipments
			.list(f.carrier, new CarrierShipments.ShipmentFilter("NEW", f.number.toLowerCase(), null, 1),
					ZoneOffset.UTC)
			.total()).isEqualTo(1);
		assertThat(this.shipments
			.list(f.carrier, new CarrierShipments.ShipmentFilter("IN_TRANSIT", null, null, 1), ZoneOffset.UTC)
			.total()).isZero();

		// by form
		assertThat(this.mvc.post()
			.uri("/partner/shipments/{t}/events", f.tracking)
			.param("stage", "IN_TRANSIT")
			.param("occurredAt",
					f.shippedAt.plus(Duration.ofMinutes(10))
						.atOffset(ZoneOffset.UTC)
						.toLocalDateTime()
						.truncatedTo(ChronoUnit.MINUTES)
						.toString())
			.param("location", "Leipzig, DE")
			.with(user(f.driver).roles("PARTNER"))
			.with(csrf())).hasRedirectedUrl("/partner/shipments/" + f.tracking);
		assertThat(this.orders.details(f.number).shipments().getFirst().stage()).isEqualTo(DeliveryStage.IN_TRANSIT);
		assertThat(this.orders.details(f.number).shipments().getFirst().lastLocation()).isEqualTo("Leipzig, DE");

		// by API
		assertThat(this.mvc.post()
			.uri("/api/partner/shipments/{t}/events", f.tracking)
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"""
							{"stage": "OUT_FOR_DELIVERY", "occurredAt": "%s", "location": "Leipzig, DE", "description": "On the van"}
							"""
						.formatted(f.shippedAt.plus(Duration.ofMinutes(20))))
			.with(user(f.driver).roles("PARTNER"))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.stage")
			.isEqualTo("OUT_FOR_DELIVERY");
		assertThat(this.orders.details(f.number).shipments().getFirst().stage())
			.isEqualTo(DeliveryStage.OUT_FOR_DELIVERY);
		assertThat(this.mvc.post()
			.uri("/api/partner/shipments/{t}/events", f.tracking)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"stage\": \"TELEPORTED\"}")
			.with(user(f.driver).roles("PARTNER"))).hasStatus(422)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyText()
			.contains("is not a stage");

		assertThat(
				this.mvc.get().uri("/partner/shipments").param("q", f.tracking).with(user(f.driver).roles("PARTNER")))
			.hasStatusOk()
			.bodyText()
			.contains(f.tracking, f.number, "Out for delivery");
	}

	@Test
	void anotherCarriersParcelIsUnknownNothingChangesAndTheAttemptIsAudited() {
		Fixture f = fixture();
		Fixture other = fixture();
		assertThatThrownBy(() -> this.shipments.report(other.carrier, f.tracking,
				new CarrierShipments.StatusUpdate(DeliveryStage.DELIVERED, Instant.now(), null, null), "partner",
				other.driver, "::1"))
			.isInstanceOfSatisfying(ShipmentRefused.class, (ex) -> assertThat(ex.unknown()).isTrue());
		assertThat(this.mvc.post()
			.uri("/partner/shipments/{t}/events", f.tracking)
			.param("stage", "DELIVERED")
			.with(user(other.driver).roles("PARTNER"))
			.with(csrf())).hasStatus(404);
		assertThat(this.mvc.post()
			.uri("/api/partner/shipments/{t}/events", f.tracking)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"stage\": \"DELIVERED\"}")
			.with(user(other.driver).roles("PARTNER"))).hasStatus(404);
		assertThat(this.mvc.get().uri("/partner/shipments/{t}", f.tracking).with(user(other.driver).roles("PARTNER")))
			.hasStatus(404);
		assertThat(this.orders.details(f.number).shipments().getFirst().stage()).isNull();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.trail.search(new AuditQuery(other.driver, null, 50))
				.entries()
				.stream()
				.anyMatch((entry) -> entry.action().equals("partners.shipment.refused")
						&& entry.subject().contains(f.tracking) && entry.subject().endsWith("unknown")));
	}

	@Test
	void aStageTheParcelCannotGoToIsRefusedSayingWhy() {
		Fixture f = fixture();
		assertRefused(() -> this.shipments.report(f.carrier, f.tracking,
				new CarrierShipments.StatusUpdate(DeliveryStage.LABEL_CREATED, Instant.now(), null, null), "partner",
				f.driver, "::1"), "label");
		assertRefused(
				() -> this.shipments.report(f.carrier, f.tracking,
						new CarrierShipments.StatusUpdate(DeliveryStage.IN_TRANSIT,
								Instant.now().plus(Duration.ofHours(3)), null, null),
						"partner", f.driver, "::1"),
				"future");
		assertRefused(
				() -> this.shipments.report(f.carrier, f.tracking,
						new CarrierShipments.StatusUpdate(DeliveryStage.IN_TRANSIT,
								f.shippedAt.minus(Duration.ofDays(1)), null, null),
						"partner", f.driver, "::1"),
				"early");
		this.shipments.report(f.carrier, f.tracking,
				new CarrierShipments.StatusUpdate(DeliveryStage.DELIVERED, Instant.now(), "Porch", null), "partner",
				f.driver, "::1");
		assertRefused(() -> this.shipments.report(f.carrier, f.tracking,
				new CarrierShipments.StatusUpdate(DeliveryStage.IN_TRANSIT, Instant.now(), null, null), "partner",
				f.driver, "::1"), "final");
		assertThat(this.orders.details(f.number).shipments().getFirst().stage()).isEqualTo(DeliveryStage.DELIVERED);

		assertThat(this.mvc.post()
			.uri("/partner/shipments/{t}/events", f.tracking)
			.param("stage", "RETURNED_TO_SENDER")
			.with(user(f.driver).roles("PARTNER"))
			.with(csrf())).hasStatus(422).bodyText().contains("delivered or sent back already");

		// delivered without proof: flagged to the carrier and to operations
		assertThat(this.shipments.find(f.carrier, f.tracking).orElseThrow().unproven()).isTrue();
		assertThat(this.shipments.unproven(500)).anyMatch((s) -> s.trackingNumber().equals(f.tracking));
		assertThat(this.mvc.get().uri("/operations/pickups").with(user("ops@concierge.example").roles("OPERATIONS")))
			.hasStatusOk()
			.bodyText()
			.contains(f.tracking);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.trail.search(new AuditQuery(f.driver, null, 50))
				.entries()
				.stream()
				.anyMatch((entry) -> entry.action().equals("partners.shipment.refused")
						&& entry.subject().endsWith("label")));
	}

	@Test
	void aCsvUploadAppliesTheGoodLinesAndListsTheOthersByNumber() {
		Fixture f = fixture();
		Fixture other = fixture();
		String at = f.shippedAt.plus(Duration.ofMinutes(5)).toString();
		String csv = """
				tracking_number,stage,occurred_at,location,description
				%s,IN_TRANSIT,%s,"Leipzig, DE",Sorted
				%s,IN_TRANSIT,%s,Köln,Not ours
				%s,FLYING,%s,,
				%s,OUT_FOR_DELIVERY,yesterday
				""".formatted(f.tracking, at, other.tracking, at, f.tracking, at, f.tracking);
		assertThat(this.mvc.post()
			.uri("/partner/shipments/upload")
			.multipart()
			.file(new MockMultipartFile("file", "scans.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
			.with(user(f.driver).roles("PARTNER"))
			.with(csrf())).hasStatus(422)
			.bodyText()
			.contains("1 line was applied.", "3 lines were not applied:", "Line 3: No parcel of yours",
					"Line 4: “FLYING” is not a stage", "Line 5: “yesterday” is not a time");
		assertThat(this.orders.details(f.number).shipments().getFirst().lastLocation()).isEqualTo("Leipzig, DE");
		assertThat(this.orders.details(other.number).shipments().getFirst().stage()).isNull();
	}

	@Test
	void aProofOfDeliveryIsTheSignedDeliveredScanAndTheCustomerSeesIt() throws Exception {
		Fixture f = fixture();
		// a photo that is not one
		assertThat(this.mvc.post()
			.uri("/partner/shipments/{t}/proof", f.tracking)
			.multipart()
			.file(new MockMultipartFile("photo", "door.jpg", "image/jpeg", "%PDF-1.4 not a photo".getBytes()))
			.param("recipient", "J. Keller")
			.with(user(f.driver).roles("PARTNER"))
			.with(csrf())).hasStatus(422).bodyText().contains("The photo is not an image");
		assertThat(this.orders.details(f.number).shipments().getFirst().stage()).isNull();
		assertRefused(() -> this.shipments.prove(f.carrier, f.tracking,
				new CarrierShipments.Proof("J. Keller", Instant.now(), null, null, null, null, null, null), f.driver,
				"::1"), "proofMissing");

		assertThat(this.mvc.post()
			.uri("/partner/shipments/{t}/proof", f.tracking)
			.multipart()
			.param("recipient", "J. Keller")
			.param("location", "Front door")
			.param("latitude", "51.339700")
			.param("longitude", "12.373100")
			.param("signature", "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png()))
			.with(user(f.driver).roles("PARTNER"))
			.with(csrf())).hasRedirectedUrl("/partner/shipments/" + f.tracking);

		var parcel = this.orders.details(f.number).shipments().getFirst();
		assertThat(parcel.stage()).isEqualTo(DeliveryStage.DELIVERED);
		assertThat(parcel.signedBy()).isEqualTo("J. Keller");
		List<CarrierShipments.DeliveryProof> proofs = this.shipments.proofs(f.number, f.customer);
		assertThat(proofs).singleElement().satisfies((proof) -> {
			assertThat(proof.signature()).isNotNull();
			assertThat(proof.latitude()).isEqualByComparingTo("51.3397");
		});
		assertThat(this.shipments.find(f.carrier, f.tracking).orElseThrow().unproven()).isFalse();

		assertThat(this.mvc.get()
			.uri("/orders/{n}/delivery-proof", f.number)
			.with(user(f.customerEmail).roles("CUSTOMER"))).hasStatusOk()
			.bodyText()
			.contains("Received by J. Keller", "/documents/" + proofs.getFirst().signature() + "/content");
		assertThat(this.mvc.get()
			.uri("/documents/{id}/content", proofs.getFirst().signature())
			.with(user(f.customerEmail).roles("CUSTOMER"))).hasStatusOk().hasContentType("image/png");
		String stranger = TestLogins.customer(this.accounts).email();
		assertThat(this.mvc.get().uri("/orders/{n}/delivery-proof", f.number).with(user(stranger).roles("CUSTOMER")))
			.bodyText()
			.doesNotContain("J. Keller");
		assertRefused(() -> this.shipments.prove(f.carrier, f.tracking,
				new CarrierShipments.Proof("Someone", Instant.now(), null, null, null, null, null, png()), f.driver,
				"::1"), "proven");
	}

	@Test
	void aPhotoWithMalwareIsRefusedAndNothingIsRecorded() throws Exception {
		Fixture f = fixture();
		Documents scanning = mock(Documents.class);
		when(scanning.keep(any(), any(), any(), any(), any(), any()))
			.thenReturn(new Documents.Kept(UUID.randomUUID(), Documents.State.QUARANTINED));
		CarrierShipments withScanner = new CarrierShipments(this.jdbc, this.tracking, this.orders, scanning,
				this.accounts, this.events, this.transactions, Clock.systemUTC());
		assertRefused(() -> withScanner.prove(f.carrier, f.tracking,
				new CarrierShipments.Proof("J. Keller", Instant.now(), null, null, null, png(), "door.png", null),
				f.driver, "::1"), "malware");
		assertThat(this.orders.details(f.number).shipments().getFirst().stage()).isNull();
		assertThat(this.shipments.proofs(f.number, null)).isEmpty();
	}

	@Test
	void aPickupIsBookedUpToTheWindowsCapacity() {
		LocalDate day = this.pickups.days().getLast();
		String window = this.pickups.windows().getLast();
		int free = this.pickups.windows(day).getLast().capacity() - this.pickups.windows(day).getLast().booked();
		Fixture first = fixture();
		CarrierPickups.Pickup pickup = this.pickups.request(first.carrier, day, window, 12, first.driver, "::1");
		assertThat(pickup.status()).isEqualTo(CarrierPickups.Status.REQUESTED);
		assertRefused(() -> this.pickups.request(first.carrier, day, window, 3, first.driver, "::1"), "pickupTwice");
		for (int i = 1; i < free; i++) {
			Fixture next = fixture();
			this.pickups.request(next.carrier, day, window, 1, next.driver, "::1");
		}
		Fixture late = fixture();
		assertThat(this.mvc.post()
			.uri("/partner/pickups")
			.param("day", day.toString())
			.param("window", window)
			.param("parcels", "4")
			.with(user(late.driver).roles("PARTNER"))
			.with(csrf())).hasStatus(422).bodyText().contains("This window is full");
		assertThat(this.pickups.of(late.carrier)).isEmpty();
		assertRefused(() -> this.pickups.request(late.carrier, day.plusDays(30), window, 1, late.driver, "::1"),
				"pickupDay");

		this.pickups.confirm(pickup.id(), "ops@concierge.example", "::1");
		assertThat(this.mvc.get().uri("/operations/pickups").with(user("ops@concierge.example").roles("OPERATIONS")))
			.hasStatusOk()
			.bodyText()
			.contains(first.carrier.name(), window, "Confirmed");
		assertThat(this.mvc.get().uri("/operations/pickups").with(user(first.driver).roles("PARTNER"))).hasStatus(403);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.trail.search(new AuditQuery(late.driver, null, 50))
				.entries()
				.stream()
				.anyMatch((entry) -> entry.action().equals("partners.pickup.refused")
						&& entry.subject().endsWith("pickupFull")));
	}

	private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
		assertThatThrownBy(call).isInstanceOfSatisfying(ShipmentRefused.class,
				(ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	static byte[] png() throws java.io.IOException {
		BufferedImage image = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
		image.getGraphics().drawLine(2, 2, 60, 30);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	record Fixture(Partner carrier, String driver, String number, String tracking, Instant shippedAt, UUID customer,
			String customerEmail) {

	}

	/**
	 * A carrier of its own with a driver, and a customer's order shipped with it.
	 */
	private Fixture fixture() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		Partner carrier = this.partners.create(Partner.Kind.CARRIER, "Carrier " + tag, "ct-" + tag, "ops", "::1");
		String driver = TestLogins.partner(this.accounts).email();
		join(this.jdbc, driver, carrier);
		String customerEmail = TestLogins.customer(this.accounts).email();
		UUID customer = this.accounts.findByEmail(EmailAddress.of(customerEmail)).orElseThrow().id();
		Instant shippedAt = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
		String number = this.orders
			.place(Orders.of(customer, null, shippedAt.minus(Duration.ofDays(1)), "MUG-01", "Stoneware mug"));
		String tracking = "CT" + tag.toUpperCase();
		this.orders.apply(new FulfilmentUpdate(number, LineStatus.SHIPPED, shippedAt, List.of(), "ct-" + tag, null,
				tracking, null, null));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.shipments.find(carrier, tracking).isPresent());
		return new Fixture(carrier, driver, number, tracking, shippedAt, customer, customerEmail);
	}

	/**
	 * Makes an account work for a partner, as an invitation does.
	 */
	static void join(JdbcClient jdbc, String email, Partner partner) {
		jdbc.sql("""
				insert into partner_member (account_id, partner_id, invited_by, invited_at)
				select id, ?, 'test', now() from account where email = ?""").params(partner.id(), email).update();
	}

}
