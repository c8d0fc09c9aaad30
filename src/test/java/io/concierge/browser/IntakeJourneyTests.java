package io.concierge.browser;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.concierge.identity.Accounts;
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
