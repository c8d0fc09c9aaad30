package io.concierge.browser;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.concierge.identity.Accounts;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.privacy.Erasures;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer takes their data with them and leaves: an export prepared while they watch
 * its progress, downloaded by its link (a changed link refused); then the account deleted
 * after its grace period and the signed receipt checked by anyone.
 */
class PrivacyJourneyTests extends BrowserTest {

	@Autowired
	Accounts accounts;

	@Autowired
	Erasures erasures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aCustomerExportsTheirDataWatchingItsProgressAndDownloadsIt() throws Exception {
		TestLogin customer = TestLogins.customer(this.accounts);
		LoginPage.open(this.page).signIn(customer.email(), customer.password());
		this.page.navigate("/account");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Your data and privacy")).click();
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your data and privacy")))
			.isVisible();
		Accessibility.check(this.page);

		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Export my data")).click();
		String id = this.jdbc
			.sql("select e.id::text from data_export e join account a on a.id = e.account_id where a.email = ?")
			.param(customer.email())
			.query(String.class)
			.single();
		String stream = this.page.request().get("/account/privacy/exports/" + id + "/progress").text();
		assertThat(stream).as("the progress as server-sent events, the last one saying it is ready")
			.contains("event:progress")
			.contains("data:100 ready");
		// the page reloads itself when its export is ready
		assertThat(this.page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Your exports")))
			.containsText("Ready");
		Accessibility.check(this.page);

		Download download = this.page.waitForDownload(
				() -> this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Download")).click());
		List<String> names = new ArrayList<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(download.path())))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				names.add(entry.getName());
			}
		}
		assertThat(names).contains("README.md", "export.json", "privacy.json");

		this.page.navigate(download.url().replaceAll("signature=[^&]+", "signature=changed"));
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("This download link is not valid");
		Accessibility.check(this.page);
	}

	@Test
	void aCustomerDeletesTheirAccountAndAnyoneCanCheckTheReceipt() {
		TestLogin customer = TestLogins.customer(this.accounts);
		LoginPage.open(this.page).signIn(customer.email(), customer.password());
		this.page.navigate("/account/privacy");

		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete my account")).click();
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("Please tick the box");
		this.page.getByLabel("I understand that my account").check();
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete my account")).click();
		assertThat(this.page.getByText("Your account will be deleted on")).isVisible();
		String receiptLink = this.page.locator("#receipt-link").getAttribute("href");
		Accessibility.check(this.page);

		this.jdbc.sql("""
				update erasure_request set due_at = now() - interval '1 second'
				where account_id = (select id from account where email = ?)""").param(customer.email()).update();
		assertThat(this.erasures.runDue()).isGreaterThanOrEqualTo(1);

		Page anyone = newBrowserWindow();
		anyone.navigate(receiptLink);
		assertThat(anyone.getByText("The account was deleted on")).isVisible();
		String receipt = anyone.getByLabel("The signed receipt").inputValue();
		Accessibility.check(anyone);

		anyone.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Check a receipt")).click();
		anyone.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Receipt")).fill(receipt);
		anyone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check")).click();
		assertThat(anyone.locator("#verify-result"))
			.hasText("This receipt is genuine: Concierge signed it and it has not been changed.");
		assertThat(anyone.getByRole(AriaRole.TABLE)).containsText("privacy.audit");
		Accessibility.check(anyone);

		anyone.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Receipt"))
			.fill(receipt.substring(0, receipt.length() - 4) + "AAAA");
		anyone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check")).click();
		assertThat(anyone.locator("#verify-result")).containsText("This is not a genuine receipt");
	}

}
