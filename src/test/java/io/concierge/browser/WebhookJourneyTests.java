package io.concierge.browser;

import java.util.UUID;

import com.microsoft.playwright.Locator;
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
 * An administrator subscribes a warehouse to order events, is shown its secret once,
 * opens its delivery log, switches it off and removes it.
 */
class WebhookJourneyTests extends BrowserTest {

	@Test
	void administratorSubscribesASystemSeesItsSecretOnceAndOpensItsLog(@Autowired Accounts accounts,
			@Autowired SecondFactors factors) {
		TestLogin admin = TestLogins.staff(accounts, factors, Role.ADMINISTRATOR);
		LoginPage.open(this.page).signIn(admin.email(), admin.password(), admin.totpSecret());
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Webhooks")).click();
		assertThat(heading()).hasText("Webhooks");
		Accessibility.check(this.page);

		String name = "Warehouse " + UUID.randomUUID().toString().substring(0, 8);
		this.page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);
		this.page.getByLabel("Address", new Page.GetByLabelOptions().setExact(true))
			.fill("http://wms.example.com/hooks");
		this.page.getByLabel("All events, including those added later").uncheck();
		this.page.getByLabel("order.return_requested").check();
		this.page.getByLabel("Contact email").fill("wms-team@example.com");
		add();
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("not added");
		assertThat(this.page.getByLabel("Address", new Page.GetByLabelOptions().setExact(true)))
			.hasAccessibleDescription(java.util.regex.Pattern.compile("must start with https://"));
		assertThat(this.page.getByLabel("order.return_requested")).isChecked();
		Accessibility.check(this.page);

		this.page.getByLabel("Address", new Page.GetByLabelOptions().setExact(true)).fill("http://127.0.0.1:9/hooks");
		add();
		assertThat(this.page.locator("#webhook-secret")).containsText("whsec_");
		Locator row = this.page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(name));
		assertThat(row).containsText("order.return_requested");
		assertThat(row).containsText("Enabled");
		Accessibility.check(this.page);
		this.page.reload();
		assertThat(this.page.locator("#webhook-secret")).hasCount(0);

		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name)).click();
		assertThat(heading()).hasText("Webhook " + name);
		assertThat(this.page.getByText("Nothing has been sent yet.")).isVisible();
		Accessibility.check(this.page);

		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disable")).click();
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS)).containsText("switched off");
		assertThat(this.page.getByRole(AriaRole.MAIN)).containsText("Warning:");
		Accessibility.check(this.page);

		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove the subscription")).click();
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS)).containsText("removed");
		assertThat(this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name))).hasCount(0);
	}

	private void add() {
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a subscription")).click();
	}

	private Locator heading() {
		return this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
	}

}
