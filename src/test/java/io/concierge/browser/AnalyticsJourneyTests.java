package io.concierge.browser;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.concierge.identity.Accounts;
import io.concierge.identity.Role;
import io.concierge.identity.SecondFactors;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * An administrator reads the analytics: the charts are drawn, each with its table, in
 * English and German.
 */
class AnalyticsJourneyTests extends BrowserTest {

	@Test
	void administratorReadsTheChartsAndTheirTables(@Autowired Accounts accounts, @Autowired SecondFactors factors) {
		TestLogin admin = TestLogins.staff(accounts, factors, Role.ADMINISTRATOR);
		LoginPage.open(this.page).signIn(admin.email(), admin.password(), admin.totpSecret());
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Analytics")).click();
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Analytics");
		assertThat(
				this.page.getByRole(AriaRole.IMG,
						new Page.GetByRoleOptions()
							.setName("Chart: Adoption of the portal. The table beside it has the same figures.")))
			.isVisible();
		assertThat(this.page.locator("canvas")).hasCount(4);
		// Chart.js has drawn: it sets the canvas' size from its box
		assertThat(this.page.locator("#chart-wismo")).hasAttribute("style", java.util.regex.Pattern.compile("height"));
		assertThat(this.page.getByRole(AriaRole.REGION,
				new Page.GetByRoleOptions().setName("Table: Where is my order: status checks per order")))
			.isVisible();
		Accessibility.check(this.page);
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Last 90 days")).click();
		assertThat(this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Last 90 days")))
			.hasAttribute("aria-current", "page");
		this.page.navigate("/admin/analytics?lang=de");
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Analysen");
		assertThat(this.page.locator("#chart-adoption")).hasAttribute("style",
				java.util.regex.Pattern.compile("height"));
		Accessibility.check(this.page);
	}

}
