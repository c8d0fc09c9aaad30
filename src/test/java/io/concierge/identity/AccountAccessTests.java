package io.concierge.identity;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;
import io.concierge.PortalClient;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.shared.EmailAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Administrators end a person's sessions and disable or enable their account, from
 * {@code /admin/identity/access}; each change is in the audit trail.
 */
@IntegrationTest
class AccountAccessTests {

	private static final String ADMIN = "access-admin@concierge.example";

	@Autowired
	Accounts accounts;

	@Autowired
	Sessions sessions;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@Test
	void anAdministratorEndsEveryOneOfAPersonsSessions() {
		TestLogin customer = TestLogins.customer(this.accounts);
		PortalClient laptop = new PortalClient(this.port).signIn(customer.email(), customer.password());
		PortalClient phone = new PortalClient(this.port).signIn(customer.email(), customer.password());

		assertThat(this.mvc.get().uri("/admin/identity/access").param("email", customer.email()).with(admin()))
			.hasStatusOk()
			.bodyText()
			.contains("May sign in")
			.contains("Sign out everywhere");
		assertThat(this.mvc.post()
			.uri("/admin/identity/access/sessions")
			.param("email", customer.email())
			.with(admin())
			.with(csrf())).hasStatus3xxRedirection().flash().containsEntry("ended", 2);

		assertThat(this.sessions.count(EmailAddress.of(customer.email()))).isZero();
		assertThat(laptop.get("/dashboard", "text/html").statusCode()).isEqualTo(302);
		assertThat(phone.get("/dashboard", "text/html").statusCode()).isEqualTo(302);
		assertThat(new PortalClient(this.port).tryPassword(customer.email(), customer.password()))
			.as("ending sessions does not lock the person out")
			.endsWith("/dashboard");
		awaitAudit("identity.account.sessions-ended", customer.email());
	}

	@Test
	void aDisabledAccountLosesItsSessionsAndIsToldOnlyAfterItsPasswordThatItCannotSignIn() {
		TestLogin customer = TestLogins.customer(this.accounts);
		PortalClient signedIn = new PortalClient(this.port).signIn(customer.email(), customer.password());

		assertThat(this.mvc.post()
			.uri("/admin/identity/access/disable")
			.param("email", customer.email())
			.with(admin())
			.with(csrf())).hasStatus3xxRedirection().flash().containsEntry("notice", "identityAdmin.access.disabled");

		assertThat(signedIn.get("/dashboard", "text/html").statusCode()).isEqualTo(302);
		assertThat(this.sessions.count(EmailAddress.of(customer.email()))).isZero();
		assertThat(new PortalClient(this.port).tryPassword(customer.email(), "not the password at all"))
			.as("a stranger learns nothing")
			.endsWith("/login?error");
		PortalClient owner = new PortalClient(this.port);
		assertThat(owner.tryPassword(customer.email(), customer.password())).endsWith("/login?disabled");
		assertThat(owner.get("/login?disabled", "text/html").body()).contains("Your account is disabled");
		assertThat(this.mvc.get().uri("/admin/identity/access").param("email", customer.email()).with(admin()))
			.bodyText()
			.contains("Disabled: cannot sign in");
		awaitAudit("identity.account.disabled", customer.email());

		assertThat(this.mvc.post()
			.uri("/admin/identity/access/enable")
			.param("email", customer.email())
			.with(admin())
			.with(csrf())).hasStatus3xxRedirection();
		assertThat(new PortalClient(this.port).tryPassword(customer.email(), customer.password()))
			.endsWith("/dashboard");
		awaitAudit("identity.account.enabled", customer.email());
	}

	@Test
	void aDisabledAccountIsNotSignedInByItsProviderEither(@Autowired SingleSignOn singleSignOn,
			@Autowired AccountAccess access) {
		String email = "sso-access-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		SingleSignOn.ExternalUser user = new SingleSignOn.ExternalUser("acme", java.util.UUID.randomUUID().toString(),
				email, true, "Sam Provider");
		assertThat(singleSignOn.signedIn(user, "::1").account()).isEqualTo(EmailAddress.of(email));
		access.disable(EmailAddress.of(email), ADMIN, "::1");
		SingleSignOn.Outcome refused = singleSignOn.signedIn(user, "::1");
		assertThat(refused.account()).isNull();
		assertThat(refused.refused()).isEqualTo("sso.disabled");
	}

	@Test
	void anAdministratorCannotDisableTheirOwnAccountNorAnUnknownOne() {
		assertThat(this.mvc.post()
			.uri("/admin/identity/access/disable")
			.param("email", ADMIN)
			.with(user(ADMIN).roles("ADMINISTRATOR"))
			.with(csrf())).flash().containsEntry("problem", "identityAdmin.access.unknown");
		TestLogin admin = TestLogins.customer(this.accounts);
		assertThat(this.mvc.post()
			.uri("/admin/identity/access/disable")
			.param("email", admin.email())
			.with(user(admin.email()).roles("ADMINISTRATOR"))
			.with(csrf())).flash().containsEntry("problem", "identityAdmin.access.self");
		assertThat(new PortalClient(this.port).tryPassword(admin.email(), admin.password())).endsWith("/dashboard");
	}

	@Test
	void onlyAdministratorsManageAccess() {
		assertThat(this.mvc.post()
			.uri("/admin/identity/access/disable")
			.param("email", "alex.morgan@example.com")
			.with(user("alex.morgan@example.com").roles("CUSTOMER"))
			.with(csrf())).hasStatus(403);
		assertThat(this.mvc.post()
			.uri("/admin/identity/access/disable")
			.param("email", "alex.morgan@example.com")
			.with(admin())).as("without a CSRF token").hasStatus(403);
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
		return user(ADMIN).roles("ADMINISTRATOR");
	}

	private void awaitAudit(String action, String subject) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc
				.sql("select count(*) from audit_entry where action = ? and actor = ? and subject like ?")
				.params(action, ADMIN, subject + "%")
				.query(Integer.class)
				.single() > 0);
	}

}
