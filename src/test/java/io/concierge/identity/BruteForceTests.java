package io.concierge.identity;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.concierge.IntegrationTest;
import io.concierge.PortalClient;
import io.concierge.identity.DemoLogins.DemoLogin;
import io.concierge.notifications.MailOutbox;
import io.concierge.privacy.AuditQuery;
import io.concierge.privacy.AuditTrail;
import io.concierge.shared.EmailAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Brute-force protection and rate limits, each test from its own network address so that
 * no lock reaches another test.
 */
@IntegrationTest
class BruteForceTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	DemoLogins demo;

	@Autowired
	MailOutbox outbox;

	@Autowired
	AuditTrail trail;

	@Test
	void locksAnAccountAfterFiveFailuresWithTheSameAnswerAndTellsItsOwner() {
		String email = newAccount("correct passphrase here");
		for (int attempt = 1; attempt <= 5; attempt++) {
			assertThat(signIn(email, "wrong guess " + attempt, "198.51.100." + attempt))
				.hasRedirectedUrl("/login?error");
		}
		assertThat(signIn(email, "correct passphrase here", "198.51.100.77")).hasRedirectedUrl("/login?error");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.outbox.sentTo(EmailAddress.of(email))
				.stream()
				.anyMatch((mail) -> mail.getSubject().contains("locked")));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.trail.search(new AuditQuery(email, null, 20))
				.entries()
				.stream()
				.anyMatch((entry) -> entry.action().equals("identity.account.locked-out")));
	}

	@Test
	void aCorrectSignInBeforeTheLockResetsTheCount() {
		String email = newAccount("another correct passphrase");
		for (int round = 0; round < 3; round++) {
			for (int attempt = 1; attempt <= 4; attempt++) {
				signIn(email, "wrong", "198.51.101." + attempt);
			}
			assertThat(signIn(email, "another correct passphrase", "198.51.101.9")).hasRedirectedUrl("/dashboard");
		}
	}

	@Test
	void wrongSecondFactorCodesCountAsFailedSignIns(@Autowired SecondFactors factors,
			@org.springframework.boot.test.web.server.LocalServerPort int port) {
		TestLogins.TestLogin agent = TestLogins.staff(this.accounts, factors, Role.AGENT);
		PortalClient client = new PortalClient(port).signInToSecondFactor(agent.email(), agent.password());
		for (int attempt = 1; attempt <= 4; attempt++) {
			assertThat(client.secondFactor("000000")).doesNotEndWith("/dashboard");
		}
		assertThat(client.secondFactor("000000")).endsWith("/login?error");
		assertThat(client.get("/dashboard", "text/html").statusCode()).isEqualTo(302);
		PortalClient again = new PortalClient(port);
		assertThat(again.get("/login", "text/html").statusCode()).isEqualTo(200);
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> again.signIn(agent.email(), agent.password(), agent.totpSecret()))
			.withMessageContaining("No second factor asked for");
	}

	@Test
	void signingInWithThePasswordAgainDoesNotResetTheCountOfWrongCodes(@Autowired SecondFactors factors,
			@org.springframework.boot.test.web.server.LocalServerPort int port) {
		TestLogins.TestLogin agent = TestLogins.staff(this.accounts, factors, Role.AGENT);
		for (int round = 0; round < 2; round++) {
			PortalClient client = new PortalClient(port).signInToSecondFactor(agent.email(), agent.password());
			client.secondFactor("000000");
			client.secondFactor("000000");
		}
		PortalClient last = new PortalClient(port).signInToSecondFactor(agent.email(), agent.password());
		assertThat(last.secondFactor("000000")).endsWith("/login?error");
	}

	@Test
	void locksAnAddressThatTriesManyAccounts() {
		String address = "198.51.102.20";
		for (int attempt = 0; attempt < SignInThrottle.ADDRESS_FAILURES_BEFORE_LOCK; attempt++) {
			signIn("stuffing-" + attempt + "@example.com", "password-" + attempt, address);
		}
		DemoLogin customer = this.demo.of(Role.CUSTOMER);
		assertThat(signIn(customer.email().value(), customer.password(), address)).hasRedirectedUrl("/login?error");
		assertThat(signIn(customer.email().value(), customer.password(), "198.51.102.21"))
			.hasRedirectedUrl("/dashboard");
	}

	@Test
	void limitsPasswordResetMailsPerAddressAndAnswersTooManyRequests() {
		for (int request = 1; request <= 10; request++) {
			assertThat(forgot("someone-" + request + "@example.com", "198.51.103.1")).hasStatusOk();
		}
		MvcTestResult refused = forgot("someone-11@example.com", "198.51.103.1");
		assertThat(refused).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
	}

	@Test
	void sendsAtMostThreeResetMailsToOneAddressInAQuarterOfAnHourWithoutSayingSo() {
		String email = newAccount("a passphrase to forget");
		for (int request = 1; request <= 5; request++) {
			assertThat(forgot(email, "198.51.104." + request)).hasStatusOk();
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.outbox.sentTo(EmailAddress.of(email))
				.stream()
				.filter((mail) -> mail.getSubject().contains("new password"))
				.count() == 3);
	}

	@Test
	void limitsRegistrationsPerAddress() {
		for (int request = 1; request <= 10; request++) {
			assertThat(register("many-" + request + "-" + UUID.randomUUID() + "@example.com", "198.51.105.1"))
				.hasStatus(HttpStatus.FOUND);
		}
		assertThat(register("one-more@example.com", "198.51.105.1")).hasStatus(HttpStatus.TOO_MANY_REQUESTS);
	}

	private String newAccount(String password) {
		String email = "throttle-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		this.accounts.open(new NewAccount(EmailAddress.of(email), "Throttle Test", password, Role.CUSTOMER, null));
		return email;
	}

	private MvcTestResult signIn(String email, String password, String address) {
		return this.mvc.post()
			.uri("/login")
			.param("email", email)
			.param("password", password)
			.with(csrf())
			.with((request) -> {
				request.setRemoteAddr(address);
				return request;
			})
			.exchange();
	}

	private MvcTestResult forgot(String email, String address) {
		return this.mvc.post().uri("/password/forgot").param("email", email).with(csrf()).with((request) -> {
			request.setRemoteAddr(address);
			return request;
		}).exchange();
	}

	private MvcTestResult register(String email, String address) {
		return this.mvc.post()
			.uri("/register")
			.param("name", "Many Times")
			.param("email", email)
			.param("password", "a long enough passphrase")
			.with(csrf())
			.with((request) -> {
				request.setRemoteAddr(address);
				return request;
			})
			.exchange();
	}

}
