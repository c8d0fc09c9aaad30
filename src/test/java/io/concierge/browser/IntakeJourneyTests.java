package io.concierge.browser;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.function.UnaryOperator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.concierge.identity.Accounts;
import io.concierge.identity.Callers;
import io.concierge.identity.Organisations;
import io.concierge.identity.Role;
import io.concierge.identity.SecondFactors;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.intake.CsvSamples;
import io.concierge.intake.Submissions;
import io.concierge.intake.Submissions.Receipt;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Operations find a held order in the intake console, read it and make it an order.
 */
class IntakeJourneyTests extends BrowserTest {

	@Test
	void operationsApproveAHeldOrder(@Autowired Accounts accounts, @Autowired SecondFactors factors,
			@Autowired Submissions submissions) throws Exception {
		String sku = "NEW-" + UUID.randomUUID().toString().substring(0, 8);
		Receipt receipt = submit(submissions, sku);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> submissions.find("test-checked", receipt.id()).orElseThrow().state(),
					(state) -> state == Submissions.State.HELD);
		TestLogin operations = TestLogins.staff(accounts, factors, Role.OPERATIONS);
		LoginPage.open(this.page).signIn(operations.email(), operations.password(), operations.totpSecret());

		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Order intake")).click();
		assertThat(this.page.getByRole(AriaRole.HEADING,
				new Page.GetByRoleOptions().setName("held for review: Unknown SKU " + sku).setExact(false)))
			.isVisible();
		Accessibility.check(this.page);

