package io.concierge.identity;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import io.concierge.IntegrationTest;
import io.concierge.PortalClient;
import io.concierge.notifications.MailOutbox;
import io.concierge.shared.EmailAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class SessionsTests {

	@Autowired
	Accounts accounts;

	@Autowired
	Sessions sessions;

	@Autowired
	MailOutbox outbox;

	@LocalServerPort
	int port;

	@Test
	void keepsSessionsInTheDatabaseAndListsOnlyTheAccountsOwn() {
		String email = newAccount();
		new PortalClient(this.port).signIn(email, "a passphrase for sessions");
		new PortalClient(this.port).signIn(email, "a passphrase for sessions");
		assertThat(this.sessions.of(EmailAddress.of(email), "none")).hasSize(2)
			.allSatisfy((session) -> assertThat(session.device()).isEqualTo("A browser on an unknown system"));
		assertThat(this.sessions.revoke(EmailAddress.of("alex.morgan@example.com"),
				this.sessions.of(EmailAddress.of(email), "none").getFirst().id(), "127.0.0.1"))
			.as("someone else's session")
			.isFalse();
	}

	@Test
	void mailsTheOwnerWhenANewDeviceSignsInButNotOnTheFirstSignIn() {
		String email = newAccount();
		PortalClient laptop = new PortalClient(this.port).signIn(email, "a passphrase for sessions");
		new PortalClient(this.port).withCookie("__Host-CONCIERGE_DEVICE", laptop.cookie("__Host-CONCIERGE_DEVICE"))
			.signIn(email, "a passphrase for sessions");
		new PortalClient(this.port).signIn(email, "a passphrase for sessions");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.outbox.sentTo(EmailAddress.of(email))
				.stream()
				.anyMatch((mail) -> mail.getSubject().equals("New sign-in to your Concierge account")));
		assertThat(this.outbox.sentTo(EmailAddress.of(email))).as("the first sign-in and the known laptop send none")
			.hasSize(1);
	}

	@Test
	void changingThePasswordSignsOutEveryOtherSession() {
		String email = newAccount();
		PortalClient other = new PortalClient(this.port).signIn(email, "a passphrase for sessions");
		PortalClient current = new PortalClient(this.port).signIn(email, "a passphrase for sessions");
		String currentId = this.sessions.of(EmailAddress.of(email), "none")
			.stream()
			.filter((session) -> !session.id().isBlank())
			.findFirst()
			.orElseThrow()
			.id();
		assertThat(this.accounts.changePassword(EmailAddress.of(email), "a passphrase for sessions",
				"a new passphrase for sessions", currentId, "127.0.0.1"))
			.isTrue();
		assertThat(this.sessions.of(EmailAddress.of(email), currentId)).hasSize(1);
		int stillIn = (other.get("/dashboard", "text/html").statusCode() == 200 ? 1 : 0)
				+ (current.get("/dashboard", "text/html").statusCode() == 200 ? 1 : 0);
		assertThat(stillIn).isEqualTo(1);
	}

	@Test
	void writesTheSessionRowOnlyWhenItsLastAccessMovedByHalfAMinute(
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		String email = newAccount();
		PortalClient browser = new PortalClient(this.port).signIn(email, "a passphrase for sessions");
		long signedIn = lastAccess(jdbc, email);

		assertThat(browser.get("/account", "text/html").statusCode()).isEqualTo(200);
		assertThat(lastAccess(jdbc, email)).isEqualTo(signedIn);

		jdbc.sql("update spring_session set last_access_time = last_access_time - ? where principal_name = ?")
			.params(SessionWrites.TOUCH_MILLIS + 1_000, email)
			.update();
		assertThat(browser.get("/account", "text/html").statusCode()).isEqualTo(200);
		assertThat(lastAccess(jdbc, email)).isGreaterThanOrEqualTo(signedIn);
		assertThat(browser.get("/orders", "text/html").statusCode()).isEqualTo(200);
	}

	@Test
	void sessionIdsAre256RandomBitsAndTheSessionWorks(@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		String email = newAccount();
		PortalClient first = new PortalClient(this.port).signIn(email, "a passphrase for sessions");
		PortalClient second = new PortalClient(this.port).signIn(email, "a passphrase for sessions");
		java.util.List<String> ids = jdbc.sql("select session_id from spring_session where principal_name = ?")
			.param(email)
			.query(String.class)
			.list();
		assertThat(ids).hasSize(2).doesNotHaveDuplicates().allSatisfy((id) -> {
			assertThat(id).matches("[A-Za-z0-9_-]{43}");
			assertThat(java.util.Base64.getUrlDecoder().decode(id)).hasSize(32);
		});
		// the cookie carries the id (Base64 again, as Spring Session writes it)
		assertThat(ids)
			.contains(new String(java.util.Base64.getDecoder().decode(first.cookie("__Host-CONCIERGE_SESSION")),
					java.nio.charset.StandardCharsets.US_ASCII));
		assertThat(first.get("/account/sessions", "text/html").statusCode()).isEqualTo(200);
		assertThat(second.get("/dashboard", "text/html").statusCode()).isEqualTo(200);
	}

	@Test
	void aSessionEndsTwelveHoursAfterItBeganHoweverBusy(
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		String email = newAccount();
		PortalClient browser = new PortalClient(this.port).signIn(email, "a passphrase for sessions");
		jdbc.sql("update spring_session set creation_time = creation_time - ? where principal_name = ?")
			.params(Duration.ofHours(11).toMillis(), email)
			.update();
		assertThat(browser.get("/dashboard", "text/html").statusCode()).as("eleven hours old").isEqualTo(200);

		jdbc.sql("update spring_session set creation_time = creation_time - ? where principal_name = ?")
			.params(Duration.ofHours(1).plusMinutes(1).toMillis(), email)
			.update();
		var expired = browser.get("/dashboard", "text/html");
		assertThat(expired.statusCode()).isEqualTo(302);
		assertThat(expired.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));
		assertThat(this.sessions.of(EmailAddress.of(email), "none")).isEmpty();
		assertThat(new PortalClient(this.port).signIn(email, "a passphrase for sessions")
			.get("/dashboard", "text/html")
			.statusCode()).as("signing in again starts a new one").isEqualTo(200);
	}

	@Test
	void anAttributeTwoRequestsAddAtOnceIsStoredWithoutAnError(@Autowired SessionRepository<?> sessions) {
		addAtOnce(sessions);
	}

	private static <S extends Session> void addAtOnce(SessionRepository<S> sessions) {
		S session = sessions.createSession();
		sessions.save(session);
		S first = sessions.findById(session.getId());
		S second = sessions.findById(session.getId());
		first.setAttribute("token", "from the first request");
		second.setAttribute("token", "from the second request");

		sessions.save(first);
		sessions.save(second);

		assertThat(sessions.findById(session.getId()).<String>getAttribute("token"))
			.isEqualTo("from the second request");
		sessions.deleteById(session.getId());
	}

	private static long lastAccess(org.springframework.jdbc.core.simple.JdbcClient jdbc, String email) {
		return jdbc.sql("select last_access_time from spring_session where principal_name = ?")
			.param(email)
			.query(Long.class)
			.single();
	}

	private String newAccount() {
		String email = "sessions-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		this.accounts.open(new NewAccount(EmailAddress.of(email), "Sam Session", "a passphrase for sessions",
				Role.CUSTOMER, null));
		return email;
	}

}
