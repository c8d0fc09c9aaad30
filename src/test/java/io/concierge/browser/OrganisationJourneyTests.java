package io.concierge.browser;

import java.util.UUID;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.concierge.identity.DemoLogins.DemoLogin;
import io.concierge.notifications.MailOutbox;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * A company admin invites a colleague, who joins with a new account; roles are managed on
 * the company page.
 */
class OrganisationJourneyTests extends BrowserTest {

	@Autowired
	MailOutbox outbox;

	@Test
	void companyAdminInvitesAColleagueWhoJoinsWithANewAccount() {
		DemoLogin jana = this.demo.all().stream().filter(DemoLogin::business).findFirst().orElseThrow();
		String colleague = "colleague-" + UUID.randomUUID().toString().substring(0, 8) + "@nordwind.example";
		LoginPage.open(this.page).signIn(jana.email().value(), jana.password());
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Your company")).click();
		assertThat(heading()).hasText("Nordwind Trading GmbH");
		Accessibility.check(this.page);

		this.page.getByLabel("Email address").fill("not an address");
		click("Send invitation");
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("not an email address");
		this.page.getByLabel("Email address").fill(colleague);
		click("Send invitation");
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS)).containsText("on its way");
		assertThat(this.page.getByText(colleague)).isVisible();
		Accessibility.check(this.page);

		Page colleagues = newBrowserWindow();
		colleagues.navigate(Mailbox.link(new Mailbox(this.outbox).latest(colleague, "invites you")));
		assertThat(colleagues.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
			.hasText("Join Nordwind Trading GmbH on Concierge");
		Accessibility.check(colleagues);
		colleagues.getByLabel("Your name").fill("Lukas Brandt");
		colleagues.getByLabel("Password").fill("lukas joins nordwind today");
		colleagues.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create my account and join"))
			.click();
		DashboardPage dashboard = LoginPage.shown(colleagues).signIn(colleague, "lukas joins nordwind today");
		assertThat(dashboard.account()).containsText("Nordwind Trading GmbH");
		assertThat(dashboard.account()).containsText("Viewer: reads, changes nothing");
		assertThat(colleagues.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Your company")))
			.hasCount(0);

		this.page.reload();
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Lukas Brandt")))
			.isVisible();
		this.page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Roles of Lukas Brandt"))
			.getByLabel("Buyer: orders, changes and returns")
			.check();
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save roles of Lukas Brandt")).click();
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS)).containsText("roles are saved");

		this.page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Roles of Jana Keller"))
			.getByLabel("Admin: invites users and assigns roles")
			.uncheck();
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save roles of Jana Keller")).click();
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("at least one admin");
	}

	private com.microsoft.playwright.Locator heading() {
		return this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
	}

	private void click(String button) {
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button)).click();
	}

}
