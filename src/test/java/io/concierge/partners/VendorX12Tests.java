package io.concierge.partners;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;
import io.concierge.intake.PurchaseOrderIntake;
import io.concierge.intake.Submissions;
import io.concierge.privacy.AuditQuery;
import io.concierge.privacy.AuditTrail;
import io.concierge.shared.DataSubject;
import io.concierge.shared.PersonalData;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Purchase orders as X12 850, by upload and by API, through the vendor's intake channel:
 * stored as they came, one per transaction set, answered at once, then taken in with
 * their lines and answered with an 855 (its ACK lines as accepted or rejected) and a 997
 * in the sender's delimiters; an unknown SKU, a bad quantity, a number used before or a
 * set that is no 850 refused with a 997 {@code AK5*R}, nothing taken in, a dead letter
 * for operations and an audit entry; a resend is not taken twice; another vendor never
 * sees any of it.
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
	PurchaseOrderIntake intake;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	private static final String OPERATIONS = "ops-" + UUID.randomUUID() + "@example.com";

	String post(Vendor vendor, String edi) {
		var result = this.mvc.post()
			.uri("/api/partner/purchase-orders")
			.contentType(MediaType.parseMediaType("application/edi-x12"))
			.content(edi)
			.with(user(vendor.email()).roles("PARTNER"))
			.with(csrf())
			.exchange();
		assertThat(result).hasStatus(202);
		try {
			return JsonPath.read(result.getResponse().getContentAsString(), "$.submissions[0].id");
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

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
	 * An interchange of 850s with {@code |} between elements, {@code ^} between
	 * components and {@code !} after each segment, so that the answers must be in the
	 * sender's delimiters.
	 * @param control the interchange control number ({@code ISA13})
	 * @param sets each made by {@link #set}
	 */
	static String interchange(String control, String... sets) {
		String isa = "ISA|00|          |00|          |ZZ|VENDORX12      |ZZ|CONCIERGE      |261207|1200|U|00401|"
				+ control + "|0|P|^!";
		return isa + "\nGS|PO|VENDORX12|CONCIERGE|20261207|1200|42|X|004010!\n" + String.join("", sets) + "GE|"
				+ sets.length + "|42!\nIEA|1|" + control + "!\n";
	}

	/**
	 * One 850 from ST to SE, SE01 counting its segments.
	 * @param po1s each a PO1 segment, perhaps followed by others, without the last
	 * terminator
	 */
	static String set(String control, String number, String... po1s) {
		StringBuilder set = new StringBuilder("ST|850|").append(control)
			.append("!\nBEG|00|SA|")
			.append(number)
			.append("||20261207!\nCUR|BY|EUR!\nDTM|002|20990101!\n");
		for (String po1 : po1s) {
			set.append(po1).append("!\n");
		}
		set.append("CTT|").append(po1s.length).append("!\n");
		long segments = set.chars().filter((c) -> c == '!').count() + 1;
		return set.append("SE|").append(segments).append("|").append(control).append("!\n").toString();
	}

	static String po850(String number, String... po1s) {
		return interchange("000000042", set("0001", number, po1s));
	}

	/**
	 * What became of the vendor's purchase orders sent as X12, once none waits any more.
	 */
	List<PurchaseOrderIntake.Sent> checked(Vendor vendor, int count) {
		return await().atMost(Duration.ofSeconds(20))
			.until(() -> this.intake.submissions(vendor.partner().id(), 50), (sent) -> sent.size() == count
					&& sent.stream().noneMatch((one) -> one.state() == Submissions.State.RECEIVED));
	}

	@Test
	void an850UploadedGoesThroughIntakeAndIsAnsweredWithAn855AndA997InTheSendersDelimiters() throws Exception {
		String tag = tag();
		Vendor vendor = vendor(tag, "MUG-" + tag, "JUG-" + tag);
		String edi = po850("PO-" + tag, "PO1|1|4|EA|3.50||VP|MUG-" + tag,
				"PO1|2|2|EA|12.00||BP|X|SK|JUG-" + tag + "!\nDTM|002|20000101");

		assertThat(this.mvc.post()
			.uri("/partner/purchase-orders/x12")
			.multipart()
			.file(new MockMultipartFile("file", "po.edi", "text/plain", edi.getBytes(StandardCharsets.UTF_8)))
			.with(user(vendor.email()).roles("PARTNER"))
			.with(csrf())).hasStatus3xxRedirection()
			.hasRedirectedUrl("/partner/purchase-orders")
			.flash()
			.containsEntry("received", 1);

		PurchaseOrderIntake.Sent sent = checked(vendor, 1).getFirst();
		assertThat(sent.state()).isEqualTo(Submissions.State.ACCEPTED);
		assertThat(sent.number()).isEqualTo("PO-" + tag);
		assertThat(sent.purchaseOrder()).isEqualTo("PO-" + tag);
		assertThat(sent.interchange()).isEqualTo("000000042");
		PurchaseOrder order = this.orders.find(vendor.partner(), "PO-" + tag).orElseThrow();
		assertThat(order.source()).isEqualTo("X12");
		assertThat(order.submittedBy()).isEqualTo(vendor.email());
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
		assertThat(this.orders.functionalAcknowledgement(vendor.partner(), "PO-" + tag))
			.hasValueSatisfying((fa) -> assertThat(fa).startsWith("ISA|00|")
				.contains("|ZZ|VENDORX12      |", "ST|997|0001!", "AK1|PO|42!", "AK2|850|0001!", "AK5|A!",
						"AK9|A|1|1|1!"));
		assertThat(this.mvc.get()
			.uri("/partner/purchase-orders/submissions/" + sent.id() + "/997.edi")
			.with(user(vendor.email()).roles("PARTNER"))).hasStatusOk().bodyText().contains("AK5|A!");
		assertThat(this.mvc.get().uri("/partner/purchase-orders/PO-" + tag).with(user(vendor.email()).roles("PARTNER")))
			.hasStatusOk()
			.bodyText()
			.contains("Download the acknowledgement (X12 855)", "Download the functional acknowledgement (X12 997)");
		assertThat(this.mvc.get().uri("/partner/purchase-orders").with(user(vendor.email()).roles("PARTNER")))
			.hasStatusOk()
			.bodyText()
			.contains("Purchase orders you sent as X12 850", "Interchange 000000042, set 0001", "Accepted",
					"/partner/purchase-orders/submissions/" + sent.id() + "/997.edi");

		Vendor other = vendor(tag + "-o");
		assertThat(this.mvc.get()
			.uri("/partner/purchase-orders/PO-" + tag + "/855.edi")
			.with(user(other.email()).roles("PARTNER"))).hasStatus(404);
		assertThat(this.mvc.get()
			.uri("/partner/purchase-orders/PO-" + tag + "/997.edi")
			.with(user(other.email()).roles("PARTNER"))).hasStatus(404);
	}

	@Test
	void anInterchangeOfTwo850sIsAnsweredAtOnceAndBecomesTwoPurchaseOrders() {
		String tag = tag();
		Vendor vendor = vendor(tag, "CUP-" + tag, "PLATE-" + tag);
		String edi = interchange("000000101", set("0001", "ONE-" + tag, "PO1|1|6|EA|2.00||VP|CUP-" + tag),
				set("0002", "TWO-" + tag, "PO1|1|3|EA|5.00||VP|PLATE-" + tag, "PO1|2|1|EA|2.00||VP|CUP-" + tag));

		var result = this.mvc.post()
			.uri("/api/partner/purchase-orders")
			.contentType(MediaType.parseMediaType("application/edi-x12"))
			.content(edi)
			.with(user(vendor.email()).roles("PARTNER"))
			.with(csrf())
			.exchange();
		assertThat(result).hasStatus(202);
		assertThat(result).bodyJson().extractingPath("$.received").isEqualTo(2);
		assertThat(result).bodyJson()
			.extractingPath("$.submissions[*].purchaseOrder")
			.isEqualTo(List.of("ONE-" + tag, "TWO-" + tag));
		assertThat(result).bodyJson()
			.extractingPath("$.submissions[*].transactionSet")
			.isEqualTo(List.of("0001", "0002"));

		assertThat(checked(vendor, 2)).allSatisfy((sent) -> {
			assertThat(sent.state()).isEqualTo(Submissions.State.ACCEPTED);
			assertThat(sent.acknowledged()).isTrue();
		});
		assertThat(this.orders.of(vendor.partner())).extracting(PurchaseOrder::number)
			.containsExactlyInAnyOrder("ONE-" + tag, "TWO-" + tag);
		assertThat(this.orders.find(vendor.partner(), "TWO-" + tag).orElseThrow().lines()).hasSize(2);
		assertThat(this.orders.functionalAcknowledgement(vendor.partner(), "TWO-" + tag))
			.hasValueSatisfying((fa) -> assertThat(fa).contains("AK2|850|0002!", "AK5|A!"));
	}

	@Test
	void aRefused850IsADeadLetterAnsweredWithA997RefusingItAndLeavesNoPurchaseOrder() {
		String tag = tag();
		Vendor vendor = vendor(tag, "BOWL-" + tag);
		String edi = interchange("000000077",
				set("0001", "BAD-" + tag, "PO1|1|3|EA|2.00||VP|BOWL-" + tag, "PO1|2|two|EA|2.00||VP|BOWL-" + tag,
						"PO1|3|1|EA|2.00||VP|NOPE-" + tag),
				set("0002", "GOOD-" + tag, "PO1|1|1|EA|2.00||VP|BOWL-" + tag));
		assertThat(this.mvc.post()
			.uri("/api/partner/purchase-orders")
			.contentType(MediaType.TEXT_PLAIN)
			.content(edi)
			.with(user(vendor.email()).roles("PARTNER"))
			.with(csrf())).hasStatus(202);

		List<PurchaseOrderIntake.Sent> sent = checked(vendor, 2);
		PurchaseOrderIntake.Sent bad = sent.stream()
			.filter((one) -> ("BAD-" + tag).equals(one.purchaseOrder()))
			.findFirst()
			.orElseThrow();
		assertThat(bad.state()).isEqualTo(Submissions.State.REJECTED);
		assertThat(bad.reasonCode()).isEqualTo("QUANTITY");
		assertThat(bad.reason()).contains("Line 2: the quantity must be a whole number", "\"NOPE-" + tag + "\"");
		assertThat(this.orders.find(vendor.partner(), "BAD-" + tag)).isEmpty();
		assertThat(this.orders.of(vendor.partner())).extracting(PurchaseOrder::number).containsExactly("GOOD-" + tag);
		assertThat(this.jdbc
			.sql("select count(*) from purchase_order_line l join purchase_order o"
					+ " on o.id = l.purchase_order_id where o.vendor_id = ?")
			.param(vendor.partner().id())
			.query(Long.class)
			.single()).as("only the good order's line").isOne();

		String refusal = this.intake.functionalAcknowledgement(vendor.partner().id(), bad.id()).orElseThrow();
		assertThat(refusal).startsWith("ISA|00|")
			.contains("|ZZ|VENDORX12      |", "ST|997|0001!", "AK1|PO|42!", "AK2|850|0001!", "AK5|R|5!", "AK9|R|1|1|0!")
			.doesNotContain("AK5|A");

		assertThat(this.mvc.get().uri("/partner/purchase-orders").with(user(vendor.email()).roles("PARTNER")))
			.hasStatusOk()
			.bodyText()
			.contains("Refused, nothing taken in", "Line 2: the quantity must be a whole number from 1 to 1,000,000,",
					"Line 3: “NOPE-" + tag + "” is not a SKU in your stock.");
		assertThat(this.mvc.get().uri("/partner/purchase-orders?lang=de").with(user(vendor.email()).roles("PARTNER")))
			.hasStatusOk()
			.bodyText()
			.contains("Abgelehnt, nichts übernommen", "Austausch 000000077, Satz 0001");
		assertThat(this.mvc.get()
			.uri("/api/partner/purchase-orders/submissions/" + bad.id())
			.with(user(vendor.email()).roles("PARTNER"))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.problems[*].line")
			.isEqualTo(List.of(2, 3));

		assertThat(this.mvc.get().uri("/operations/intake/" + bad.id()).with(user(OPERATIONS).roles("OPERATIONS")))
			.hasStatusOk()
			.bodyText()
			.contains("BAD-" + tag + " · 000000077/42/0001", "QUANTITY", vendor.email(), "to correct and send again")
			.doesNotContain("Correct and convert");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.trail.search(new AuditQuery(vendor.email(), null, 50))
				.entries()
				.stream()
				.anyMatch((entry) -> entry.action().equals("partners.vendor.refused.quantity")));
	}

	@Test
	void anInterchangeSentAgainIsNotTakenTwiceAndAPurchaseOrderNumberUsedBeforeIsRefused() {
		String tag = tag();
		Vendor vendor = vendor(tag, "VASE-" + tag);
		String edi = po850("PO-" + tag, "PO1|1|2|EA|9.00||VP|VASE-" + tag);
		String first = post(vendor, edi);
		checked(vendor, 1);

		var again = this.mvc.post()
			.uri("/api/partner/purchase-orders")
			.contentType(MediaType.parseMediaType("application/edi-x12"))
			.content(edi)
			.with(user(vendor.email()).roles("PARTNER"))
			.with(csrf())
			.exchange();
		assertThat(again).hasStatus(202);
		assertThat(again).bodyJson().extractingPath("$.resent").isEqualTo(1);
		assertThat(again).bodyJson().extractingPath("$.submissions[0].id").isEqualTo(first);
		assertThat(again).bodyJson().extractingPath("$.submissions[0].duplicate").isEqualTo(true);
		assertThat(again).bodyJson().extractingPath("$.submissions[0].state").isEqualTo("accepted");
		assertThat(this.mvc.post()
			.uri("/partner/purchase-orders/x12")
			.multipart()
			.file(new MockMultipartFile("file", "po.edi", "text/plain", edi.getBytes(StandardCharsets.UTF_8)))
			.with(user(vendor.email()).roles("PARTNER"))
			.with(csrf())).hasStatus3xxRedirection().flash().containsEntry("resent", 1L);
		assertThat(this.intake.submissions(vendor.partner().id(), 50)).hasSize(1);

		post(vendor, interchange("000000043", set("0001", "PO-" + tag, "PO1|1|1|EA|9.00||VP|VASE-" + tag)));
		List<PurchaseOrderIntake.Sent> sent = checked(vendor, 2);
		assertThat(sent).filteredOn((one) -> one.interchange().equals("000000043")).singleElement().satisfies((one) -> {
			assertThat(one.state()).isEqualTo(Submissions.State.REJECTED);
			assertThat(one.reasonCode()).isEqualTo("EXISTS");
			assertThat(one.reason()).contains("you sent purchase order PO-" + tag + " already");
			assertThat(this.intake.functionalAcknowledgement(vendor.partner().id(), one.id()))
				.hasValueSatisfying((fa) -> assertThat(fa).contains("AK5|R|5!", "AK9|R|1|1|0!"));
		});
		assertThat(this.orders.find(vendor.partner(), "PO-" + tag).orElseThrow().lines().getFirst().quantity())
			.as("the first one stays as it was")
			.isEqualTo(2);
	}

	@Test
	void theVendorsSystemSendsWithItsKeyAndAnotherVendorSeesNothingOfIt() throws Exception {
		String tag = tag();
		Vendor vendor = vendor(tag, "CUP-" + tag);
		String key = this.credentials.createKey(vendor.partner(), "Vendor ERP", vendor.email(), "::1");
		var result = this.mvc.post()
			.uri("/api/partner/purchase-orders")
			.header("Authorization", "Bearer " + key)
			.contentType(MediaType.parseMediaType("application/edi-x12"))
			.content(po850("KEY-" + tag, "PO1|1|1|EA|2.00||VP|CUP-" + tag))
			.exchange();
		assertThat(result).as("the vendor's system with its key, no session or CSRF token").hasStatus(202);
		assertThat(result).bodyJson().extractingPath("$.submissions[0].state").isEqualTo("received");
		String status = JsonPath.read(result.getResponse().getContentAsString(), "$.submissions[0].status");
		String id = JsonPath.read(result.getResponse().getContentAsString(), "$.submissions[0].id");
		checked(vendor, 1);

		assertThat(this.mvc.get().uri(status).header("Authorization", "Bearer " + key)).hasStatusOk()
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.state").isEqualTo("accepted");
				assertThat(json).extractingPath("$.number").isEqualTo("KEY-" + tag);
				assertThat(json).extractingPath("$.purchaseOrderAcknowledgement")
					.isEqualTo("/partner/purchase-orders/KEY-" + tag + "/855.edi");
			});
		assertThat(this.mvc.get().uri(status + "/997").header("Authorization", "Bearer " + key)).hasStatusOk()
			.hasContentType("application/edi-x12")
			.bodyText()
			.contains("AK5|A!");
		assertThat(this.orders.find(vendor.partner(), "KEY-" + tag).orElseThrow().submittedBy()).startsWith("api:");

		Vendor other = vendor(tag + "-o", "CUP-" + tag);
		String otherKey = this.credentials.createKey(other.partner(), "Other ERP", other.email(), "::1");
		assertThat(this.mvc.get().uri(status).header("Authorization", "Bearer " + otherKey)).hasStatus(404);
		assertThat(this.mvc.get().uri(status + "/997").header("Authorization", "Bearer " + otherKey)).hasStatus(404);
		assertThat(this.mvc.get()
			.uri("/partner/purchase-orders/submissions/" + id + "/997.edi")
			.with(user(other.email()).roles("PARTNER"))).hasStatus(404);
		assertThat(this.mvc.get().uri("/partner/purchase-orders").with(user(other.email()).roles("PARTNER")))
			.hasStatusOk()
			.bodyText()
			.doesNotContain("KEY-" + tag);
		assertThat(this.intake.submissions(other.partner().id(), 50)).isEmpty();
	}

	@Test
	void aBuyerErasedIsNoLongerNamedAsTheSenderButThePurchaseOrderStays(@Autowired List<PersonalData> data) {
		String tag = tag();
		Vendor vendor = vendor(tag, "LID-" + tag);
		String id = post(vendor, po850("ERA-" + tag, "PO1|1|1|EA|2.00||VP|LID-" + tag));
		checked(vendor, 1);
		PersonalData intake = data.stream()
			.filter((section) -> section.section().equals("intake"))
			.findFirst()
			.orElseThrow();
		DataSubject subject = new DataSubject(UUID.randomUUID(), vendor.email(), "Robin Buyer", null);
		assertThat(intake.export(subject).get("submissions")).hasSize(1);

		intake.erase(subject, "erased-" + tag);
		assertThat(this.jdbc.sql("select sent_by from intake_submission where id = ?")
			.param(UUID.fromString(id))
			.query(String.class)
			.single()).isEqualTo("erased-" + tag);
		assertThat(this.intake.find(vendor.partner().id(), UUID.fromString(id)).orElseThrow().state())
			.isEqualTo(Submissions.State.ACCEPTED);
		assertThat(this.orders.find(vendor.partner(), "ERA-" + tag)).isPresent();
	}

	@Test
	void csvByApiIsStillTakenInAtOnce() {
		String tag = tag();
		Vendor vendor = vendor(tag, "CUP-" + tag);
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
	void aFileThatIsNotX12IsRefusedAtOnceAndAnotherTransactionSetIsRefusedWithA997() {
		String tag = tag();
		Vendor vendor = vendor(tag, "BOWL-" + tag);
		assertThat(this.mvc.post()
			.uri("/partner/purchase-orders/x12")
			.multipart()
			.file(new MockMultipartFile("file", "po.csv", "text/csv",
					"po_number,sku\n".getBytes(StandardCharsets.UTF_8)))
			.with(user(vendor.email()).roles("PARTNER"))
			.with(csrf())).hasStatus(400)
			.bodyText()
			.contains("The file is not an X12 850 purchase order we can read: not an X12 interchange");
		assertThat(this.mvc.post()
			.uri("/api/partner/purchase-orders")
			.contentType(MediaType.TEXT_PLAIN)
			.content("hello")
			.with(user(vendor.email()).roles("PARTNER"))
			.with(csrf())).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("not an X12 850 purchase order", "Nothing was taken in");
		String broken = po850("ENV-" + tag, "PO1|1|1|EA|2.00||VP|BOWL-" + tag).replace("GE|1|42!", "GE|2|42!");
		assertThat(this.mvc.post()
			.uri("/api/partner/purchase-orders")
			.contentType(MediaType.TEXT_PLAIN)
			.content(broken)
			.with(user(vendor.email()).roles("PARTNER"))
			.with(csrf())).as("an envelope that does not count right: nothing in it is taken")
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("GE01");
		assertThat(this.intake.submissions(vendor.partner().id(), 50)).isEmpty();

		assertThat(this.mvc.post()
			.uri("/api/partner/purchase-orders")
			.contentType(MediaType.parseMediaType("application/edi-x12"))
			.content(VendorTests.shipNotice("PO-" + tag, "ASN-" + tag, "1", 1))
			.with(user(vendor.email()).roles("PARTNER"))
			.with(csrf())).hasStatus(202);
		PurchaseOrderIntake.Sent notAn850 = checked(vendor, 1).getFirst();
		assertThat(notAn850.state()).isEqualTo(Submissions.State.REJECTED);
		assertThat(notAn850.reason()).contains("(ST01): only 850 purchase orders are taken, not 856");
		assertThat(this.intake.functionalAcknowledgement(vendor.partner().id(), notAn850.id()))
			.hasValueSatisfying((fa) -> assertThat(fa).startsWith("ISA*00*")
				.contains("AK2*856*0001~", "AK3*ST*", "AK5*R*4~", "AK9*R*1*1*0~"));
		assertThat(this.orders.of(vendor.partner())).isEmpty();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			List<String> actions = this.trail.search(new AuditQuery(vendor.email(), null, 50))
				.entries()
				.stream()
				.map((entry) -> entry.action())
				.toList();
			return actions.stream().filter("partners.vendor.refused.not850"::equals).count() >= 3;
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
