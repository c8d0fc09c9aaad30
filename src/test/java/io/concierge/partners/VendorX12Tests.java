package io.concierge.partners;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;
import io.concierge.privacy.AuditQuery;
import io.concierge.privacy.AuditTrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Purchase orders as X12 850, by upload and by API: taken in with their lines and
 * answered with an 855 (its ACK lines as accepted or rejected) and a 997 in the sender's
 * delimiters; a file that is not an 850, an unknown SKU or a bad quantity refused with
 * nothing taken in and an audit entry; another vendor never gets the 855.
 */
@IntegrationTest
class VendorX12Tests {

	@Autowired
	Partners partners;

	@Autowired
	VendorStock stock;

	@Autowired
	PurchaseOrders orders;

	@Autowired
	AuditTrail trail;

	@Autowired
	PartnerCredentials credentials;

	@Autowired
	MockMvcTester mvc;

	record Vendor(Partner partner, String email) {

	}

	Vendor vendor(String tag, String... skus) {
		Partner partner = this.partners.create(Partner.Kind.VENDOR, "Vendor " + tag, null, "ops", "::1");
		String email = "buyer-" + tag + "@vendor.example";
		this.partners.invite(partner.id(), email, "Robin Buyer", "http://localhost", "ops", "::1");
		List<VendorStock.StockReport> levels = java.util.Arrays.stream(skus)
			.map((sku) -> new VendorStock.StockReport(sku, "Main", 10))
			.toList();
		if (!levels.isEmpty()) {
			this.stock.report(partner, levels, email, "::1");
		}
		return new Vendor(partner, email);
	}

	static String tag() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * An 850 with {@code |} between elements, {@code ^} between components and {@code !}
	 * after each segment, so that the answer must be in the sender's delimiters.
	 */
	static String po850(String number, String... po1s) {
		String isa = "ISA|00|          |00|          |ZZ|VENDORX12      |ZZ|CONCIERGE      |261207|1200|U|00401|000000042|0|P|^!";
		StringBuilder edi = new StringBuilder(isa).append("\nGS|PO|VENDORX12|CONCIERGE|20261207|1200|42|X|004010!\n")
			.append("ST|850|0001!\nBEG|00|SA|")
			.append(number)
			.append("||20261207!\nCUR|BY|EUR!\nDTM|002|20990101!\n");
		for (String po1 : po1s) {
			edi.append(po1).append("!\n");
		}
		return edi.append("CTT|")
			.append(po1s.length)
			.append("!\nSE|")
			.append(po1s.length + 6)
			.append("|0001!\nGE|1|42!\nIEA|1|000000042!\n")
			.toString();
	}

	@Test
	void an850UploadedIsTakenInAndAnsweredWithAn855InTheSendersDelimiters() throws Exception {
		String tag = tag();
		Vendor vendor = vendor(tag, "MUG-" + tag, "JUG-" + tag);
		String edi = po850("PO-" + tag, "PO1|1|4|EA|3.50||VP|MUG-" + tag,
				"PO1|2|2|EA|12.00||BP|X|SK|JUG-" + tag + "!\nDTM|002|20000101");

		assertThat(this.mvc.post()
			.uri("/partner/purchase-orders/x12")
			.multipart()
			.file(new MockMultipartFile("file", "po.edi", "text/plain", edi.getBytes(StandardCharsets.UTF_8)))
			.with(user(vendor.email()).roles("PARTNER"))
			.with(csrf())).hasStatus3xxRedirection().hasRedirectedUrl("/partner/purchase-orders/PO-" + tag);

		PurchaseOrder order = this.orders.find(vendor.partner(), "PO-" + tag).orElseThrow();
		assertThat(order.source()).isEqualTo("X12");
		assertThat(order.lines())
			.extracting(PurchaseOrder.Line::sku, PurchaseOrder.Line::quantity, PurchaseOrder.Line::currency,
					PurchaseOrder.Line::accepted)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("MUG-" + tag, 4, "EUR", true),
					org.assertj.core.groups.Tuple.tuple("JUG-" + tag, 2, "EUR", false));
		assertThat(order.lines().getFirst().unitPrice()).isEqualByComparingTo("3.50");

