package io.concierge.partners;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;
import io.concierge.billing.InvalidSupplierInvoice;
import io.concierge.billing.SupplierInvoice;
import io.concierge.billing.SupplierInvoices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * A vendor's invoices for its shipped purchase orders, kept by billing as supplier
 * invoices: received, approved and paid by finance; bad input refused saying why with
 * nothing stored; one vendor never sees another's.
 */
@IntegrationTest
class VendorInvoiceTests {

	static final String OPS = "operations@concierge.example";

	@Autowired
	Partners partners;

	@Autowired
	VendorStock stock;

	@Autowired
	PurchaseOrders orders;

	@Autowired
	VendorInvoices invoices;

	@Autowired
	SupplierInvoices supplierInvoices;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	record Vendor(Partner partner, String email, String tag) {

	}

	Vendor vendor() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		Partner partner = this.partners.create(Partner.Kind.VENDOR, "Vendor " + tag, null, "ops", "::1");
		String email = "ap-" + tag + "@vendor.example";
		this.partners.invite(partner.id(), email, "Robin Buyer", "http://localhost", "ops", "::1");
		return new Vendor(partner, email, tag);
	}

	PurchaseOrder order(Vendor vendor, boolean ship) {
		String sku = "INV-" + vendor.tag();
		this.stock.report(vendor.partner(), List.of(new VendorStock.StockReport(sku, "Main", 100)), vendor.email(),
				"::1");
		String number = "PO-" + vendor.tag();
		this.orders.submit(vendor.partner(), "FORM", List
			.of(new PurchaseOrders.Draft(1, number, sku, "10", "5.00", "EUR", LocalDate.now().plusDays(10).toString())),
				vendor.email(), "::1");
		if (ship) {
			this.orders.ship(vendor.partner(), number, "ASN-" + vendor.tag(), Map.of(1, 10), vendor.email(), "::1");
		}
		return this.orders.find(vendor.partner(), number).orElseThrow();
	}

	static VendorInvoices.Draft draft(String number) {
		return new VendorInvoices.Draft(number, "2026-11-20", "2026-12-20", "EUR", "50.00", "9.50", "59.50");
	}

	private MockMvcTester.MockMultipartMvcRequestBuilder post(Vendor vendor, String order, String number, String net,
			String tax, String gross, String issued, String due) {
		return this.mvc.post()
			.uri("/partner/purchase-orders/" + order + "/invoices")
			.multipart()
			.param("invoiceNumber", number)
			.param("issuedOn", issued)
			.param("dueOn", due)
			.param("currency", "EUR")
			.param("net", net)
			.param("tax", tax)
			.param("gross", gross)
			.with(user(vendor.email()).roles("PARTNER"))
			.with(csrf());
	}

	private long stored(Vendor vendor) {
		return this.jdbc.sql("select count(*) from supplier_invoice where supplier_id = ?")
			.param(vendor.partner().id())
			.query(Long.class)
			.single();
	}

	@Test
	void anInvoiceForAShippedOrderIsReceivedApprovedAndPaid() {
		Vendor vendor = vendor();
		PurchaseOrder order = order(vendor, true);
		assertThat(
				post(vendor, order.number(), "R-" + vendor.tag(), "50.00", "9.50", "59.50", "2026-11-20", "2026-12-20"))
			.hasRedirectedUrl("/partner/purchase-orders/" + order.number());
		SupplierInvoice invoice = this.invoices.of(vendor.partner()).getFirst();
		assertThat(invoice.status()).isEqualTo(SupplierInvoice.Status.RECEIVED);
		assertThat(invoice.reference()).isEqualTo(order.number());
		assertThat(invoice.gross()).isEqualByComparingTo("59.50");
		assertThat(invoice.submittedBy()).isEqualTo(vendor.email());

		assertThat(this.mvc.get().uri("/partner/invoices").with(user(vendor.email()).roles("PARTNER"))).hasStatusOk()
			.bodyText()
			.contains("R-" + vendor.tag(), "Received", "Your invoices, newest first");
		assertThat(this.mvc.get().uri("/operations/supplier-invoices").with(user(OPS).roles("OPERATIONS")))
			.hasStatusOk()
			.bodyText()
			.contains("Vendor " + vendor.tag(), "R-" + vendor.tag(), "Not counted at the warehouse yet");

		assertThat(this.mvc.post()
			.uri("/operations/supplier-invoices/" + invoice.id() + "/approval")
			.with(user(OPS).roles("OPERATIONS"))
			.with(csrf())).hasRedirectedUrl("/operations/supplier-invoices");
		assertThat(this.supplierInvoices.find(invoice.id()).orElseThrow().status())
			.isEqualTo(SupplierInvoice.Status.APPROVED);

		assertThat(this.mvc.post()
			.uri("/operations/supplier-invoices/" + invoice.id() + "/payment")
			.with(user("admin@concierge.example").roles("ADMINISTRATOR"))
			.with(csrf())).hasRedirectedUrl("/operations/supplier-invoices");
		SupplierInvoice paid = this.supplierInvoices.find(invoice.id()).orElseThrow();
		assertThat(paid.status()).isEqualTo(SupplierInvoice.Status.PAID);
		assertThat(paid.approvedBy()).isEqualTo(OPS);
		assertThat(paid.paidAt()).isNotNull();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.sql(
					"select count(*) from audit_entry where action like 'billing.supplier-invoice.%' and subject like ?")
				.param("%R-" + vendor.tag() + "%")
				.query(Long.class)
				.single() == 3);
	}

	@Test
	void anApprovedInvoiceWarnsOfTheWarehousesDiscrepancyAndADisputeSaysWhy() {
		Vendor vendor = vendor();
		PurchaseOrder order = order(vendor, true);
		this.orders.receive(order.id(), Map.of(1, 8), OPS, "::1");
		SupplierInvoice invoice = this.invoices.submit(vendor.partner(), order.number(), draft("D-" + vendor.tag()),
				null, null, vendor.email(), "::1");
		this.supplierInvoices.approve(invoice.id(), OPS, "::1");
		assertThat(this.mvc.get().uri("/operations/supplier-invoices").with(user(OPS).roles("OPERATIONS")))
			.hasStatusOk()
			.bodyText()
			.contains("check before paying");
		assertThat(this.mvc.post()
			.uri("/operations/supplier-invoices/" + invoice.id() + "/dispute")
			.param("reason", "Two units short")
			.with(user(OPS).roles("OPERATIONS"))
			.with(csrf())).hasRedirectedUrl("/operations/supplier-invoices");
		SupplierInvoice disputed = this.supplierInvoices.find(invoice.id()).orElseThrow();
		assertThat(disputed.status()).isEqualTo(SupplierInvoice.Status.DISPUTED);
		assertThat(disputed.disputeReason()).isEqualTo("Two units short");
		assertThatThrownBy(() -> this.supplierInvoices.markPaid(invoice.id(), OPS, "::1"))
			.isInstanceOf(InvalidSupplierInvoice.class)
			.hasMessageContaining("status.PAID");
	}

	@Test
	void badInvoicesAreRefusedWithTheirMessageAndNothingIsStored() {
		Vendor vendor = vendor();
		PurchaseOrder order = order(vendor, true);
		assertThat(
				post(vendor, order.number(), "B-" + vendor.tag(), "50.00", "9.50", "60.00", "2026-11-20", "2026-12-20"))
			.hasStatus(400)
			.bodyText()
			.contains("The gross amount must be net plus tax");
		assertThat(
				post(vendor, order.number(), "B-" + vendor.tag(), "50.00", "9.50", "59.50", "2026-11-20", "2026-11-01"))
			.hasStatus(400)
			.bodyText()
			.contains("The due date comes before the issue date");
		assertThat(stored(vendor)).isZero();

		this.invoices.submit(vendor.partner(), order.number(), draft("B-" + vendor.tag()), null, null, vendor.email(),
				"::1");
		assertThat(
				post(vendor, order.number(), "B-" + vendor.tag(), "50.00", "9.50", "59.50", "2026-11-20", "2026-12-20"))
			.hasStatus(400)
			.bodyText()
			.contains("You sent invoice B-" + vendor.tag() + " already");
		assertThat(stored(vendor)).isOne();
		assertThatThrownBy(() -> this.invoices.submit(vendor.partner(), order.number(),
				new VendorInvoices.Draft("C-" + vendor.tag(), "2026-11-20", "2026-12-20", "XYZ", "1.00", "0.00",
						"1.00"),
				null, null, vendor.email(), "::1"))
			.isInstanceOfSatisfying(InvalidSupplierInvoice.class,
					(ex) -> assertThat(ex.messageKey()).isEqualTo("billing.supplier.refused.currency"));
		assertThat(stored(vendor)).isOne();
	}

	@Test
	void anOrderNotShippedOrAnotherVendorsIsRefused() {
		Vendor vendor = vendor();
		PurchaseOrder pending = order(vendor, false);
		assertThat(post(vendor, pending.number(), "N-" + vendor.tag(), "50.00", "9.50", "59.50", "2026-11-20",
				"2026-12-20"))
			.hasStatus(400)
			.bodyText()
			.contains("has not shipped yet");
		assertThat(stored(vendor)).isZero();

		Vendor other = vendor();
		PurchaseOrder theirs = order(other, true);
		assertThatThrownBy(() -> this.invoices.submit(vendor.partner(), theirs.number(), draft("X-" + vendor.tag()),
				null, null, vendor.email(), "::1"))
			.isInstanceOfSatisfying(VendorRefused.class,
					(ex) -> assertThat(ex.messageKey()).isEqualTo("partners.vendor.refused.unknownPo"));
		assertThat(post(vendor, theirs.number(), "X-" + vendor.tag(), "50.00", "9.50", "59.50", "2026-11-20",
				"2026-12-20"))
			.hasStatus(404);
		assertThat(stored(vendor)).isZero();
		assertThat(stored(other)).isZero();
	}

	@Test
	void anotherVendorNeverSeesTheInvoicesAndOnlyFinanceReachTheirPage() {
		Vendor vendor = vendor();
		PurchaseOrder order = order(vendor, true);
		SupplierInvoice invoice = this.invoices.submit(vendor.partner(), order.number(), draft("S-" + vendor.tag()),
				"%PDF-1.4\n%%EOF\n".getBytes(), "invoice.pdf", vendor.email(), "::1");
		assertThat(invoice.hasPdf()).isTrue();
		Vendor other = vendor();
		assertThat(this.mvc.get().uri("/partner/invoices").with(user(other.email()).roles("PARTNER"))).hasStatusOk()
			.bodyText()
			.doesNotContain("S-" + vendor.tag());
		assertThat(this.mvc.get()
			.uri("/partner/invoices/" + invoice.id() + "/pdf")
			.with(user(other.email()).roles("PARTNER"))).hasStatus(404);
		assertThat(this.mvc.get()
			.uri("/partner/purchase-orders/" + order.number())
			.with(user(other.email()).roles("PARTNER"))).hasStatus(404);
		assertThat(this.mvc.get()
			.uri("/partner/purchase-orders/" + order.number())
			.with(user(vendor.email()).roles("PARTNER"))).hasStatusOk()
			.bodyText()
			.contains("Invoices for this purchase order", "S-" + vendor.tag());
		assertThat(this.mvc.get()
			.uri("/partner/invoices/" + invoice.id() + "/pdf")
			.with(user(vendor.email()).roles("PARTNER"))).hasStatusOk();

		assertThat(this.mvc.get().uri("/operations/supplier-invoices").with(user(vendor.email()).roles("PARTNER")))
			.hasStatus(403);
		assertThat(this.mvc.get()
			.uri("/operations/supplier-invoices")
			.with(user("agent@concierge.example").roles("AGENT"))).hasStatus(403);
		assertThat(this.mvc.get().uri("/partner/invoices").with(user(OPS).roles("OPERATIONS"))).hasStatus(403);
		assertThat(this.mvc.post()
			.uri("/operations/supplier-invoices/" + invoice.id() + "/approval")
			.with(user(vendor.email()).roles("PARTNER"))
			.with(csrf())).hasStatus(403);
		assertThat(this.supplierInvoices.find(invoice.id()).orElseThrow().status())
			.isEqualTo(SupplierInvoice.Status.RECEIVED);
	}

}
