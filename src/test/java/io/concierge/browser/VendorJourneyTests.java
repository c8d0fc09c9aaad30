package io.concierge.browser;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.concierge.identity.Accounts;
import io.concierge.identity.Role;
import io.concierge.identity.SecondFactors;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.partners.Partner;
import io.concierge.partners.Partners;
import io.concierge.partners.VendorStock;
import io.concierge.shared.EmailAddress;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * A vendor's person signs in with their second factor, sees the stock, sends a purchase
 * order as a CSV file (a broken one first, refused by line), sees it acknowledged, sends
 * the ship notice and then the invoice, which its invoices list; and sends an X12
 * interchange of two purchase orders, sees both received at once, then one accepted and
 * one refused with its reason, in English and German.
 */
class VendorJourneyTests extends BrowserTest {

	@Test
	void aVendorSendsAPurchaseOrderByCsvAndSeesItAcknowledged(@Autowired Accounts accounts,
			@Autowired SecondFactors factors, @Autowired Partners partners, @Autowired VendorStock stock,
			@Autowired JdbcClient jdbc) {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		Partner vendor = partners.create(Partner.Kind.VENDOR, "Journey Pottery " + tag, null, "ops", "::1");
		TestLogin login = TestLogins.staff(accounts, factors, Role.PARTNER);
		UUID account = accounts.findByEmail(EmailAddress.of(login.email())).orElseThrow().id();
		jdbc.sql("insert into partner_member (account_id, partner_id, invited_by, invited_at) values (?, ?, ?, ?)")
			.params(account, vendor.id(), "ops", OffsetDateTime.now())
			.update();
		String sku = "JUG-" + tag;
		stock.report(vendor, List.of(new VendorStock.StockReport(sku, "Main", 40)), login.email(), "::1");

		LoginPage.open(this.page)
			.signInToSecondFactor(login.email(), login.password())
			.submit(io.concierge.Authenticator.code(login.totpSecret()), false);
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(vendor.name())))
			.isVisible();
		Accessibility.check(this.page);

		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Your stock")).click();
		assertThat(this.page.getByRole(AriaRole.TABLE,
				new Page.GetByRoleOptions().setName("Your stock by SKU and location")))
			.containsText(sku);
		Accessibility.check(this.page);

		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Purchase orders")).click();
		assertThat(this.page.getByRole(AriaRole.HEADING,
				new Page.GetByRoleOptions().setName("Purchase orders").setLevel(1)))
			.isVisible();
		Accessibility.check(this.page);

		String later = LocalDate.now().plusDays(10).toString();
		upload("po_number,sku,quantity,unit_price,currency,requested_date\nPO-" + tag + ",NOPE,3,4.50,EUR," + later
				+ "\n");
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("Line 2: “NOPE” is not a SKU in your stock.");
		Accessibility.check(this.page);

		upload("po_number,sku,quantity,unit_price,currency,requested_date\r\nPO-" + tag + "," + sku + ",12,4.50,EUR,"
				+ later + "\r\n");
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS))
			.hasText("1 purchase order taken in and acknowledged: PO-" + tag + ".");
		assertThat(this.page.getByRole(AriaRole.TABLE,
				new Page.GetByRoleOptions().setName("Your purchase orders, newest first")))
			.containsText("1 accepted, 0 rejected");
		Accessibility.check(this.page);

		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("PO-" + tag)).click();
		assertThat(this.page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Lines of PO-" + tag)))
			.containsText("Accepted");
		Accessibility.check(this.page);

		this.page.getByLabel("Shipment number").fill("ASN-" + tag);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the ship notice")).click();
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS))
			.hasText("Your ship notice ASN-" + tag + " is noted.");
		Accessibility.check(this.page);

		this.page.locator("#invoice-number").fill("INV-" + tag);
		this.page.locator("#invoice-issued").fill(LocalDate.now().toString());
		this.page.locator("#invoice-due").fill(LocalDate.now().plusDays(30).toString());
		this.page.locator("#invoice-currency").fill("EUR");
		this.page.locator("#invoice-net").fill("54.00");
		this.page.locator("#invoice-tax").fill("10.26");
		this.page.locator("#invoice-gross").fill("64.26");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the invoice")).click();
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS))
			.containsText("Invoice INV-" + tag + " received");
		Accessibility.check(this.page);
		this.page.navigate("/partner/invoices");
		assertThat(
				this.page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Your invoices, newest first")))
			.containsText("INV-" + tag);
		Accessibility.check(this.page);
	}

	@Test
	void aVendorSendsAnInterchangeOfTwo850sAndSeesWhatBecameOfEach(@Autowired Accounts accounts,
			@Autowired SecondFactors factors, @Autowired Partners partners, @Autowired VendorStock stock,
			@Autowired JdbcClient jdbc) {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		Partner vendor = partners.create(Partner.Kind.VENDOR, "Journey Kilns " + tag, null, "ops", "::1");
		TestLogin login = TestLogins.staff(accounts, factors, Role.PARTNER);
		UUID account = accounts.findByEmail(EmailAddress.of(login.email())).orElseThrow().id();
		jdbc.sql("insert into partner_member (account_id, partner_id, invited_by, invited_at) values (?, ?, ?, ?)")
			.params(account, vendor.id(), "ops", OffsetDateTime.now())
			.update();
		stock.report(vendor, List.of(new VendorStock.StockReport("KILN-" + tag, "Main", 5)), login.email(), "::1");
		String x12 = "ISA*00*          *00*          *ZZ*KILNS          *ZZ*CONCIERGE      *261207*1200*U*00401*000000005*0*P*>~"
				+ "GS*PO*KILNS*CONCIERGE*20261207*1200*5*X*004010~" + "ST*850*0001~BEG*00*SA*OK-" + tag
				+ "**20261207~DTM*002*20990101~PO1*1*2*EA*80.00**VP*KILN-" + tag + "~CTT*1~SE*6*0001~"
				+ "ST*850*0002~BEG*00*SA*NO-" + tag
				+ "**20261207~DTM*002*20990101~PO1*1*2*EA*80.00**VP*NOPE~CTT*1~SE*6*0002~" + "GE*2*5~IEA*1*000000005~";

		LoginPage.open(this.page)
			.signInToSecondFactor(login.email(), login.password())
			.submit(io.concierge.Authenticator.code(login.totpSecret()), false);
		this.page.navigate("/partner/purchase-orders");
		this.page.getByLabel("X12 850 file")
			.setInputFiles(new FilePayload("po.x12", "text/plain", x12.getBytes(StandardCharsets.UTF_8)));
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the purchase order file"))
			.click();
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS))
			.containsText("2 purchase orders received");

		var sent = this.page.getByRole(AriaRole.TABLE,
				new Page.GetByRoleOptions().setName("Purchase orders you sent as X12 850, newest first"));
		for (int tries = 0; tries < 20 && sent.textContent().contains("being checked"); tries++) {
			this.page.waitForTimeout(250);
			this.page.reload();
		}
		assertThat(sent).containsText("Accepted: OK-" + tag);
		assertThat(sent).containsText("Line 1: “NOPE” is not a SKU in your stock.");
		assertThat(sent.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Download the 997")))
			.hasCount(2);
		Accessibility.check(this.page);

		this.page.navigate("/partner/purchase-orders?lang=de");
		assertThat(this.page
			.getByRole(AriaRole.TABLE,
					new Page.GetByRoleOptions()
						.setName("Bestellungen, die Sie als X12 850 gesendet haben, neueste zuerst"))
			.getByRole(AriaRole.ROW)
			.filter(new Locator.FilterOptions().setHasText("NO-" + tag))).containsText("Abgelehnt, nichts übernommen");
		Accessibility.check(this.page);
		this.page.navigate("/partner/purchase-orders?lang=en");
	}

	private void upload(String csv) {
		this.page.getByLabel("CSV file (UTF-8)")
			.setInputFiles(new FilePayload("po.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the file")).click();
	}

}
