package io.concierge.intake;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
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
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.concierge.IntegrationTest;
import io.concierge.identity.Accounts;
import io.concierge.identity.Callers;
import io.concierge.identity.Organisations;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.orders.OrderDetails;
import io.concierge.orders.OrderManagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * CSV batches: RFC 4180 as spreadsheets write it, several rows per order, a report of the
 * rows that cannot be read by line, from a signed channel and from a company's upload.
 */
@IntegrationTest
class CsvIntakeTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OrderManagement orders;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	Callers callers;

	@Test
	void aSignedBatchBecomesOrdersAndNamesTheRowsItCannotRead() {
		String prefix = "PO-" + UUID.randomUUID().toString().substring(0, 8);
		byte[] body = CsvSamples.batch(prefix).getBytes(StandardCharsets.UTF_8);
		MvcTestResult result = post(body, IntakeApiTests.sign(body, "test-csv-secret"));

		assertThat(result).hasStatus(202);
		String json = new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		assertThat((List<?>) JsonPath.read(json, "$.orders")).hasSize(1);
		assertThat((Integer) JsonPath.read(json, "$.problems[0].line")).isEqualTo(5);
		assertThat((String) JsonPath.read(json, "$.problems[0].column")).isEqualTo("quantity");
		assertThat((String) JsonPath.read(json, "$.problems[0].message")).contains("whole number").contains("two");

		String submission = JsonPath.read(json, "$.orders[0].id");
		await().atMost(Duration.ofSeconds(5))
			.until(() -> state(UUID.fromString(submission)), (state) -> state.equals("ACCEPTED"));
		OrderDetails order = this.orders
			.details(this.jdbc.sql("select order_number from intake_submission where id = ?")
				.param(UUID.fromString(submission))
				.query(String.class)
				.single());
		assertThat(order.externalReference()).isEqualTo(prefix + "-1");
		assertThat(order.lines()).extracting(OrderDetails.Line::name)
			.containsExactly("Mug, stoneware", "Teapot \"Kyoto\"");
		assertThat(order.totals().grandTotal().amount()).isEqualByComparingTo("87.06");
		assertThat(order.notes()).as("kept as text, never evaluated").isEqualTo("=SUM(A1:A2)");
		assertThat(order.shipTo().lines()).isEqualTo("Am Sandtorkai 41\r\n3. OG");

		assertThat(post(body, IntakeApiTests.sign(body, "test-csv-secret"))).as("the same batch again").hasStatus(200);
	}

	@Test
	void aBatchWithoutTheRequiredColumnsIsRefusedNamingThem() {
		byte[] body = "order_reference,sku,colour\r\nA,B,1\r\n".getBytes(StandardCharsets.UTF_8);
		assertThat(post(body, IntakeApiTests.sign(body, "test-csv-secret"))).hasStatus(400)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("columns missing: placed_at, currency, name, quantity, unit_price")
			.contains("columns not known: colour");
	}

	@Test
	void aCompanysBuyerUploadsABatchAndSeesWhatBecameOfIt() {
		TestLogin admin = TestLogins.organisationAdmin(this.accounts, this.organisations,
				"Importer " + UUID.randomUUID());
		String prefix = "PO-" + UUID.randomUUID().toString().substring(0, 8);
		MockMultipartFile file = new MockMultipartFile("file", "orders.csv", "text/csv",
				CsvSamples.batch(prefix).getBytes(StandardCharsets.UTF_8));

		assertThat(this.mvc.post()
			.uri("/orders/import")
			.multipart()
			.file(file)
			.with(user(admin.email()).roles("CUSTOMER").authorities(() -> "ROLE_CUSTOMER", () -> "ORG_ADMIN"))
			.with(csrf())).hasStatusOk()
			.bodyText()
			.contains("1 order taken in; 1 row could not be read.")
			.contains("must be a whole number of at least 1, not two");

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.mvc.get()
				.uri("/orders/import")
				.with(user(admin.email()).roles("CUSTOMER").authorities(() -> "ROLE_CUSTOMER", () -> "ORG_ADMIN")))
				.bodyText()
				.contains(prefix + "-1")
				.contains("became an order"));
		var caller = this.callers.of((Principal) admin::email);
		String number = this.jdbc
			.sql("select order_number from intake_submission where external_reference = ? and organisation_id = ?")
			.params(prefix + "-1", caller.organisation())
			.query(String.class)
			.single();
		assertThat(this.orders.details(number).channel()).hasToString("CSV");

		TestLogin customer = TestLogins.customer(this.accounts);
		assertThat(this.mvc.get().uri("/orders/import").with(user(customer.email()).roles("CUSTOMER"))).hasStatus(403);
	}

	@Test
	void aBuyerPreviewsAFileWithOtherColumnNamesAndNothingIsTakenInUntilTheyImport() {
		TestLogin admin = TestLogins.organisationAdmin(this.accounts, this.organisations,
				"Previewer " + UUID.randomUUID());
		String reference = "PV-" + UUID.randomUUID().toString().substring(0, 8);
		MockMultipartFile file = new MockMultipartFile("file", "export.csv", "text/csv",
				("order_ref,order_date,currency,sku,description,qty,price\n" + reference
						+ ",2026-11-20,EUR,MUG-01,Mug,2,9.90\n" + reference
						+ "-2,2026-11-20,EUR,MUG-01,Mug,none,9.90\n")
					.getBytes(StandardCharsets.UTF_8));

		assertThat(this.mvc.post()
			.uri("/orders/import/preview")
			.multipart()
			.file(file)
			.header("HX-Request", "true")
			.with(user(admin.email()).roles("CUSTOMER").authorities(() -> "ROLE_CUSTOMER", () -> "ORG_ADMIN"))
			.with(csrf())).hasStatusOk()
			.bodyText()
			.contains("What export.csv holds")
			.contains("1 order would be taken in; 1 row cannot be read.")
			.contains("order_ref</code> → <code>order_reference")
			.contains(reference)
			.contains("not none")
			.doesNotContain("<html");
		assertThat(this.jdbc.sql("select count(*) from intake_submission where external_reference = ?")
			.param(reference)
			.query(Integer.class)
			.single()).isZero();

		assertThat(this.mvc.post()
			.uri("/orders/import")
			.multipart()
			.file(file)
			.with(user(admin.email()).roles("CUSTOMER").authorities(() -> "ROLE_CUSTOMER", () -> "ORG_ADMIN"))
			.with(csrf())).bodyText().contains("1 order taken in; 1 row could not be read.");
	}

	@Test
	void anotherCompanysSubmissionCanBeNeitherSeenNorCorrected() {
		TestLogin owner = TestLogins.organisationAdmin(this.accounts, this.organisations, "Owner " + UUID.randomUUID());
		TestLogin stranger = TestLogins.organisationAdmin(this.accounts, this.organisations,
				"Stranger " + UUID.randomUUID());
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into intake_submission (id, channel_key, format, organisation_id, external_reference, payload,
				  received_at, priority, order_total, currency, state, next_attempt_at, reason_code, reason)
				values (?, 'portal-upload', 'CSV', ?, ?, ?, now(), 5, 25.00, 'EUR', 'REJECTED', now(), 'X', 'x')""")
			.params(id, this.callers.of((Principal) owner::email).organisation(), "PO-" + id, new byte[0])
			.update();

		assertThat(this.mvc.get()
			.uri("/orders/import/" + id)
			.with(user(owner.email()).roles("CUSTOMER").authorities(() -> "ROLE_CUSTOMER", () -> "ORG_ADMIN")))
			.hasStatusOk();
		assertThat(this.mvc.get()
			.uri("/orders/import/" + id)
			.with(user(stranger.email()).roles("CUSTOMER").authorities(() -> "ROLE_CUSTOMER", () -> "ORG_ADMIN")))
			.hasStatus(404);
		assertThat(this.mvc.post()
			.uri("/orders/import/" + id)
			.param("body", "order_reference\r\n")
			.with(user(stranger.email()).roles("CUSTOMER").authorities(() -> "ROLE_CUSTOMER", () -> "ORG_ADMIN"))
			.with(csrf())).hasStatus(404);
		assertThat(this.jdbc.sql("select state from intake_submission where id = ?")
			.param(id)
			.query(String.class)
			.single()).isEqualTo("REJECTED");
	}

	private MvcTestResult post(byte[] body, String signature) {
		return this.mvc.post()
			.uri("/api/intake/test-csv")
			.contentType(MediaType.valueOf("text/csv"))
			.content(body)
			.header("X-Concierge-Hmac-Sha256", signature)
			.exchange();
	}

	private String state(UUID submission) {
		return this.jdbc.sql("select state from intake_submission where id = ?")
			.param(submission)
			.query(String.class)
			.single();
	}

}