		this.page.locator("a[href$='" + receipt.id() + "']").click();
		assertThat(this.page.getByLabel("The submission: correct it and send it through again")).containsText(sku);
		Accessibility.check(this.page);

		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make it an order anyway")).click();
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS)).hasText("It is an order now.");
		Accessibility.check(this.page);
	}

	@Test
	void operationsReadHowWellDeliveryDatesWereKept(@Autowired Accounts accounts, @Autowired SecondFactors factors) {
		TestLogin operations = TestLogins.staff(accounts, factors, Role.OPERATIONS);
		LoginPage.open(this.page).signIn(operations.email(), operations.password(), operations.totpSecret());
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Delivery dates")).click();
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Delivery dates kept")))
			.isVisible();
		Accessibility.check(this.page);
	}

	@Test
	void aCompanysAdminImportsOrdersFromACsvFile(@Autowired Accounts accounts, @Autowired Organisations organisations) {
		TestLogin admin = TestLogins.organisationAdmin(accounts, organisations, "Importer " + UUID.randomUUID());
		LoginPage.open(this.page).signIn(admin.email(), admin.password());
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Orders").setExact(true)).click();
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Import orders from a CSV file"))
			.click();
		Accessibility.check(this.page);

		String prefix = "PO-" + UUID.randomUUID().toString().substring(0, 8);
		this.page.getByLabel("CSV file (UTF-8)")
			.setInputFiles(new FilePayload("orders.csv", "text/csv",
					CsvSamples.batch(prefix).getBytes(StandardCharsets.UTF_8)));
		assertThat(this.page.getByRole(AriaRole.TABLE,
				new Page.GetByRoleOptions().setName("The orders in the file (the first 50)")))
			.containsText(prefix + "-1");
		assertThat(this.page.getByText("1 order would be taken in; 1 row cannot be read.")).isVisible();
		Accessibility.check(this.page);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import")).click();

		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS))
			.hasText("1 order taken in; 1 row could not be read.");
		assertThat(this.page.getByRole(AriaRole.TABLE,
				new Page.GetByRoleOptions().setName("Rows that could not be read; their orders were not taken in")))
			.containsText("must be a whole number of at least 1, not two");
		Accessibility.check(this.page);

		var rows = this.page.getByLabel("The rows left out, with the header: correct them here and send them again");
		rows.fill(rows.inputValue().replace(",two,", ",2,"));
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the corrected rows")).click();
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS))
			.hasText("1 order taken in; every row could be read.");
		Accessibility.check(this.page);
	}

	@Test
	void anAdministratorMakesAChannelGivesItsSecretToTheSenderAndRenewsIt(@Autowired Accounts accounts,
			@Autowired SecondFactors factors, @Autowired Submissions submissions) throws Exception {
		TestLogin admin = TestLogins.staff(accounts, factors, Role.ADMINISTRATOR);
		LoginPage.open(this.page).signIn(admin.email(), admin.password(), admin.totpSecret());
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Intake channels")).click();
		assertThat(this.page.getByRole(AriaRole.TABLE,
				new Page.GetByRoleOptions().setName("Every channel and how it is set")))
			.containsText("test-checked");
		Accessibility.check(this.page);

		this.page.getByLabel("Key").fill("test-checked");
		this.page.getByLabel("Format").selectOption("POINT_OF_SALE");
		this.page.getByLabel("Priority", new Page.GetByLabelOptions().setExact(true)).fill("8");
		this.page.getByLabel("Unknown SKU").selectOption("HOLD");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make a channel")).click();
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("There is a channel test-checked already.");
		assertThat(this.page.getByLabel("Unknown SKU")).hasValue("HOLD");
		Accessibility.check(this.page);

		String key = "shop-" + UUID.randomUUID().toString().substring(0, 8);
		this.page.getByLabel("Key").fill(key);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make a channel")).click();
		String secret = this.page.locator("#channel-secret").textContent();
		assertThat(this.page.getByRole(AriaRole.TABLE)).containsText(key);
		Accessibility.check(this.page);

		String sku = "NEW-" + UUID.randomUUID().toString().substring(0, 8);
		byte[] sale = sale(sku);
		Receipt receipt = submissions.submit(key, sale, signedWith(sale, secret));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> submissions.find(key, receipt.id()).orElseThrow().state(),
					(state) -> state == Submissions.State.HELD);

		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(key)).click();
		assertThat(this.page.getByLabel("Unknown SKU")).hasValue("HOLD");
		Accessibility.check(this.page);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New secret")).click();
		String renewed = this.page.locator("#channel-secret").textContent();
		Assertions.assertThat(renewed).isNotEqualTo(secret);
		byte[] again = sale("MUG-01");
		Assertions.assertThatExceptionOfType(Submissions.NotSigned.class)
			.isThrownBy(() -> submissions.submit(key, again, signedWith(again, secret)));
	}

	@Test
	void aCompanysBuyerCorrectsARejectedOrderAndSendsItAgain(@Autowired Accounts accounts,
			@Autowired Organisations organisations, @Autowired Callers callers, @Autowired JdbcClient jdbc) {
		TestLogin admin = TestLogins.organisationAdmin(accounts, organisations, "Fixer " + UUID.randomUUID());
		UUID company = callers.of((Principal) admin::email).organisation();
		String reference = "PO-" + UUID.randomUUID().toString().substring(0, 8);
		String csv = "order_reference,placed_at,currency,sku,name,quantity,unit_price\r\n" + reference
				+ ",2026-11-20,EUR,MUG-1,Mug,2,12.50\r\n";
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into intake_submission (id, channel_key, format, organisation_id, external_reference, payload,
				  received_at, priority, order_total, currency, state, next_attempt_at, reason_code, reason)
				values (?, 'portal-upload', 'CSV', ?, ?, ?, now(), 5, 25.00, 'EUR', 'REJECTED', now(),
				  'UNKNOWN_SKU', 'Unknown SKU MUG-1')""")
			.params(id, company, reference, csv.getBytes(StandardCharsets.UTF_8))
			.update();

		LoginPage.open(this.page).signIn(admin.email(), admin.password());
		this.page.navigate("/orders/import");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Correct " + reference)).click();
		assertThat(this.page.getByRole(AriaRole.MAIN)).containsText("Unknown SKU MUG-1");
		Accessibility.check(this.page);

		var body = this.page.getByLabel("The order as you sent it");
		body.fill(body.inputValue().replace(",2,", ",two,"));
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send it again")).click();
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("whole number");
		Accessibility.check(this.page);

		body.fill(body.inputValue().replace("MUG-1", "MUG-01").replace(",two,", ",2,"));
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send it again")).click();
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS))
			.hasText("It is sent again and will be checked and taken in within seconds.");
		await().atMost(Duration.ofSeconds(5))
			.until(() -> jdbc.sql("select state from intake_submission where id = ?")
				.param(id)
				.query(String.class)
				.single(), (state) -> state.equals("ACCEPTED"));
	}

	private static byte[] sale(String sku) {
		return ("""
				{"saleId": "S-%s", "soldAt": "2026-11-22T10:15:00+01:00", "currency": "EUR",
				 "customerEmail": "till.buyer@example.com",
				 "lines": [{"sku": "%s", "name": "Tasse", "quantity": 1, "unitPrice": "12.50"}],
				 "totals": {"subtotal": "12.50", "total": "12.50"}}
				""").formatted(UUID.randomUUID(), sku).getBytes(StandardCharsets.UTF_8);
	}

	private static UnaryOperator<String> signedWith(byte[] body, String secret) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String signature = Base64.getEncoder().encodeToString(mac.doFinal(body));
		return (name) -> "X-Concierge-Hmac-Sha256".equals(name) ? signature : null;
	}

	private static Receipt submit(Submissions submissions, String sku) throws Exception {
		long id = 700_000_000_000L + (long) (Math.random() * 1_000_000_000L);
		byte[] body = ("""
				{"id": %d, "created_at": "2026-11-21T18:42:07+01:00", "currency": "EUR",
				 "email": "guest-%d@example.com", "subtotal_price": "58.00", "total_price": "62.95",
				 "total_tax": "9.26", "shipping_lines": [{"price": "4.95"}],
				 "line_items": [{"id": 1, "sku": "%s", "name": "Tasse „Abendrot“", "quantity": 2, "price": "29.00"}]}
				""").formatted(id, id, sku).getBytes(StandardCharsets.UTF_8);
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec("test-checked-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String signature = Base64.getEncoder().encodeToString(mac.doFinal(body));
		return submissions.submit("test-checked", body,
				(header) -> "X-Shopify-Hmac-Sha256".equals(header) ? signature : null);
	}

}