		String ack = this.mvc.get()
			.uri("/partner/purchase-orders/PO-" + tag + "/855.edi")
			.with(user(vendor.email()).roles("PARTNER"))
			.exchange()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(ack).startsWith("ISA|00|").contains("|ZZ|VENDORX12      |").contains("|^!");
		assertThat(ack).contains("ST|855|0001!", "BAK|00|AC|PO-" + tag + "|20261207!", "ACK|IA|4|EA", "ACK|IR|2|EA");
		assertThat(ack.indexOf("ACK|IA")).isLessThan(ack.indexOf("ACK|IR"));
		assertThat(this.orders.functionalAcknowledgement(vendor.partner(), "PO-" + tag)).hasValueSatisfying(
				(fa) -> assertThat(fa).contains("ST|997|0001!", "AK1|PO|42!", "AK2|850|0001!", "AK5|A!"));
		assertThat(this.mvc.get().uri("/partner/purchase-orders/PO-" + tag).with(user(vendor.email()).roles("PARTNER")))
			.hasStatusOk()
			.bodyText()
			.contains("Download the acknowledgement (X12 855)", "Download the functional acknowledgement (X12 997)");

		Vendor other = vendor(tag + "-o");
		assertThat(this.mvc.get()
			.uri("/partner/purchase-orders/PO-" + tag + "/855.edi")
			.with(user(other.email()).roles("PARTNER"))).hasStatus(404);
		assertThat(this.mvc.get()
			.uri("/partner/purchase-orders/PO-" + tag + "/997.edi")
			.with(user(other.email()).roles("PARTNER"))).hasStatus(404);
	}

	@Test
	void an850ByApiIsAnsweredWithItsAcknowledgementAndACsvToo() {
		String tag = tag();
		Vendor vendor = vendor(tag, "CUP-" + tag);
		var result = this.mvc.post()
			.uri("/api/partner/purchase-orders")
			.contentType(MediaType.parseMediaType("application/edi-x12"))
			.content(po850("API-" + tag, "PO1|1|6|EA|2.00||VP|CUP-" + tag))
			.with(user(vendor.email()).roles("PARTNER"))
			.with(csrf())
			.exchange();
		assertThat(result).hasStatus(201);
		assertThat(result.getResponse().getContentType()).startsWith("application/edi-x12");
		assertThat(result.getResponse().getHeader("Location"))
			.isEqualTo("/partner/purchase-orders/API-" + tag + "/855.edi");
		assertThat(result).bodyText().contains("BAK|00|AD|API-" + tag, "ACK|IA|6|EA");
		assertThat(this.orders.find(vendor.partner(), "API-" + tag).orElseThrow().lines()).hasSize(1);

		String key = this.credentials.createKey(vendor.partner(), "Vendor ERP", vendor.email(), "::1");
		assertThat(this.mvc.post()
			.uri("/api/partner/purchase-orders")
			.header("Authorization", "Bearer " + key)
			.contentType(MediaType.parseMediaType("application/edi-x12"))
			.content(po850("KEY-" + tag, "PO1|1|1|EA|2.00||VP|CUP-" + tag))).as("the vendor's system with its key")
			.hasStatus(201)
			.bodyText()
			.contains("BAK|00|AD|KEY-" + tag);
		assertThat(this.orders.find(vendor.partner(), "KEY-" + tag).orElseThrow().submittedBy()).startsWith("api:");

		String csv = """
				po_number,sku,quantity,unit_price,currency,requested_date
				CSV-%1$s,CUP-%1$s,3,1.00,EUR,2099-01-01
				""".formatted(tag);
		assertThat(this.mvc.post()
			.uri("/api/partner/purchase-orders")
			.contentType(MediaType.parseMediaType("text/csv"))
			.content(csv)
			.with(user(vendor.email()).roles("PARTNER"))
			.with(csrf())).hasStatus(201).bodyJson().extractingPath("$.purchaseOrders[0]").isEqualTo("CSV-" + tag);
		assertThat(this.mvc.get()
			.uri("/partner/purchase-orders/CSV-" + tag + "/855.edi")
			.with(user(vendor.email()).roles("PARTNER"))).hasStatusOk()
			.bodyText()
			.startsWith("ISA*00*")
			.contains("BAK*00*AD*CSV-" + tag, "ACK*IA*3*EA");
	}

	@Test
	void notAn850AnUnknownSkuOrABadQuantityIsRefusedNothingTakenInAndAudited() {
		String tag = tag();
		Vendor vendor = vendor(tag, "BOWL-" + tag);
		String asn = VendorTests.shipNotice("PO-" + tag, "ASN-" + tag, "1", 1);
		assertThat(this.mvc.post()
			.uri("/api/partner/purchase-orders")
			.contentType(MediaType.parseMediaType("application/edi-x12"))
			.content(asn)
			.with(user(vendor.email()).roles("PARTNER"))
			.with(csrf())).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("not an X12 850", "ST01 is 856");

		assertThat(this.mvc.post()
			.uri("/api/partner/purchase-orders")
			.contentType(MediaType.TEXT_PLAIN)
			.content(po850("BAD-" + tag, "PO1|1|3|EA|2.00||VP|BOWL-" + tag, "PO1|2|two|EA|2.00||VP|BOWL-" + tag,
					"PO1|3|1|EA|2.00||VP|NOPE-" + tag))
			.with(user(vendor.email()).roles("PARTNER"))
			.with(csrf())).hasStatus(400).bodyJson().extractingPath("$.problems[*].line").isEqualTo(List.of(2, 3));

		assertThat(this.mvc.post()
			.uri("/partner/purchase-orders/x12")
			.multipart()
			.file(new MockMultipartFile("file", "po.edi", "text/plain",
					po850("UP-" + tag, "PO1|1|0|EA|2.00||VP|BOWL-" + tag).getBytes(StandardCharsets.UTF_8)))
			.with(user(vendor.email()).roles("PARTNER"))
			.with(csrf())).hasStatus(400)
			.bodyText()
			.contains("Line 1: the quantity must be a whole number from 1 to 1,000,000, not “0”.");
		assertThat(this.mvc.post()
			.uri("/partner/purchase-orders/x12")
			.multipart()
			.file(new MockMultipartFile("file", "po.csv", "text/csv",
					"po_number,sku\n".getBytes(StandardCharsets.UTF_8)))
			.with(user(vendor.email()).roles("PARTNER"))
			.with(csrf())).hasStatus(400)
			.bodyText()
			.contains("The file is not an X12 850 purchase order we can read: no ISA header.");

		assertThat(this.orders.of(vendor.partner())).isEmpty();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			List<String> actions = this.trail.search(new AuditQuery(vendor.email(), null, 50))
				.entries()
				.stream()
				.map((entry) -> entry.action())
				.toList();
			return actions.containsAll(List.of("partners.vendor.refused.not850", "partners.vendor.refused.quantity"));
		});
	}

	@Test
	void theReaderOnlyEverRefusesMangledFilesNeverFailsOtherwise() {
		byte[] valid = po850("FZ-1", "PO1|1|4|EA|3.50||VP|MUG-1", "PO1|2|2|EA|1||SK|JUG-1")
			.getBytes(StandardCharsets.UTF_8);
		java.util.Random random = new java.util.Random(850);
		for (int run = 0; run < 3_000; run++) {
			byte[] bytes = java.util.Arrays.copyOf(valid, random.nextInt(valid.length + 1));
			for (int flips = random.nextInt(6); flips > 0 && bytes.length > 0; flips--) {
				bytes[random.nextInt(bytes.length)] = (byte) "|^!*~\n0A-.".charAt(random.nextInt(10));
			}
			try {
				PurchaseOrderX12.Order order = PurchaseOrderX12.read(bytes);
				assertThat(order.drafts()).isNotEmpty();
			}
			catch (PurchaseOrderX12.Not850 ex) {
				assertThat(ex.getMessage()).isNotBlank();
			}
		}
	}

}
