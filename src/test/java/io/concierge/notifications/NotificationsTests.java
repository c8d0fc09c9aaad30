package io.concierge.notifications;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import io.concierge.IntegrationTest;
import io.concierge.identity.Accounts;
import io.concierge.identity.Callers;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.notifications.NotificationPreferences.Choice;
import io.concierge.notifications.NotificationPreferences.Settings;
import io.concierge.orders.FulfilmentUpdate;
import io.concierge.orders.LineStatus;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.Orders;
import io.concierge.shared.EmailAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Events become notifications by the rules: under the bell and by mail, as each customer
 * chose, once per event whatever is replayed.
 */
@IntegrationTest
class NotificationsTests {

	@Autowired
	OrderManagement orders;

	@Autowired
	Accounts accounts;

	@Autowired
	Callers callers;

	@Autowired
	Inbox inbox;

	@Autowired
	NotificationPreferences preferences;

	@Autowired
	Notifier notifier;

	@Autowired
	DailyDigest digest;

	@Autowired
	MailOutbox outbox;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Test
	void aShippedOrderShowsUnderTheBellAndIsMailedAsTextAndHtmlWithAOneClickUnsubscribe() {
		Customer customer = customer();
		String number = placeAndShip(customer);

		await().atMost(Duration.ofSeconds(10)).until(() -> shipping(customer).size() == 1);
		assertThat(shipping(customer)).singleElement().satisfies((entry) -> {
			assertThat(entry.kind()).isEqualTo(NotificationKind.ORDER_SHIPPED);
			assertThat(entry.title()).isEqualTo("Your order " + number + " is on its way");
			assertThat(entry.body()).contains("with DHL").contains("We expect it on");
			assertThat(entry.link()).isEqualTo("/orders/" + number);
		});
		MailMessage mail = await().atMost(Duration.ofSeconds(10))
			.until(() -> mailAbout(customer, number), (found) -> found != null);
		assertThat(mail.getBody()).startsWith("Hello ")
			.contains("has left our warehouse with DHL")
			.contains("/orders/" + number)
			.contains("/notifications/unsubscribe/");
		assertThat(mail.getHtml()).contains("<html lang=\"en\"").contains("has left our warehouse with DHL");
		assertThat(mail.getUnsubscribeUrl()).contains("/notifications/unsubscribe/");

		this.inbox.markRead(customer.account(),
				this.inbox.recent(customer.account(), 10).stream().map(Inbox.Entry::id).toList());
		assertThat(this.inbox.unread(customer.account())).isZero();
	}

	@Test
	void anEventToldAgainIsNeitherShownNorMailedTwice() {
		Customer customer = customer();
		Notice notice = new Notice("order.shipped", "replay:" + UUID.randomUUID(), customer.account(), null,
				"WEB-REPLAY", Instant.now(), (locale) -> new Object[] { "WEB-REPLAY", "DHL", "soon" });

		this.notifier.tell(notice);
		this.notifier.tell(notice);

		assertThat(rows(notice.key())).containsExactlyInAnyOrder("EMAIL", "IN_APP");
		assertThat(this.outbox.sentTo(EmailAddress.of(customer.email()))).hasSize(1);
	}

	@Test
	void aKindTurnedOffByMailStillShowsInThePortal() {
		Customer customer = customer();
		this.preferences.choose(customer.account(), List.of(new Choice(NotificationKind.ORDER_SHIPPED, false, true)),
				new Settings(false, null, null));
		String number = placeAndShip(customer);

		await().atMost(Duration.ofSeconds(10)).until(() -> shipping(customer).size() == 1);
		assertThat(this.outbox.sentTo(EmailAddress.of(customer.email())))
			.noneMatch((message) -> message.getSubject().equals("Your order " + number + " is on its way"));
	}

	@Test
	void aDailyDigestGathersTheMailsIntoOneOncePerDay() {
		Customer customer = customer();
		this.preferences.choose(customer.account(), List.of(), new Settings(true, null, null));
		String first = placeAndShip(customer);
		String second = placeAndShip(customer);
		// each parcel's invoice is told too
		await().atMost(Duration.ofSeconds(10)).until(() -> this.inbox.unread(customer.account()) == 4);
		assertThat(this.outbox.sentTo(EmailAddress.of(customer.email()))).as("nothing mailed singly").isEmpty();

		this.digest.sendDue();
		this.digest.sendDue();

		assertThat(this.outbox.sentTo(EmailAddress.of(customer.email()))).singleElement().satisfies((mail) -> {
			assertThat(mail.getSubject()).isEqualTo("Your news from Concierge: 4 updates");
			assertThat(mail.getBody()).contains("Your order " + first + " is on its way")
				.contains("Your order " + second + " is on its way");
		});
	}

