package io.concierge.identity;

import java.time.Duration;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.privacy.AuditQuery;
import io.concierge.privacy.AuditTrail;
import io.concierge.shared.EmailAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * What a passkey ceremony refuses; the browser journeys show the ones that work.
 */
@IntegrationTest
class PasskeysTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Passkeys passkeys;

	@Autowired
	AuditTrail trail;

	@Autowired
	JdbcClient jdbc;

	@Test
	void asksForUserVerificationOnThisHostsRelyingParty() {
		assertThat(this.mvc.post().uri("/login/passkey/options").with(csrf())).hasStatusOk()
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.rpId").isEqualTo("localhost");
				assertThat(json).extractingPath("$.userVerification").isEqualTo("required");
				assertThat(json).extractingPath("$.challenge").asString().hasSizeGreaterThan(20);
			});
	}

	@Test
	void refusesAnAnswerWithoutAChallengeOrThatDoesNotCheckOutAndAuditsIt() {
		assertThat(this.mvc.post().uri("/login/passkey").param("credential", "{}").with(csrf()))
			.hasRedirectedUrl("/login?passkey=passkey.expired");

		// the session is Spring Session's, found by its cookie
		Cookie session = this.mvc.post()
			.uri("/login/passkey/options")
			.with(csrf())
			.exchange()
			.getResponse()
			.getCookie("__Host-CONCIERGE_SESSION");
		assertThat(this.mvc.post()
			.uri("/login/passkey")
			.cookie(session)
			.param("credential", "{\"id\": \"forged\"")
			.with(csrf())
			.with((request) -> {
				request.setRemoteAddr("198.51.100.41");
				return request;
			})).hasRedirectedUrl("/login?passkey=passkey.failed");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.trail.search(new AuditQuery("(unknown passkey)", null, 50))
				.entries()
				.stream()
				.anyMatch((entry) -> entry.origin().equals("198.51.100.41")
						&& entry.action().equals("identity.sign-in.failed")));
		// the challenge is used up by the failed try
		assertThat(this.mvc.post().uri("/login/passkey").cookie(session).param("credential", "{}").with(csrf()))
			.hasRedirectedUrl("/login?passkey=passkey.expired");
	}

	@Test
	void refusesARegistrationWithoutAChallengeOrANameAndKeepsNothing() {
		TestLogin customer = TestLogins.customer(this.accounts);
		assertThat(this.mvc.post()
			.uri("/account/security/passkeys")
			.param("label", "Laptop")
			.param("credential", "{}")
			.with(user(customer.email()).roles("CUSTOMER"))
			.with(csrf())).hasRedirectedUrl("/account/security").flash().containsEntry("problem", "passkey.expired");
		assertThat(this.mvc.post()
			.uri("/account/security/passkeys")
			.param("label", "x".repeat(61))
			.param("credential", "{}")
			.with(user(customer.email()).roles("CUSTOMER"))
			.with(csrf())).flash().containsEntry("problem", "passkey.label");
		assertThat(this.passkeys.list(EmailAddress.of(customer.email()))).isEmpty();
	}

	@Test
	void nobodyRenamesOrRemovesAnotherAccountsPasskey() {
		TestLogin owner = TestLogins.customer(this.accounts);
		TestLogin other = TestLogins.customer(this.accounts);
		String id = Bytes.random().toBase64UrlString();
		this.jdbc.sql("update account set passkey_user_id = ? where email = ?")
			.params(Bytes.random().toBase64UrlString(), owner.email())
			.update();
		this.jdbc.sql("""
				insert into user_credentials (credential_id, user_entity_user_id, public_key, backup_eligible,
				  backup_state, label, created, last_used)
				select ?, passkey_user_id, '\\x00', false, false, 'Phone', now(), now() from account where email = ?""")
			.params(id, owner.email())
			.update();

		assertThat(this.mvc.post()
			.uri("/account/security/passkeys/{id}/rename", id)
			.param("label", "Mine now")
			.with(user(other.email()).roles("CUSTOMER"))
			.with(csrf())).hasRedirectedUrl("/account/security");
		assertThat(this.mvc.post()
			.uri("/account/security/passkeys/{id}/remove", id)
			.with(user(other.email()).roles("CUSTOMER"))
			.with(csrf())).hasRedirectedUrl("/account/security");

		assertThat(this.passkeys.list(EmailAddress.of(owner.email()))).singleElement()
			.satisfies((passkey) -> assertThat(passkey.label()).isEqualTo("Phone"));
	}

}
