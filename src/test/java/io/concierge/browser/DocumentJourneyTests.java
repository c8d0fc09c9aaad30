package io.concierge.browser;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.concierge.identity.Accounts;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer keeps a document: uploads it, sees it listed, downloads it and finds the
 * download in its access log; a file that is not a document is refused saying why.
 */
class DocumentJourneyTests extends BrowserTest {

	@Test
	void aCustomerUploadsADocumentDownloadsItAndSeesWhoOpenedIt(@Autowired Accounts accounts) throws Exception {
		TestLogin customer = TestLogins.customer(accounts);
		LoginPage.open(this.page).signIn(customer.email(), customer.password());
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Documents")).click();
		assertThat(this.page.getByText("No documents yet.")).isVisible();
		Accessibility.check(this.page);

		this.page.getByLabel("File")
			.setInputFiles(new FilePayload("page.pdf", "application/pdf",
					"<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)));
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload")).click();
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("are not kept");
		Accessibility.check(this.page);

		byte[] receipt = "Receipt 2026-11-22: 2 mugs, 25.00 EUR\n".getBytes(StandardCharsets.UTF_8);
		this.page.getByLabel("File").setInputFiles(new FilePayload("receipt.txt", "text/plain", receipt));
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload")).click();
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS)).hasText("receipt.txt is kept.");
		assertThat(this.page.getByText("Nobody has opened it yet.")).isVisible();
		Accessibility.check(this.page);

		Download download = this.page.waitForDownload(
				() -> this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download receipt.txt"))
					.click());
		assertThat(download.suggestedFilename()).isEqualTo("receipt.txt");
		assertThat(Files.readAllBytes(download.path())).isEqualTo(receipt);

		this.page.reload();
		assertThat(this.page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Who opened receipt.txt")))
			.containsText("You");
		Accessibility.check(this.page);

		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make a link to receipt.txt")).click();
		String link = this.page.getByLabel("Link", new Page.GetByLabelOptions().setExact(true)).inputValue();
		assertThat(link).contains("/documents/shared/");
		assertThat(this.page.getByText("A link, valid until")).isVisible();
		Accessibility.check(this.page);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("End this link")).click();
		assertThat(this.page.getByText("The link no longer works.")).isVisible();
	}

}
