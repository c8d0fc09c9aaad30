package io.concierge.browser;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.concierge.Authenticator;
import io.concierge.identity.Accounts;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.Role;
import io.concierge.identity.SecondFactors;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.orders.FulfilmentUpdate;
import io.concierge.orders.LineStatus;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.OrderSelfService;
import io.concierge.orders.Orders;
import io.concierge.orders.PolicyRules;
import io.concierge.orders.PolicySettings;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Customers change their own orders in the browser: they see what the policy allows and
 * why not the rest, check the effect before confirming, confirm once however often they
 * press, give the second factor before a new address, and get a return label once an
 * agent approves what the policy left to the team.
 */
class OrderChangeJourneyTests extends BrowserTest {

	@Autowired
	Accounts accounts;

	@Autowired
	SecondFactors factors;

	@Autowired
	Callers callers;

	@Autowired
	OrderManagement orders;

	@Autowired
	OrderSelfService self;

	@Test
	void aCustomerCancelsOneOfTwoMugsAfterSeeingTheRefundAndSendingTheFormAgainCancelsNothingMore() {
		TestLogin customer = TestLogins.customer(this.accounts);
		Caller caller = caller(customer);
		String number = this.orders.place(Orders.aTwoLineOrder(caller.account(), Instant.now()));
		LoginPage.open(this.page).signIn(customer.email(), customer.password());

		openOrder(number);
		actions().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Cancel items")).click();
		assertThat(heading("Cancel items of order " + number)).isVisible();
		Accessibility.check(this.page);
		this.page.getByLabel("How many of Stoneware mug").fill("1");
		click("Review the change");

		assertThat(heading("Check and confirm")).isVisible();
		Accessibility.check(this.page);
		assertThat(this.page.getByText("1 × Stoneware mug")).isVisible();
		assertThat(this.page.locator("dl.totals")).containsText("You get back");
		assertThat(this.page.locator("dd.refund")).hasText("£12.50");
		assertThat(this.page.getByText("The refund goes back the way you paid, within 5 working days.")).isVisible();
		String action = this.page.locator("form[data-once]").getAttribute("action");
		@SuppressWarnings("unchecked")
		Map<String, String> sent = (Map<String, String>) this.page
			.evaluate("() => Object.fromEntries(new FormData(document.querySelector('form[data-once]')))");
		click("Cancel these items");

		assertThat(this.page).hasURL(Pattern.compile(".*/orders/" + number + "$"));
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS).first())
			.containsText("Cancelled. The refund is on its way.");
		Locator requests = region("Your requests");
		assertThat(requests.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName("Cancellation")))
			.isVisible();
		assertThat(requests).containsText("1 × Stoneware mug");
		assertThat(requests).containsText("Refund: £12.50");
		Accessibility.check(this.page);

		// the same confirmation once more, as a second press or a resubmission from the
		// history would send it
		FormData again = FormData.create();
		sent.forEach(again::set);
		APIResponse resent = this.page.request().post(action, RequestOptions.create().setForm(again));
		org.assertj.core.api.Assertions.assertThat(resent.status()).isEqualTo(200);

		org.assertj.core.api.Assertions.assertThat(this.self.changes(caller, number)).hasSize(1);
		org.assertj.core.api.Assertions
			.assertThat(this.self.options(caller, number).orElseThrow().lines().get(0).cancellable())
			.isEqualTo(1);
		this.page.reload();
		assertThat(region("Your requests").getByRole(AriaRole.HEADING,
				new Locator.GetByRoleOptions().setName("Cancellation")))
			.hasCount(1);
	}

	@Test
	void aNewAddressAsksForTheSecondFactorThenForAPostalCodeOfTheRightShape() {
		TestLogin customer = TestLogins.staff(this.accounts, this.factors, Role.CUSTOMER);
		Caller caller = caller(customer);
		String number = this.orders.place(Orders.aTwoLineOrder(caller.account(), Instant.now()));
		LoginPage.open(this.page)
			.signInToSecondFactor(customer.email(), customer.password())
			.enterAndTrustThisBrowser(Authenticator.code(customer.totpSecret()));
		click("Sign out");
		LoginPage.shown(this.page).signIn(customer.email(), customer.password());

		openOrder(number);
		actions().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Change the delivery address"))
			.click();
		SecondFactorPage.shown(this.page).submit(Authenticator.code(customer.totpSecret()), false);

		assertThat(this.page).hasURL(Pattern.compile(".*/orders/" + number + "/address$"));
		assertThat(heading("Change the delivery address of order " + number)).isVisible();
		Accessibility.check(this.page);
		assertThat(this.page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true))).hasValue("Alex Morgan");
		assertThat(this.page.getByLabel("Postal code")).hasValue("BS1 4RN");
		this.page.getByLabel("Street and house number").fill("Schönhauser Allee 12");
		this.page.getByLabel("Postal code").fill("2045");
		this.page.getByLabel("Town or city").fill("Berlin");
		this.page.getByLabel("State or province").fill("");
		this.page.getByLabel("Country").selectOption("DE");
		click("Review the change");

		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText("Please correct the fields marked below.");
		Locator postalCode = this.page.getByLabel("Postal code");
		assertThat(postalCode).hasAttribute("aria-invalid", "true");
		assertThat(postalCode).hasAccessibleDescription(
				Pattern.compile("This is not a postal code of this country. It looks like \\d{5}\\."));
		Accessibility.check(this.page);
		assertThat(this.page.getByLabel("Town or city")).hasValue("Berlin");
		postalCode.fill("10119");
		click("Review the change");

		assertThat(heading("Check and confirm")).isVisible();
		assertThat(this.page.locator("address")).containsText("Schönhauser Allee 12");
		assertThat(this.page.locator("address")).containsText("10119 Berlin");
		Accessibility.check(this.page);
		click("Send to this address");

		assertThat(this.page).hasURL(Pattern.compile(".*/orders/" + number + "$"));
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS).first())
			.containsText("The new address is on the order and on its way to the warehouse.");
		assertThat(region("Delivery address")).containsText("Schönhauser Allee 12");
		assertThat(region("Delivery address")).containsText("10119 Berlin");
		Locator requests = region("Your requests");
		assertThat(requests).containsText("New delivery address");
		assertThat(requests).containsText("Sent to the warehouse");
		Accessibility.check(this.page);
	}

	@Test
	void aLateReturnWithAPhotoWaitsForAnAgentAndThenHasALabelToPrint() throws Exception {
		TestLogin customer = TestLogins.customer(this.accounts);
		Caller caller = caller(customer);
		String number = delivered(caller, Instant.now().minus(40, ChronoUnit.DAYS));
		Path photo = aPhoto();
		LoginPage.open(this.page).signIn(customer.email(), customer.password());

		openOrder(number);
		actions().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Return items")).click();
		assertThat(heading("Return or exchange items of order " + number)).isVisible();
		Accessibility.check(this.page);
		this.page.getByLabel("How many of Stoneware mug").fill("1");
		this.page.getByLabel("Why are you sending it back?").selectOption("DAMAGED");
		this.page.getByLabel("Anything we should know? (optional)").fill("The handle came off in the box.");
		click("Review the change");

		assertThat(heading("Check and confirm")).isVisible();
		assertThat(this.page.getByText("Our team confirms this, usually within a working day.")).isVisible();
		Accessibility.check(this.page);
		this.page.getByLabel("Photos (optional)").setInputFiles(photo);
		click("Request the return");

		assertThat(this.page).hasURL(Pattern.compile(".*/orders/" + number + "$"));
		assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS).first())
			.containsText(Pattern.compile("Return R-\\S+ is requested"));
		Locator requests = region("Your requests");
		assertThat(requests).containsText("Requested, waiting for our team");
		String returnNumber = requests.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName("Return"))
			.textContent()
			.replaceAll("(?s).*(R-\\S+).*", "$1");
		Accessibility.check(this.page);

		TestLogin agent = TestLogins.staff(this.accounts, this.factors, Role.AGENT);
		Page desk = newBrowserWindow();
		LoginPage.open(desk).signIn(agent.email(), agent.password(), agent.totpSecret());
		desk.navigate("/operations/changes");
		assertThat(desk.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Customers’ requests")))
			.isVisible();
		Accessibility.check(desk);
		desk.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Return " + returnNumber).setExact(true))
			.click();
		assertThat(desk.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Return for order " + number)))
			.isVisible();
		Locator image = desk.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("Photo 1 from the customer"));
		assertThat(image).isVisible();
		org.assertj.core.api.Assertions.assertThat(image.evaluate("img => img.complete && img.naturalWidth"))
			.isEqualTo(32);
		assertThat(desk.getByText("The handle came off in the box.")).isVisible();
		Accessibility.check(desk);
		desk.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Approve").setExact(true)).click();
		assertThat(desk.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS).first())
			.containsText("Approved. The customer sees it on the order page.");
		Accessibility.check(desk);

		this.page.reload();
		Locator label = region("Your requests").getByRole(AriaRole.LINK,
				new Locator.GetByRoleOptions().setName("Print the return label for " + returnNumber + " (PDF)"));
		assertThat(label).isVisible();
		assertThat(region("Your requests")).containsText("Approved, label ready");
		Accessibility.check(this.page);
		APIResponse pdf = this.page.request().get(label.getAttribute("href"));
		org.assertj.core.api.Assertions.assertThat(pdf.status()).isEqualTo(200);
		org.assertj.core.api.Assertions.assertThat(pdf.headers().get("content-type")).startsWith("application/pdf");
		org.assertj.core.api.Assertions.assertThat(new String(pdf.body(), 0, 4, StandardCharsets.US_ASCII))
			.isEqualTo("%PDF");
	}

	@Test
	void whatHasShippedCannotBeCancelledAndThePageSaysWhy() {
		TestLogin customer = TestLogins.customer(this.accounts);
		Caller caller = caller(customer);
		String number = this.orders.place(Orders.aTwoLineOrder(caller.account(), Instant.now()));
		this.orders.apply(new FulfilmentUpdate(number, LineStatus.SHIPPED, Instant.now(), List.of(), "DHL", null,
				"JD" + UUID.randomUUID(), LocalDate.now().plusDays(2), null));
		String reason = "This item has left our warehouse, so it can no longer be cancelled. You can return it once it arrives.";
		LoginPage.open(this.page).signIn(customer.email(), customer.password());

		openOrder(number);
		Locator actions = actions();
		assertThat(actions.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Cancel items")))
			.hasCount(0);
		assertThat(actions.getByRole(AriaRole.HEADING, new Locator.GetByRoleOptions().setName("Cancel items")))
			.isVisible();
		assertThat(actions.getByText(reason)).isVisible();
		Accessibility.check(this.page);

		// the form, reached by its address, offers nothing to cancel and says why
		this.page.navigate("/orders/" + number + "/cancel");
		assertThat(heading("Cancel items of order " + number)).isVisible();
		assertThat(this.page.getByLabel("How many of Stoneware mug")).hasCount(0);
		assertThat(this.page.getByRole(AriaRole.CELL, new Page.GetByRoleOptions().setName(reason)).first()).isVisible();
		Accessibility.check(this.page);

		// a request made up to cancel a mug anyway is refused with the reason
		this.page.evaluate("""
				() => {
				  const form = document.querySelector('form[action$="/cancel/preview"]:not(.stacked)');
				  const mug = document.createElement('input');
				  mug.type = 'hidden'; mug.name = 'quantity-1'; mug.value = '1';
				  form.appendChild(mug);
				  form.submit();
				}""");
		assertThat(this.page.getByRole(AriaRole.ALERT)).containsText(reason);
		assertThat(heading("Cancel items of order " + number)).isVisible();
		Accessibility.check(this.page);
		org.assertj.core.api.Assertions.assertThat(this.self.changes(caller, number)).isEmpty();
		org.assertj.core.api.Assertions.assertThat(this.self.options(caller, number).orElseThrow().lines())
			.allSatisfy((line) -> org.assertj.core.api.Assertions.assertThat(line.cancellable()).isZero());
	}

	@Test
	void anAdministratorLengthensTheReturnWindow(@Autowired PolicySettings settings) {
		PolicyRules before = settings.rules();
		TestLogin administrator = TestLogins.staff(this.accounts, this.factors, Role.ADMINISTRATOR);
		try {
			LoginPage.open(this.page)
				.signIn(administrator.email(), administrator.password(), administrator.totpSecret());
			this.page.navigate("/admin/order-policy");
			assertThat(heading("Order change policy")).isVisible();
			Accessibility.check(this.page);
			this.page.getByLabel("Return window, in days after delivery").fill("60");
			click("Save the policy");

			assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS).first())
				.containsText("The policy is saved");
			assertThat(this.page.getByLabel("Return window, in days after delivery")).hasValue("60");
			org.assertj.core.api.Assertions.assertThat(settings.rules().returnDays()).isEqualTo(60);
			Accessibility.check(this.page);

			this.page.getByLabel("Return window, in days after delivery").fill(String.valueOf(before.returnDays()));
			click("Save the policy");
			assertThat(this.page.getByRole(AriaRole.MAIN).getByRole(AriaRole.STATUS).first())
				.containsText("The policy is saved");
		}
		finally {
			settings.change(before, "test", "test");
		}
		org.assertj.core.api.Assertions.assertThat(settings.rules().returnDays()).isEqualTo(before.returnDays());
	}

	private void openOrder(String number) {
		this.page.navigate("/orders/" + number);
		assertThat(heading("Order " + number)).isVisible();
		Accessibility.check(this.page);
	}

	private Locator actions() {
		return region("What you can do");
	}

	private Locator region(String name) {
		return this.page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName(name).setExact(true));
	}

	private Locator heading(String name) {
		return this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
	}

	private void click(String button) {
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button).setExact(true)).click();
	}

	private String delivered(Caller caller, Instant at) {
		String number = this.orders.place(Orders.aTwoLineOrder(caller.account(), Instant.now()));
		this.orders.apply(new FulfilmentUpdate(number, LineStatus.SHIPPED, at.minus(1, ChronoUnit.DAYS), List.of(),
				"DHL", null, "JD" + UUID.randomUUID(), LocalDate.now(), null));
		this.orders
			.apply(new FulfilmentUpdate(number, LineStatus.DELIVERED, at, List.of(), null, null, null, null, null));
		return number;
	}

	private Caller caller(TestLogin login) {
		return this.callers.of((Principal) login::email);
	}

	private static Path aPhoto() throws Exception {
		BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(new Color(0xB0, 0x50, 0x30));
		graphics.fillRect(0, 0, 32, 24);
		graphics.setColor(Color.WHITE);
		graphics.drawLine(0, 0, 31, 23);
		graphics.dispose();
		Path file = Files.createTempFile("broken-mug-", ".png");
		ImageIO.write(image, "png", file.toFile());
		file.toFile().deleteOnExit();
		return file;
	}

}
