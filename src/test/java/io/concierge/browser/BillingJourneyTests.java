package io.concierge.browser;

import java.nio.file.Files;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.concierge.billing.Invoices;
import io.concierge.identity.Accounts;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.notifications.MailOutbox;
import io.concierge.orders.FulfilmentUpdate;
import io.concierge.orders.LineStatus;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.Orders;
import io.concierge.shared.EmailAddress;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A customer finds the invoice of a parcel, downloads its PDF and pays it with the
 * sandbox provider: a declined card first, then one whose bank asks for confirmation; the
 * invoice turns paid by itself, the statement's balance drops and the receipt is in the
 * mail outbox.
 */
class BillingJourneyTests extends BrowserTest {

	@Test
	void aCustomerOpensAnInvoiceDownloadsItAndPaysItWithABankConfirmation(@Autowired Accounts accounts,
			@Autowired Callers callers, @Autowired OrderManagement orders, @Autowired Invoices invoices,
			@Autowired MailOutbox outbox) throws Exception {
		TestLogin customer = TestLogins.customer(accounts);
		Caller caller = callers.of((Principal) customer::email);
		String number = orders.place(Orders.aTwoLineOrder(caller.account(), Instant.now()));
		for (String sku : List.of("MUG-01", "POT-07")) {
			orders.apply(new FulfilmentUpdate(number, LineStatus.SHIPPED, Instant.now(),
					List.of(new FulfilmentUpdate.LineRef(sku, null)), "DHL", null, "JD" + UUID.randomUUID(), null,
					null));
			int parcels = (sku.equals("MUG-01")) ? 1 : 2;
			await().atMost(Duration.ofSeconds(10)).until(() -> invoices.ofOrder(number).size() == parcels);
		}
		String invoice = invoices.ofOrder(number).get(0).number();

		LoginPage.open(this.page).signIn(customer.email(), customer.password());
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Invoices")).click();
		assertThat(
				this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Invoices and credit notes")))
			.isVisible();
		assertThat(this.page.getByRole(AriaRole.TABLE,
				new Page.GetByRoleOptions().setName("What is open, by how late it is")))
			.containsText("£69.95");
		Accessibility.check(this.page);
		this.page.getByLabel("Status").selectOption("OPEN");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(invoice)).click();
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Invoice " + invoice)))
			.isVisible();
		Accessibility.check(this.page);

		Download download = this.page.waitForDownload(() -> this.page
			.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("PDF (with the Factur-X XML inside)"))
			.click());
		assertThat(download.suggestedFilename()).isEqualTo(invoice + ".pdf");
		try (PDDocument pdf = Loader.loadPDF(Files.readAllBytes(download.path()))) {
			assertThat(new PDFTextStripper().getText(pdf)).contains("Invoice " + invoice).contains("Alex Morgan");
			assertThat(pdf.getDocumentCatalog().getNames().getEmbeddedFiles().getNames()).containsKey("factur-x.xml");
		}

		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay £29.95 now")).click();
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sandbox checkout")))
			.isVisible();
		Accessibility.check(this.page);
		this.page.getByLabel("Card number").fill("4000 0000 0000 0002");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay").setExact(true)).click();
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("Your card was declined");
		Accessibility.check(this.page);

		this.page.getByLabel("Card number").fill("4000 0027 6000 3184");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay").setExact(true)).click();
		assertThat(this.page.getByRole(AriaRole.HEADING,
				new Page.GetByRoleOptions().setName("Your bank asks you to confirm this payment")))
			.isVisible();
		Accessibility.check(this.page);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm the payment")).click();

		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS).first())
			.containsText("your payment of £29.95 is confirmed");
		assertThat(this.page.getByText("Paid", new Page.GetByTextOptions().setExact(true))).isVisible();
		Accessibility.check(this.page);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> outbox.sentTo(EmailAddress.of(customer.email()))
				.stream()
				.anyMatch((mail) -> mail.getSubject().equals("Receipt: we received your payment for " + invoice)));

		this.page.navigate("/orders/" + number);
		assertThat(
				this.page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Invoices and credit notes")))
			.containsText("Invoice " + invoice);
		Accessibility.check(this.page);
		this.page.navigate("/billing/" + invoice);
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("All invoices")).click();
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Statement of account")).click();
		assertThat(this.page.getByText("Balance in GBP: £40.00")).isVisible();
		Accessibility.check(this.page);
	}

}
