package io.concierge.identity;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;
import io.concierge.PortalClient;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.shared.EmailAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * An account without a second factor gives its password again before it sets up its first
 * factor or passkey or ends sessions, so a stolen session cannot lock its owner out; an
 * account with one gives a factor (step-up).
 */
@IntegrationTest
class ReauthenticationTests {

	@Autowired
	Accounts accounts;

	@Autowired
	Sessions sessions;

	@Autowired
	SecondFactors factors;

	@Autowired
	MockMvcTester mvc;

	@LocalServerPort
	int port;

	@Test
	void endingSessionsAsksForThePasswordFirst() {
		TestLogin customer = TestLogins.customer(this.accounts);
		PortalClient other = new PortalClient(this.port).signIn(customer.email(), customer.password());
		PortalClient browser = new PortalClient(this.port).signIn(customer.email(), customer.password());

		assertThat(revokeOthers(browser)).endsWith("/account/confirm-password?returnTo=/account/sessions");
		assertThat(other.get("/dashboard", "text/html").statusCode()).as("still signed in").isEqualTo(200);

		HttpResponse<String> wrong = confirm(browser, "not the password");
		assertThat(wrong.statusCode()).isEqualTo(200);
		assertThat(wrong.body()).contains("That password is not right");
		assertThat(revokeOthers(browser)).contains("/account/confirm-password");

		HttpResponse<String> right = confirm(browser, customer.password());
		assertThat(right.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/account/sessions"));
		assertThat(revokeOthers(browser)).endsWith("/account/sessions");
		assertThat(other.get("/dashboard", "text/html").statusCode()).as("signed out").isEqualTo(302);
		assertThat(this.sessions.count(EmailAddress.of(customer.email()))).isOne();
	}

	@Test
	void theFirstAuthenticatorOrPasskeyNeedsThePasswordFirst() {
		TestLogin customer = TestLogins.customer(this.accounts);
		PortalClient browser = new PortalClient(this.port).signIn(customer.email(), customer.password());

		assertThat(post(browser, "/account/security/totp/start")).contains("/account/confirm-password");
		assertThat(this.factors.pendingEnrolment(EmailAddress.of(customer.email()))).isEmpty();
		assertThat(this.mvc.post()
			.uri("/account/security/passkeys/options")
			.with(user(customer.email()).roles("CUSTOMER"))
			.with(csrf())).hasRedirectedUrl("/account/confirm-password?returnTo=/account/security");

		confirm(browser, customer.password());
		assertThat(post(browser, "/account/security/totp/start")).endsWith("/account/security");
		assertThat(this.factors.pendingEnrolment(EmailAddress.of(customer.email()))).isPresent();
	}

	@Test
	void aSignInThatMustSetUpAFactorMayGiveItsPasswordAgainAndFinishTheAuthenticatorItStarted() {
		TestLogin customer = TestLogins.customer(this.accounts);
		assertThat(this.mvc.get()
			.uri("/account/confirm-password?returnTo=/account/security")
			.with(user(customer.email()).roles(Role.SECOND_FACTOR_REQUIRED))).hasStatusOk();

		// started while its password was recent, confirmed after that passed
		this.factors.startEnrolment(EmailAddress.of(customer.email()));
		assertThat(this.mvc.post()
			.uri("/account/security/totp/confirm")
			.param("code", "000000")
			.with(user(customer.email()).roles(Role.SECOND_FACTOR_REQUIRED))
			.with(csrf())).hasStatusOk().bodyText().doesNotContain("confirm-password");
	}

	@Test
	void anAccountWithASecondFactorGivesItInstead() {
		TestLogin agent = TestLogins.staff(this.accounts, this.factors, Role.AGENT);
		assertThat(this.mvc.post()
			.uri("/account/sessions/revoke-others")
			.with(user(agent.email()).roles("AGENT"))
			.with(csrf())).hasRedirectedUrl("/login/second-factor?returnTo=/account/sessions");
	}

	private static String revokeOthers(PortalClient browser) {
		return post(browser, "/account/sessions/revoke-others");
	}

	private static String post(PortalClient browser, String path) {
		String token = PortalClient.csrf(browser.get("/account/sessions", "text/html"));
		return browser.post(path, Map.of("_csrf", token)).headers().firstValue("Location").orElse("");
	}

	private static HttpResponse<String> confirm(PortalClient browser, String password) {
		HttpResponse<String> page = browser.get("/account/confirm-password?returnTo=/account/sessions", "text/html");
		return browser.post("/account/confirm-password",
				Map.of("password", password, "returnTo", "/account/sessions", "_csrf", PortalClient.csrf(page)));
	}

}
