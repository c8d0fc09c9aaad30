package io.concierge.browser;

import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import io.concierge.identity.DemoLogins.DemoLogin;
import io.concierge.identity.Role;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The demo customer finds an order by a misspelt product and reads where it is.
 */
class OrderJourneyTests extends BrowserTest {

	@Test
	void customerFindsAnOrderByAMisspeltProductAndReadsItsTimeline() {
		DemoLogin customer = this.demo.all()
			.stream()
			.filter((login) -> login.role() == Role.CUSTOMER && !login.business())
			.findFirst()
			.orElseThrow();
		LoginPage.open(this.page).signIn(customer.email().value(), customer.password());
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Orders")).click();
		assertThat(this.page.locator("#results-count")).hasText("30 orders");
		Accessibility.check(this.page);

		this.page.getByLabel("Order number, PO number or product").fill("stonewere mug");
		assertThat(this.page.locator("#announcer")).containsText("order");
		assertThat(this.page).hasURL(Pattern.compile(".*q=stonewere.*"));
		String count = this.page.locator("#results-count").textContent();
		org.assertj.core.api.Assertions.assertThat(count).doesNotContain("30 orders");
		assertThat(this.page.locator("table.orders tbody tr").first()).containsText("Stoneware mug");

		this.page.getByLabel("Order number, PO number or product").fill("no such thing anywhere");
		assertThat(this.page.locator("#results-count")).hasText("No orders");
		assertThat(this.page.getByText("No orders match.")).isVisible();

		this.page.getByLabel("Order number, PO number or product").fill("");
		this.page.locator("table.orders tbody tr th a").first().click();
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
			.containsText("Order C-");
		assertThat(this.page.locator("ol.timeline li")).hasCount(8);
		assertThat(this.page.locator("ol.timeline li[aria-current=step]")).hasCount(1);
		Accessibility.check(this.page);
	}

}
