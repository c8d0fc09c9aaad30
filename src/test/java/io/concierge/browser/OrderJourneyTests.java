package io.concierge.browser;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.concierge.identity.Accounts;
import io.concierge.identity.Callers;
import io.concierge.identity.DemoLogins.DemoLogin;
import io.concierge.identity.Role;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.orders.Address;
import io.concierge.orders.Channel;
import io.concierge.orders.FulfilmentFeed;
import io.concierge.orders.FulfilmentUpdate;
import io.concierge.orders.LineStatus;
import io.concierge.orders.NewOrder;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.Orders;
import io.concierge.orders.ShipmentTracking;
import io.concierge.orders.Totals;
import io.concierge.shared.EmailAddress;
import io.concierge.shared.Money;
import io.concierge.tracking.CarrierEvents;
import io.concierge.tracking.CarrierPayloads;
import io.concierge.tracking.CarrierWebhook;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The demo customer finds an order by a misspelt product and reads where it is; an open
 * order page follows the order as the warehouse moves it.
 */
class OrderJourneyTests extends BrowserTest {

	@Autowired
	Accounts accounts;

	@Autowired
	Callers callers;

	@Autowired
	OrderManagement orders;

	@Autowired
	FulfilmentFeed feed;

	@Test
	void theOrderPageFollowsTheOrderLiveWithoutReloading() {
		TestLogin customer = TestLogins.customer(this.accounts);
		UUID account = this.callers.of((Principal) customer::email).account();
		String number = this.orders
			.place(Orders.of(account, null, Instant.now().minusSeconds(3600), "POT-07", "Cast iron teapot"));
		LoginPage.open(this.page).signIn(customer.email(), customer.password());
		this.page.navigate("/orders/" + number);
		assertThat(this.page.locator("ol.timeline li[aria-current=step]")).containsText("Placed");
		this.page.evaluate("window.stillTheSamePage = true");

		this.feed.receive("test", UUID.randomUUID().toString(), new FulfilmentUpdate(number, LineStatus.SHIPPED,
				Instant.now(), List.of(), "DHL", null, "00340434161094042557", LocalDate.now().plusDays(2), null));

		assertThat(this.page.locator("ol.timeline li[aria-current=step]")).containsText("Shipped",
				new LocatorAssertions.ContainsTextOptions().setTimeout(2_000));
		assertThat(this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("00340434161094042557")))
			.isVisible();
		assertThat(this.page.locator("#announcer")).containsText("Shipped");
		org.assertj.core.api.Assertions.assertThat(this.page.evaluate("window.stillTheSamePage")).isEqualTo(true);
		Accessibility.check(this.page);
	}

	@Test
	void aCarriersScansAndTheEstimateAppearOnTheOrderPageAsTheyCome(@Autowired CarrierEvents carriers,
			@Autowired ShipmentTracking parcels) throws Exception {
		TestLogin customer = TestLogins.customer(this.accounts);
		UUID account = this.callers.of((Principal) customer::email).account();
		String number = this.orders
			.place(Orders.of(account, null, Instant.now().minusSeconds(86_400), "POT-07", "Cast iron teapot"));
		String tracking = "JD" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		this.orders.apply(new FulfilmentUpdate(number, LineStatus.SHIPPED, Instant.parse("2026-11-20T09:00:00Z"),
				List.of(), "DHL", "Express", tracking, LocalDate.of(2026, 11, 25), null));
		LoginPage.open(this.page).signIn(customer.email(), customer.password());
		this.page.navigate("/orders/" + number);
		assertThat(this.page.locator("[data-following=true]")).hasCount(1);

		byte[] event = CarrierPayloads.easyPostInTransit(tracking).getBytes(StandardCharsets.UTF_8);
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec("test-easypost-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String signature = "hmac-sha256-hex=" + HexFormat.of().formatHex(mac.doFinal(event));
		carriers.receive(CarrierWebhook.EASYPOST, event,
				(header) -> "X-Hmac-Signature".equals(header) ? signature : null);

		assertThat(this.page.locator(".parcel-stage")).containsText("In transit · last scanned in Leipzig, DE",
				new LocatorAssertions.ContainsTextOptions().setTimeout(2_000));
		assertThat(this.page.getByText("The carrier expects to deliver it on")).isVisible();
		ShipmentTracking.OpenParcel parcel = parcels.awaitingPrediction(Instant.now().plusSeconds(60), 10_000)
			.stream()
			.filter((open) -> open.orderNumber().equals(number))
			.findFirst()
			.orElseThrow();
		parcels.predicted(parcel, new ShipmentTracking.Prediction(LocalDate.of(2026, 11, 24),
				LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 25), "MODEL"));
		// our estimate, or the scheduled estimator's own by now: either way a day and its
		// source
		assertThat(this.page.locator(".parcel-estimate")).containsText(
				Pattern.compile("Expected .*2026.*\\((our|the carrier)", Pattern.DOTALL),
				new LocatorAssertions.ContainsTextOptions().setTimeout(2_000));
		this.page.getByText("2 scans by the carrier").click();
		assertThat(this.page.locator("ol.checkpoints li").first())
			.containsText("Arrived at Sort Facility LEIPZIG - GERMANY");
		Accessibility.check(this.page);
	}

	@Test
	void aGuestTracksAnOrderByNumberAndPostalCodeAndSeesNothingPrivate() {
		Money price = Money.of("45.00", "GBP");
		Money zero = Money.of("0", "GBP");
		Address home = new Address("Robin Guest", "7 Quay Road", "BS1 5TT", "Bristol", null, "GB");
		TestLogin customer = TestLogins.customer(this.accounts);
		UUID account = this.callers.of((Principal) customer::email).account();
		String number = this.orders
			.place(new NewOrder(Channel.WEB_SHOP, "guest-" + UUID.randomUUID(), null, account, null, Instant.now(),
					List.of(new NewOrder.NewLine("POT-07", "Cast iron teapot", 1, price, zero, zero)), home, home,
					new Totals(price, zero, zero, zero, price), null, EmailAddress.of("robin.guest@example.com")));
		this.page.navigate("/login");
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Track an order without signing in"))
			.click();
		Accessibility.check(this.page);
		this.page.getByLabel("Order number").fill(number);
		this.page.getByLabel("Email address or delivery postal code").fill("BS1 9XX");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Find my order")).click();
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("could not find an order");
		this.page.getByLabel("Email address or delivery postal code").fill("bs15tt");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Find my order")).click();
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Order " + number)))
			.isVisible();
		assertThat(this.page.locator("ol.timeline li[aria-current=step]")).containsText("Placed");
		assertThat(this.page.locator("main")).not().containsText("Quay Road");
		assertThat(this.page.locator("main")).not().containsText("45.00");
		Accessibility.check(this.page);
	}

	@Test
	void theApiDescriptionCanBeBrowsed() {
		this.page.navigate("/swagger-ui.html");
		assertThat(this.page.getByText("Concierge API")).isVisible();
		assertThat(this.page.getByText("/api/fulfilment/events")).isVisible();
	}

	@Test
	void customerFindsAnOrderByAMisspeltProductAndReadsItsTimeline() {
		DemoLogin customer = this.demo.all()
			.stream()
			.filter((login) -> login.role() == Role.CUSTOMER && !login.business())
			.findFirst()
			.orElseThrow();
		LoginPage.open(this.page).signIn(customer.email().value(), customer.password());
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("On their way")))
			.isVisible();
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Latest updates")))
			.isVisible();
		Accessibility.check(this.page);
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Orders").setExact(true)).click();
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
