package io.concierge.partners;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;
import io.concierge.notifications.MailOutbox;
import io.concierge.orders.FulfilmentUpdate;
import io.concierge.orders.LineStatus;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.Orders;
import io.concierge.privacy.AuditQuery;
import io.concierge.privacy.AuditTrail;
import io.concierge.shared.EmailAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Vendors in the partner portal: stock reported through the API, kept as history, lowered
 * when orders ship its SKUs and mailed once per crossing of its threshold; purchase
 * orders by CSV or form acknowledged line by line, shipped, received, with discrepancies
 * and order-to-ship time; bad input refused saying why, nothing changed, an audit entry
 * kept; and one vendor never sees another's.
 */
@IntegrationTest
class VendorTests {

	@Autowired
	Partners partners;

	@Autowired
	VendorStock stock;

	@Autowired
	PurchaseOrders orders;

	@Autowired
	OrderManagement management;

	@Autowired
	MailOutbox outbox;

	@Autowired
	AuditTrail trail;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	record Vendor(Partner partner, String email) {

	}

	Vendor vendor(String tag) {
		Partner partner = this.partners.create(Partner.Kind.VENDOR, "Vendor " + tag, null, "ops", "::1");
		String email = "buyer-" + tag + "@vendor.example";
		this.partners.invite(partner.id(), email, "Robin Buyer", "http://localhost", "ops", "::1");
		return new Vendor(partner, email);
	}

	static String tag() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	private MockMvcTester.MockMvcRequestBuilder put(Vendor vendor, String json) {
		return this.mvc.put()
			.uri("/api/partner/stock")
			.contentType(MediaType.APPLICATION_JSON)
			.content(json)
			.with(user(vendor.email()).roles("PARTNER"))
			.with(csrf());
	}

	@Test
	void stockIsReportedKeptAsHistoryAndLoweredWhenOrdersShipTheVendorsSkus() {
		String tag = tag();
		Vendor vendor = vendor(tag);
		String sku = "VT-" + tag;
		assertThat(put(vendor, """
				[{"sku": "%s", "location": "Berlin", "quantity": 10},
				 {"sku": "%s", "location": "Hamburg", "quantity": 4}]""".formatted(sku, sku))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.changed")
			.isEqualTo(2);
		assertThat(this.stock.levels(vendor.partner())).extracting(VendorStock.Level::quantity).containsExactly(10, 4);

		String number = this.management
			.place(Orders.of(UUID.randomUUID(), null, Instant.now(), sku, "Vendor's jug", "MUG-01", "Stoneware mug"));
		this.management.apply(new FulfilmentUpdate(number, LineStatus.SHIPPED, Instant.now(),
				List.of(new FulfilmentUpdate.LineRef(sku, null)), "DHL", null, "JD" + tag, null, null));

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.stock.levels(vendor.partner()).getFirst().quantity() == 9);
		assertThat(this.stock.history(vendor.partner(), sku)).first().satisfies((movement) -> {
			assertThat(movement.reason()).isEqualTo("SHIPPED");
			assertThat(movement.reference()).isEqualTo(number);
			assertThat(movement.change()).isEqualTo(-1);
		});
		assertThat(this.mvc.get().uri("/partner/stock/" + sku).with(user(vendor.email()).roles("PARTNER")))
			.hasStatusOk()
			.bodyText()
			.contains("Shipped with order " + number, "Reported by " + vendor.email());
	}

	@Test
	void aSkuRunningLowIsMailedToTheVendorOncePerCrossing() {
		String tag = tag();
		Vendor vendor = vendor(tag);
		String sku = "LOW-" + tag;
		report(vendor, sku, 10);
		this.stock.threshold(vendor.partner(), sku, 5, vendor.email(), "::1");
		report(vendor, sku, 3);
		report(vendor, sku, 2);
		await().atMost(Duration.ofSeconds(10)).until(() -> lowMails(vendor, sku) == 1);
		report(vendor, sku, 8);
		report(vendor, sku, 1);
		await().atMost(Duration.ofSeconds(10)).until(() -> lowMails(vendor, sku) == 2);
		assertThat(this.stock.levels(vendor.partner()).getFirst().low()).isTrue();
	}