	@Test
	void oneClickUnsubscribeStopsThatKindOfMailWithoutSigningIn() throws Exception {
		Customer customer = customer();
		String number = placeAndShip(customer);
		MailMessage mail = await().atMost(Duration.ofSeconds(10))
			.until(() -> mailAbout(customer, number), (found) -> found != null);
		String path = mail.getUnsubscribeUrl().substring(mail.getUnsubscribeUrl().indexOf("/notifications/"));

		this.mvc.perform(get(path))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Stop these emails")));
		assertThat(emailChoice(customer)).as("a link followed by a mail scanner changes nothing").isTrue();
		// RFC 8058: the mail program posts this body, without a session or a CSRF token
		this.mvc
			.perform(post(path).contentType("application/x-www-form-urlencoded").content("List-Unsubscribe=One-Click"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Shipping updates")));

		assertThat(emailChoice(customer)).isFalse();
		this.mvc.perform(post("/notifications/unsubscribe/" + UUID.randomUUID())).andExpect(status().isNotFound());
	}

	@Test
	void anUnsubscribeLinkIsARandomTokenKeptOnlyAsItsHashAndOldLinksByIdStillWork() throws Exception {
		Customer customer = customer();
		String number = placeAndShip(customer);
		MailMessage mail = await().atMost(Duration.ofSeconds(10))
			.until(() -> mailAbout(customer, number), (found) -> found != null);
		String token = mail.getUnsubscribeUrl().substring(mail.getUnsubscribeUrl().lastIndexOf('/') + 1);
		UUID notification = this.jdbc.sql("select id from notification where mail_message = ?")
			.param(mail.getId())
			.query(UUID.class)
			.single();

		assertThat(token).as("256 bits, base64url").matches("[A-Za-z0-9_-]{43}");
		assertThat(java.util.Base64.getUrlDecoder().decode(token)).hasSize(32);
		byte[] stored = this.jdbc.sql("select unsubscribe_hash from notification where id = ?")
			.param(notification)
			.query(byte[].class)
			.single();
		assertThat(stored).isEqualTo(java.security.MessageDigest.getInstance("SHA-256")
			.digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
		assertThat(this.jdbc.sql("select count(*) from notification where id = ? and (link like ? or body like ?)")
			.params(notification, "%" + token + "%", "%" + token + "%")
			.query(Integer.class)
			.single()).as("the token is not kept in clear").isZero();

		this.mvc.perform(post("/notifications/unsubscribe/" + notification)).andExpect(status().isNotFound());
		this.mvc.perform(post("/notifications/unsubscribe/" + "A".repeat(43))).andExpect(status().isNotFound());
		this.mvc.perform(get("/notifications/unsubscribe/not-a-link")).andExpect(status().isNotFound());
		assertThat(emailChoice(customer)).as("a notification with a token is not stopped by its id").isTrue();

		// a mail sent before tokens named its notification's id: that link still works
		this.jdbc.sql("update notification set unsubscribe_hash = null, unsubscribe_by_id = true where id = ?")
			.param(notification)
			.update();
		this.mvc.perform(post("/notifications/unsubscribe/" + notification)).andExpect(status().isOk());
		assertThat(emailChoice(customer)).isFalse();
	}

	@Test
	void aGuestIsMailedInEnglishAndCanUnsubscribeByAddress() {
		String guest = "guest-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		String number = this.orders.place(Orders.guest(guest, Orders.PLACED));
		ship(number);
		MailMessage mail = await().atMost(Duration.ofSeconds(10))
			.until(() -> shippingMails(guest), (mails) -> !mails.isEmpty())
			.getFirst();
		assertThat(mail.getBody()).startsWith("Hello,").contains("/track");

		String link = mail.getUnsubscribeUrl().substring(mail.getUnsubscribeUrl().lastIndexOf('/') + 1);
		assertThat(this.preferences.unsubscribe(link)).contains(NotificationKind.ORDER_SHIPPED);
		String again = this.orders.place(Orders.guest(guest, Orders.PLACED));
		ship(again);
		this.notifier.tell(new Notice("order.shipped", "guest-again:" + again, null, guest, again, Instant.now(),
				(locale) -> new Object[] { again, "DHL", "soon" }));
		assertThat(shippingMails(guest)).hasSize(1);
	}

	@Test
	void aSignedOutBellIsRefusedWithoutTheSignInPageInIt() throws Exception {
		this.mvc.perform(get("/notifications/bell").header("HX-Request", "true")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/notifications")).andExpect(status().is3xxRedirection());
	}

	@Test
	void oldNewsTellsNobody() {
		Customer customer = customer();
		this.notifier.tell(new Notice("order.shipped", "old:" + UUID.randomUUID(), customer.account(), null, "WEB-OLD",
				Instant.now().minus(3, ChronoUnit.DAYS), (locale) -> new Object[] { "WEB-OLD", "DHL", "soon" }));
		assertThat(this.inbox.unread(customer.account())).isZero();
	}

	@Test
	void quietHoursHoldTheMailUntilTheyEnd() {
		Instant evening = Instant.parse("2026-12-03T22:30:00Z");
		Settings overnight = new Settings(false, LocalTime.of(22, 0), LocalTime.of(7, 0));
		assertThat(Notifier.quietUntil(overnight, ZoneOffset.UTC, evening)).isEqualTo("2026-12-04T07:00:00Z");
		assertThat(Notifier.quietUntil(overnight, ZoneOffset.UTC, Instant.parse("2026-12-04T06:59:00Z")))
			.isEqualTo("2026-12-04T07:00:00Z");
		assertThat(Notifier.quietUntil(overnight, ZoneOffset.UTC, Instant.parse("2026-12-04T12:00:00Z")))
			.isEqualTo("2026-12-04T12:00:00Z");
		Settings lunch = new Settings(false, LocalTime.of(12, 0), LocalTime.of(13, 0));
		assertThat(
				Notifier.quietUntil(lunch, java.time.ZoneId.of("Europe/Berlin"), Instant.parse("2026-12-04T11:30:00Z")))
			.as("12:30 in Berlin")
			.isEqualTo("2026-12-04T12:00:00Z");
		assertThatExceptionOfType(NotificationPreferences.InvalidQuietHours.class)
			.isThrownBy(() -> new Settings(false, LocalTime.of(22, 0), null));
	}

	private record Customer(UUID account, String email) {

	}

	private Customer customer() {
		TestLogin login = TestLogins.customer(this.accounts);
		return new Customer(this.callers.of((Principal) login::email).account(), login.email());
	}

	/**
	 * An order placed weeks ago (too long ago to be told of), shipped now.
	 */
	private String placeAndShip(Customer customer) {
		String number = this.orders
			.place(Orders.of(customer.account(), null, Orders.PLACED, "MUG-01", "Stoneware mug"));
		ship(number);
		return number;
	}

	private void ship(String number) {
		this.orders.apply(new FulfilmentUpdate(number, LineStatus.SHIPPED, Instant.now(), List.of(), "DHL", null,
				"JD" + System.nanoTime(), LocalDate.now().plusDays(2), null));
	}

	/**
	 * The mail about the order's parcel (its invoice is mailed too).
	 */
	private MailMessage mailAbout(Customer customer, String number) {
		return this.outbox.sentTo(EmailAddress.of(customer.email()))
			.stream()
			.filter((message) -> message.getSubject().equals("Your order " + number + " is on its way"))
			.findFirst()
			.orElse(null);
	}

	private List<Inbox.Entry> shipping(Customer customer) {
		return this.inbox.recent(customer.account(), 20)
			.stream()
			.filter((entry) -> entry.kind() == NotificationKind.ORDER_SHIPPED)
			.toList();
	}

	private List<MailMessage> shippingMails(String email) {
		return this.outbox.sentTo(EmailAddress.of(email))
			.stream()
			.filter((message) -> message.getSubject().endsWith("is on its way"))
			.toList();
	}

	private List<String> rows(String key) {
		return this.jdbc.sql("select channel from notification where event_key = ?")
			.param(key)
			.query(String.class)
			.list();
	}

	private boolean emailChoice(Customer customer) {
		return this.preferences.choices(customer.account())
			.stream()
			.filter((choice) -> choice.kind() == NotificationKind.ORDER_SHIPPED)
			.findFirst()
			.orElseThrow()
			.email();
	}

}
