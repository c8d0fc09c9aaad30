package io.concierge.tracking;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.concierge.IntegrationTest;
import io.concierge.orders.Channel;
import io.concierge.orders.DeliveryStage;
import io.concierge.orders.FulfilmentUpdate;
import io.concierge.orders.LineStatus;
import io.concierge.orders.NewOrder;
import io.concierge.orders.OrderDetails;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.Orders;
import io.concierge.shared.Signatures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Carriers' webhooks: signed events move the parcel and its lines; a resent event adds
 * nothing; a late one never rolls a delivered parcel back; a bad signature, a tampered
 * body or an unreadable event changes nothing.
 */
@IntegrationTest
class CarrierWebhookTests {

	private static final String EASYPOST = "test-easypost-secret";

	private static final String AFTERSHIP = "test-aftership-secret";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	OrderManagement orders;

	@Test
	void scansMoveTheParcelAndItsLinesOnceAndADeliveredParcelStaysDelivered() {
		String tracking = "JD" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		String number = shipped(tracking);

		byte[] inTransit = CarrierPayloads.easyPostInTransit(tracking).getBytes(StandardCharsets.UTF_8);
		assertThat(easyPost(inTransit, easyPostSignature(inTransit, EASYPOST))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.newScans")
			.isEqualTo(2);
		OrderDetails.ShipmentView parcel = this.orders.details(number).shipments().getFirst();
		assertThat(parcel.stage()).isEqualTo(DeliveryStage.IN_TRANSIT);
		assertThat(parcel.carrierEstimate()).isEqualTo(LocalDate.of(2026, 11, 25));
		assertThat(parcel.lastLocation()).isEqualTo("Leipzig, DE");
		assertThat(this.orders.details(number).lines()).extracting(OrderDetails.Line::status)
			.containsOnly(LineStatus.IN_TRANSIT);

		assertThat(easyPost(inTransit, easyPostSignature(inTransit, EASYPOST))).as("the same event again")
			.bodyJson()
			.extractingPath("$.newScans")
			.isEqualTo(0);

		byte[] delivered = CarrierPayloads.afterShipDelivered(tracking).getBytes(StandardCharsets.UTF_8);
		assertThat(afterShip(delivered, base64(delivered, AFTERSHIP))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.stage")
			.isEqualTo("DELIVERED");
		OrderDetails delivery = this.orders.details(number);
		assertThat(delivery.shipments().getFirst().signedBy()).isEqualTo("J. KELLER");
		assertThat(delivery.lines()).extracting(OrderDetails.Line::status).containsOnly(LineStatus.DELIVERED);
		assertThat(delivery.shipments().getFirst().checkpoints()).as("the Leipzig scan came twice, once counted")
			.hasSize(4)
			.first()
			.satisfies((latest) -> assertThat(latest.description()).isEqualTo("Delivered – signed for by: J. KELLER"));

		byte[] late = CarrierPayloads.easyPostInTransit(tracking)
			.replace("2026-11-21T06:12:00+01:00", "2026-11-24T12:00:00+01:00")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(easyPost(late, easyPostSignature(late, EASYPOST))).bodyJson()
			.extractingPath("$.stage")
			.isEqualTo("DELIVERED");
		assertThat(this.orders.details(number).shipments().getFirst().checkpoints()).as("kept in the history")
			.hasSize(5);
		assertThat(this.orders.details(number).lines()).extracting(OrderDetails.Line::status)
			.containsOnly(LineStatus.DELIVERED);
	}

	@Test
	void aFailedAttemptSaysSoAndBringsTheRevisedDate() {
		String tracking = "0150" + System.nanoTime();
		String number = shipped(tracking);
		byte[] failed = CarrierPayloads.afterShipFailedAttempt(tracking).getBytes(StandardCharsets.UTF_8);

		assertThat(afterShip(failed, base64(failed, AFTERSHIP))).hasStatusOk();
		OrderDetails order = this.orders.details(number);
		assertThat(order.shipments().getFirst().stage()).isEqualTo(DeliveryStage.FAILED_ATTEMPT);
		assertThat(order.shipments().getFirst().carrierEstimate()).isEqualTo(LocalDate.of(2026, 11, 26));
		assertThat(order.shipments().getFirst().checkpoints().getFirst().location()).isEqualTo("München, DE");
		assertThat(order.lines()).extracting(OrderDetails.Line::status).containsOnly(LineStatus.DELIVERY_FAILED);
	}

	@Test
	void badSignaturesAndUnreadableEventsChangeNothing() {
		String tracking = "JD" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		String number = shipped(tracking);
		byte[] body = CarrierPayloads.easyPostInTransit(tracking).getBytes(StandardCharsets.UTF_8);
		byte[] tampered = CarrierPayloads.easyPostInTransit(tracking)
			.replace("Leipzig", "Lüneburg")
			.getBytes(StandardCharsets.UTF_8);
		byte[] aBody = CarrierPayloads.afterShipDelivered(tracking).getBytes(StandardCharsets.UTF_8);

		assertThat(easyPost(body, easyPostSignature(body, "wrong-secret"))).hasStatus(401);
		assertThat(easyPost(body, null)).hasStatus(401);
		assertThat(easyPost(tampered, easyPostSignature(body, EASYPOST))).hasStatus(401);
		assertThat(easyPost(body, "hmac-sha256-hex=zz")).hasStatus(401);
		assertThat(afterShip(aBody,
				"hmac-sha256-hex=" + HexFormat.of().formatHex(Signatures.hmacSha256(aBody, AFTERSHIP))))
			.as("hex where base64 is due")
			.hasStatus(401);
		assertThat(afterShip(aBody, easyPostSignature(aBody, AFTERSHIP))).hasStatus(401);
		byte[] broken = "{\"msg\": {\"tracking_number\": ".getBytes(StandardCharsets.UTF_8);
		assertThat(afterShip(broken, base64(broken, AFTERSHIP))).hasStatus(400);
		assertThat(this.mvc.post().uri("/api/webhooks/fedex").contentType(MediaType.APPLICATION_JSON).content(body))
			.hasStatus(404);

		assertThat(this.orders.details(number).shipments().getFirst().stage()).isNull();
		assertThat(this.orders.details(number).shipments().getFirst().checkpoints()).isEmpty();
	}

	@Test
	void anEventAboutAParcelNoOneKnowsIsTakenAndIgnored() {
		byte[] body = CarrierPayloads.easyPostInTransit("UNKNOWN" + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
		assertThat(easyPost(body, easyPostSignature(body, EASYPOST))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.orderNumber")
			.isNull();
	}

	@Test
	void aTrackingNotYetKnownIsAddedToTheOrderAfterShipNames() {
		NewOrder placed = Orders.of(UUID.randomUUID(), null, Instant.parse("2026-11-19T09:00:00Z"), "MUG-01",
				"Stoneware mug");
		String number = this.orders.place(placed);
		String tracking = "JD" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		byte[] body = CarrierPayloads.afterShipDelivered(tracking)
			.replace(tracking + "\",",
					tracking + "\", \"order_id\": \"" + placed.externalReference() + "\", \"order_number\": \"#1042\",")
			.getBytes(StandardCharsets.UTF_8);

		assertThat(afterShip(body, base64(body, AFTERSHIP))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.orderNumber")
			.isEqualTo(number);
		OrderDetails order = this.orders.details(number);
		assertThat(order.shipments()).singleElement().satisfies((parcel) -> {
			assertThat(parcel.trackingNumber()).isEqualTo(tracking);
			assertThat(parcel.carrier()).isEqualTo("dhl");
			assertThat(parcel.stage()).isEqualTo(DeliveryStage.DELIVERED);
			assertThat(parcel.checkpoints()).hasSize(3);
		});
		assertThat(order.lines()).extracting(OrderDetails.Line::status).containsOnly(LineStatus.DELIVERED);

		assertThat(afterShip(body, base64(body, AFTERSHIP))).as("the same event again: the parcel is known now")
			.bodyJson()
			.extractingPath("$.newScans")
			.isEqualTo(0);
		assertThat(this.orders.details(number).shipments()).hasSize(1);
	}

	@Test
	void aTrackingIsNotAddedToAnOrderItsReferenceDoesNotNameAlone() {
		String reference = "shared-" + UUID.randomUUID();
		NewOrder web = Orders.of(UUID.randomUUID(), null, Instant.now(), "MUG-01", "Stoneware mug");
		this.orders.place(new NewOrder(web.channel(), reference, null, web.account(), null, web.placedAt(), web.lines(),
				web.shipTo(), web.billTo(), web.totals(), null, null));
		this.orders.place(new NewOrder(Channel.CSV, reference, null, web.account(), null, web.placedAt(), web.lines(),
				web.shipTo(), web.billTo(), web.totals(), null, null));
		String tracking = "JD" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		byte[] body = CarrierPayloads.afterShipDelivered(tracking)
			.replace(tracking + "\",", tracking + "\", \"order_number\": \"" + reference + "\",")
			.getBytes(StandardCharsets.UTF_8);

		assertThat(afterShip(body, base64(body, AFTERSHIP))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.orderNumber")
			.isNull();
	}

	private String shipped(String tracking) {
		// placed before the carriers' scans of November, whatever day the tests run on
		String number = this.orders.place(Orders.of(UUID.randomUUID(), null, Instant.parse("2026-11-19T09:00:00Z"),
				"MUG-01", "Stoneware mug", "POT-07", "Teapot"));
		this.orders.apply(new FulfilmentUpdate(number, LineStatus.SHIPPED, Instant.parse("2026-11-20T09:00:00Z"),
				List.of(), "DHL", "Express", tracking, LocalDate.of(2026, 11, 25), null));
		return number;
	}

	private MvcTestResult easyPost(byte[] body, String signature) {
		var request = this.mvc.post()
			.uri("/api/webhooks/easypost")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
		return (signature != null) ? request.header("X-Hmac-Signature", signature).exchange() : request.exchange();
	}

	private MvcTestResult afterShip(byte[] body, String signature) {
		return this.mvc.post()
			.uri("/api/webhooks/aftership")
			.contentType(MediaType.APPLICATION_JSON)
			.header("aftership-hmac-sha256", signature)
			.content(body)
			.exchange();
	}

	static String easyPostSignature(byte[] body, String secret) {
		return "hmac-sha256-hex=" + HexFormat.of().formatHex(Signatures.hmacSha256(body, secret));
	}

	static String base64(byte[] body, String secret) {
		return Base64.getEncoder().encodeToString(Signatures.hmacSha256(body, secret));
	}

}