	private void report(Vendor vendor, String sku, int quantity) {
		this.stock.report(vendor.partner(), List.of(new VendorStock.StockReport(sku, "Main", quantity)), vendor.email(),
				"::1");
	}

	private long lowMails(Vendor vendor, String sku) {
		return this.outbox.sentTo(EmailAddress.of(vendor.email()))
			.stream()
			.filter((mail) -> mail.getSubject().contains("Low stock: " + sku))
			.count();
	}

	@Test
	void aPurchaseOrderByCsvIsAcknowledgedShippedAndReceivedWithItsDiscrepancyOnBothSides() {
		String tag = tag();
		Vendor vendor = vendor(tag);
		report(vendor, "JUG-" + tag, 50);
		report(vendor, "BOWL-" + tag, 50);
		String later = LocalDate.now().plusDays(14).toString();
		String csv = """
				po_number,sku,quantity,unit_price,currency,requested_date
				PO-%1$s,JUG-%1$s,10,4.50,EUR,%2$s
				PO-%1$s,BOWL-%1$s,5,"12.00",EUR,2020-01-01
				""".formatted(tag, later);
		assertThat(this.mvc.post()
			.uri("/partner/purchase-orders/csv")
			.multipart()
			.file(new MockMultipartFile("file", "po.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
			.with(user(vendor.email()).roles("PARTNER"))
			.with(csrf())).hasRedirectedUrl("/partner/purchase-orders");

		PurchaseOrder order = this.orders.find(vendor.partner(), "PO-" + tag).orElseThrow();
		assertThat(order.status()).isEqualTo(PurchaseOrder.Status.ACKNOWLEDGED);
		assertThat(order.lines()).extracting(PurchaseOrder.Line::accepted).containsExactly(true, false);
		assertThat(order.lines().get(1).rejection()).isEqualTo("past");
		assertThat(order.acknowledgedAt()).isNotNull();

		PurchaseOrder shipped = this.orders.ship(vendor.partner(), "PO-" + tag, "ASN-" + tag, Map.of(1, 10),
				vendor.email(), "::1");
		assertThat(shipped.shippedAt()).isNotNull();
		assertThat(shipped.orderToShip()).isNotNull();
		assertThat(this.orders.orderToShip(vendor.partner()).shipped()).isEqualTo(1);

		assertThat(this.mvc.get()
			.uri("/operations/purchase-orders")
			.with(user("operations@concierge.example").roles("OPERATIONS"))).hasStatusOk()
			.bodyText()
			.contains("Vendor " + tag, "PO-" + tag);
		assertThat(this.mvc.post()
			.uri("/operations/purchase-orders/" + order.id() + "/receipt")
			.param("received-1", "9")
			.with(user("operations@concierge.example").roles("OPERATIONS"))
			.with(csrf())).hasRedirectedUrl("/operations/purchase-orders");

		PurchaseOrder received = this.orders.find(order.id()).orElseThrow();
		assertThat(received.status()).isEqualTo(PurchaseOrder.Status.RECEIVED);
		assertThat(received.receivedAt()).isNotNull();
		assertThat(received.lines().getFirst().discrepancy()).isTrue();
		assertThat(this.mvc.get().uri("/partner/purchase-orders/PO-" + tag).with(user(vendor.email()).roles("PARTNER")))
			.hasStatusOk()
			.bodyText()
			.contains("The warehouse received other quantities than were shipped.", "ASN-" + tag);
		assertThat(this.mvc.get().uri("/partner/purchase-orders").with(user(vendor.email()).roles("PARTNER")))
			.hasStatusOk()
			.bodyText()
			.contains("hours from submission to your ship notice, over 1 purchase orders");
	}

	@Test
	void badInputIsRefusedSayingWhyNothingChangesAndItIsAudited() {
		String tag = tag();
		Vendor vendor = vendor(tag);
		report(vendor, "CUP-" + tag, 5);

		assertThatThrownBy(() -> this.orders.submitCsv(vendor.partner(), new byte[] { (byte) 0x89, 'P', 'N', 'G', 0 },
				vendor.email(), "::1"))
			.isInstanceOfSatisfying(PurchaseOrderRefused.class,
					(ex) -> assertThat(ex.problems()).extracting(PurchaseOrderRefused.Problem::reason)
						.containsExactly("notCsv"));
		String csv = """
				po_number,sku,quantity,unit_price,currency,requested_date
				PO-%1$s,CUP-%1$s,3,1.00,EUR,2099-01-01
				PO-%1$s,NOPE-%1$s,3,1.00,EUR,2099-01-01
				PO-%1$s,CUP-%1$s,two,1.00,EUR,2099-01-01
				""".formatted(tag);
		assertThat(this.mvc.post()
			.uri("/partner/purchase-orders/csv")
			.multipart()
			.file(new MockMultipartFile("file", "po.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
			.with(user(vendor.email()).roles("PARTNER"))
			.with(csrf())).hasStatus(400)
			.bodyText()
			.contains("Line 3: “NOPE-" + tag + "” is not a SKU in your stock.",
					"Line 4: the quantity must be a whole number from 1 to 1,000,000, not “two”.");
		assertThat(this.orders.of(vendor.partner())).isEmpty();

		assertThatThrownBy(
				() -> this.orders.ship(vendor.partner(), "PO-NONE", "ASN-1", Map.of(1, 1), vendor.email(), "::1"))
			.isInstanceOfSatisfying(VendorRefused.class, (ex) -> assertThat(ex.reason()).isEqualTo("unknownPo"));
		assertThat(put(vendor, """
				[{"sku": "CUP-%s", "location": "Main", "quantity": -1}]""".formatted(tag))).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.entry")
			.isEqualTo(1);
		assertThat(this.stock.levels(vendor.partner())).extracting(VendorStock.Level::quantity).containsExactly(5);

		await().atMost(Duration.ofSeconds(10)).until(() -> {
			List<String> actions = this.trail.search(new AuditQuery(vendor.email(), null, 50))
				.entries()
				.stream()
				.map((entry) -> entry.action())
				.toList();
			return actions.containsAll(List.of("partners.vendor.refused.notCsv", "partners.vendor.refused.unknownSku",
					"partners.vendor.refused.unknownPo", "partners.vendor.refused.quantity"));
		});
	}

	@Test
	void aVendorNeverSeesAnotherVendorsPurchaseOrdersOrStock() {
		String tag = tag();
		Vendor owner = vendor(tag);
		Vendor other = vendor(tag + "-o");
		report(owner, "OWN-" + tag, 5);
		this.orders.submit(owner.partner(), "FORM",
				List.of(new PurchaseOrders.Draft(1, "PO-" + tag, "OWN-" + tag, "2", "3.00", "EUR", "2099-01-01")),
				owner.email(), "::1");

		assertThat(this.mvc.get().uri("/partner/purchase-orders/PO-" + tag).with(user(other.email()).roles("PARTNER")))
			.hasStatus(404);
		assertThat(this.mvc.get().uri("/partner/stock/OWN-" + tag).with(user(other.email()).roles("PARTNER")))
			.hasStatus(404);
		assertThat(this.mvc.post()
			.uri("/partner/purchase-orders/PO-" + tag + "/shipment")
			.param("shipment", "ASN-X")
			.param("shipped-1", "2")
			.with(user(other.email()).roles("PARTNER"))
			.with(csrf())).hasStatus(404);
		assertThat(this.orders.find(owner.partner(), "PO-" + tag).orElseThrow().status())
			.isEqualTo(PurchaseOrder.Status.ACKNOWLEDGED);
		assertThat(this.mvc.get().uri("/partner/purchase-orders").with(user(other.email()).roles("PARTNER")))
			.hasStatusOk()
			.bodyText()
			.doesNotContain("PO-" + tag);
		assertThat(this.mvc.get().uri("/partner/stock").with(user("alex.morgan@example.com").roles("CUSTOMER")))
			.hasStatus(403);
	}

	@Test
	void aPersonErasedIsReplacedInTheVendorsRecordsWhichStay(@Autowired VendorPersonalData data) {
		String tag = tag();
		Vendor vendor = vendor(tag);
		report(vendor, "ERA-" + tag, 5);
		this.orders.submit(vendor.partner(), "FORM",
				List.of(new PurchaseOrders.Draft(1, "PO-" + tag, "ERA-" + tag, "2", "3.00", "EUR", "2099-01-01")),
				vendor.email(), "::1");
		UUID account = this.partners.members(vendor.partner().id()).getFirst().account();
		io.concierge.shared.DataSubject subject = new io.concierge.shared.DataSubject(account, vendor.email(),
				"Robin Buyer", null);
		assertThat(data.export(subject).get("purchaseOrders")).hasSize(1);

		assertThat(data.erase(subject, "erased-" + tag)).first()
			.satisfies((erased) -> assertThat(erased.rows()).isEqualTo(2));
		assertThat(this.orders.find(vendor.partner(), "PO-" + tag).orElseThrow().submittedBy())
			.isEqualTo("erased-" + tag);
		assertThat(this.stock.history(vendor.partner(), "ERA-" + tag).getFirst().actor()).isEqualTo("erased-" + tag);
	}

	static String shipNotice(String order, String shipment, String item, int units) {
		String isa = "ISA*00*          *00*          *ZZ*VENDOR         *ZZ*CONCIERGE      *261207*1200*U*00401*000000001*0*P*>~";
		return isa + "GS*SH*VENDOR*CONCIERGE*20261207*1200*1*X*004010~ST*856*0001~BSN*00*" + shipment
				+ "*20261207*1200~HL*1**S~HL*2*1*O~PRF*" + order + "~HL*3*2*I~LIN*" + item + "~SN1**" + units
				+ "*EA~CTT*1~SE*9*0001~GE*1*1~IEA*1*000000001~";
	}

	@Test
	void anX12ShipNoticeShipsThePurchaseOrderAndOneForAnUnknownOrderIsRefused() {
		String tag = tag();
		Vendor vendor = vendor(tag);
		report(vendor, "TIN-" + tag, 5);
		this.orders.submit(vendor.partner(), "FORM",
				List.of(new PurchaseOrders.Draft(1, "PO-" + tag, "TIN-" + tag, "4", "3.00", "EUR", "2099-01-01")),
				vendor.email(), "::1");

		assertThat(this.mvc.post()
			.uri("/partner/purchase-orders/ship-notices")
			.multipart()
			.file(new MockMultipartFile("file", "asn.x12", "text/plain",
					shipNotice("PO-UNKNOWN", "ASN-" + tag, "1", 4).getBytes(StandardCharsets.UTF_8)))
			.with(user(vendor.email()).roles("PARTNER"))
			.with(csrf())).hasStatus(400).bodyText().contains("You have no purchase order PO-UNKNOWN.");
		assertThatThrownBy(() -> this.orders.shipX12(vendor.partner(), "not x12".getBytes(StandardCharsets.UTF_8),
				vendor.email(), "::1"))
			.isInstanceOfSatisfying(VendorRefused.class, (ex) -> assertThat(ex.reason()).isEqualTo("notX12"));
		assertThat(this.orders.find(vendor.partner(), "PO-" + tag).orElseThrow().status())
			.isEqualTo(PurchaseOrder.Status.ACKNOWLEDGED);

		PurchaseOrder shipped = this.orders.shipX12(vendor.partner(),
				shipNotice("PO-" + tag, "ASN-" + tag, "*VP*TIN-" + tag, 3).getBytes(StandardCharsets.UTF_8),
				vendor.email(), "::1");
		assertThat(shipped.status()).isEqualTo(PurchaseOrder.Status.SHIPPED);
		assertThat(shipped.shipmentNumber()).isEqualTo("ASN-" + tag);
		assertThat(shipped.lines().getFirst().shipped()).isEqualTo(3);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.trail.search(new AuditQuery(vendor.email(), null, 50))
				.entries()
				.stream()
				.anyMatch((entry) -> entry.action().equals("partners.vendor.refused.unknownPo")));
	}

}
