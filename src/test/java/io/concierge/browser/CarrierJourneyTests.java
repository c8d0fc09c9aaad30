package io.concierge.browser;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.concierge.identity.Accounts;
import io.concierge.identity.Role;
import io.concierge.identity.SecondFactors;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.orders.FulfilmentUpdate;
import io.concierge.orders.LineStatus;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.Orders;
import io.concierge.partners.CarrierShipments;
import io.concierge.partners.Partner;
import io.concierge.partners.Partners;
import io.concierge.shared.EmailAddress;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A carrier's driver on a phone opens a parcel and records its delivery with the
 * recipient's signature drawn on the screen; the customer, watching the order's page on
 * another device, sees the proof appear. A customer reports a damaged parcel from the
 * order's page and finds the request it opened.
 */
class CarrierJourneyTests extends BrowserTest {

	@Test
	void aDriverRecordsADeliveryWithASignatureAndTheCustomerSeesItLive(@Autowired Accounts accounts,
			@Autowired SecondFactors factors, @Autowired Partners partners, @Autowired OrderManagement orders,
			@Autowired CarrierShipments shipments, @Autowired JdbcClient jdbc) {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		Partner carrier = partners.create(Partner.Kind.CARRIER, "Journey Parcels " + tag, "jp-" + tag, "ops", "::1");
		TestLogin driver = TestLogins.staff(accounts, factors, Role.PARTNER);
		jdbc.sql("""
				insert into partner_member (account_id, partner_id, invited_by, invited_at)
				select id, ?, 'test', now() from account where email = ?""")
			.params(carrier.id(), driver.email())
			.update();
		TestLogin customer = TestLogins.customer(accounts);
		UUID account = accounts.findByEmail(EmailAddress.of(customer.email())).orElseThrow().id();
		Instant shipped = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
		String number = orders
			.place(Orders.of(account, null, shipped.minus(Duration.ofDays(1)), "MUG-01", "Stoneware mug"));
		String tracking = "JP" + tag.toUpperCase();
		orders.apply(new FulfilmentUpdate(number, LineStatus.SHIPPED, shipped, List.of(), "jp-" + tag, null, tracking,
				null, null));
		await().atMost(Duration.ofSeconds(10)).until(() -> shipments.find(carrier, tracking).isPresent());

		// the customer watches the order on a device of their own
		Page watching = newBrowserWindow();
		LoginPage.open(watching).signIn(customer.email(), customer.password());
		watching.navigate("/orders/" + number);
		assertThat(watching.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).containsText(number);
		assertThat(watching.getByText("Proof of delivery")).hasCount(0);
		Accessibility.check(watching);

		// the driver, on a phone
		this.page.setViewportSize(375, 812);
		// partners land on their portal, not on the dashboard
		LoginPage.open(this.page)
			.signInToSecondFactor(driver.email(), driver.password())
			.submit(io.concierge.Authenticator.code(driver.totpSecret()), false);
		assertThat(heading()).hasText(carrier.name());
		Accessibility.check(this.page);
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Your parcels")).click();
		assertThat(heading()).hasText("Your parcels");
		this.page.getByLabel("Tracking or order number").fill(tracking);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show parcels")).click();
		assertThat(this.page.getByText("1 parcel", new Page.GetByTextOptions().setExact(true))).isVisible();
		Accessibility.check(this.page);

		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(tracking)).click();
		assertThat(heading()).hasText("Parcel " + tracking);
		Accessibility.check(this.page);
		this.page.getByLabel("Received by").fill("J. Keller");
		this.page.getByLabel("Where (optional)").last().fill("Front door");
		Locator pad = this.page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Signature"));
		pad.scrollIntoViewIfNeeded();
		BoundingBox box = pad.boundingBox();
		this.page.mouse().move(box.x + 20, box.y + box.height / 2);
		this.page.mouse().down();
		for (int i = 1; i <= 12; i++) {
			this.page.mouse()
				.move(box.x + 20 + i * (box.width - 40) / 12, box.y + box.height / 2 + ((i % 2 == 0) ? -25 : 25));
		}
		this.page.mouse().up();
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record the delivery")).click();
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS))
			.containsText("Proof of delivery recorded: received by J. Keller");
		assertThat(this.page.getByRole(AriaRole.MAIN)).containsText("Received by J. Keller");
		Accessibility.check(this.page);

		// the customer's page moved without a reload
		assertThat(watching.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Proof of delivery")))
			.isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(15000));
		assertThat(watching.getByRole(AriaRole.MAIN)).containsText("Received by J. Keller");
		assertThat(watching.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Signature of J. Keller")))
			.isVisible();
		assertThat(watching.getByRole(AriaRole.MAIN)).containsText("signed for by J. Keller");
		Accessibility.check(watching);
	}

	@Test
	void aCustomerReportsADamagedParcelFromTheOrderPageAndFindsTheirRequest(@Autowired Accounts accounts,
			@Autowired Partners partners, @Autowired OrderManagement orders, @Autowired CarrierShipments shipments) {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		Partner carrier = partners.create(Partner.Kind.CARRIER, "Journey Problems " + tag, "jq-" + tag, "ops", "::1");
		TestLogin customer = TestLogins.customer(accounts);
		UUID account = accounts.findByEmail(EmailAddress.of(customer.email())).orElseThrow().id();
		Instant shipped = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
		String number = orders
			.place(Orders.of(account, null, shipped.minus(Duration.ofDays(1)), "MUG-01", "Stoneware mug"));
		String tracking = "JQ" + tag.toUpperCase();
		orders.apply(new FulfilmentUpdate(number, LineStatus.SHIPPED, shipped, List.of(), "jq-" + tag, null, tracking,
				null, null));
		await().atMost(Duration.ofSeconds(10)).until(() -> shipments.find(carrier, tracking).isPresent());

		LoginPage.open(this.page).signIn(customer.email(), customer.password());
		this.page.navigate("/orders/" + number);
		this.page.getByText("Report a problem with this parcel").click();
		Accessibility.check(this.page);
		this.page.getByLabel("It arrived damaged").check();
		this.page.getByLabel("Describe the problem").fill("The box was crushed and the mug is broken.");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the report")).click();
		Locator answer = this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS);
		assertThat(answer).containsText("we have your report, and request T-");
		assertThat(answer).isFocused();
		Accessibility.check(this.page);
		answer.getByRole(AriaRole.LINK).click();
		assertThat(heading()).containsText(tracking);
		assertThat(this.page.getByRole(AriaRole.MAIN)).containsText("The box was crushed and the mug is broken.");
		Accessibility.check(this.page);
	}

	private Locator heading() {
		return this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1));
	}

	@Test
	void theWarehouseOpensADiscrepancyAndAnUnknownParcelIsExplained(@Autowired Accounts accounts,
			@Autowired SecondFactors factors) {
		TestLogin operations = TestLogins.staff(accounts, factors, Role.OPERATIONS);
		LoginPage.open(this.page).signIn(operations.email(), operations.password(), operations.totpSecret());
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Discrepancies")).click();
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
			.hasText("Parcel discrepancies");
		Accessibility.check(this.page);
		this.page.getByLabel("Tracking number").fill("NO-SUCH-PARCEL");
		this.page.getByLabel("Description").fill("The box arrived crushed");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open a discrepancy")).click();
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("No parcel has this tracking number.");
		assertThat(this.page.getByLabel("Description")).hasValue("The box arrived crushed");
		Accessibility.check(this.page);
	}

}
