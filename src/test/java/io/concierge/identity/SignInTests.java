package io.concierge.identity;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;
import io.concierge.identity.DemoLogins.DemoLogin;
import io.concierge.privacy.AuditEntry;
import io.concierge.privacy.AuditQuery;
import io.concierge.privacy.AuditTrail;
import io.concierge.shared.EmailAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

@IntegrationTest
class SignInTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	DemoLogins demo;

	@Autowired
	Accounts accounts;

	@Autowired
	AuditTrail trail;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder encoder;

	@Test
	void seedsOneDemoAccountPerRoleABusinessUserAndTwoPartners() {
		List<DemoLogin> logins = this.demo.all();
		assertThat(logins).extracting(DemoLogin::role)
			.containsExactly(Role.CUSTOMER, Role.CUSTOMER, Role.AGENT, Role.OPERATIONS, Role.ADMINISTRATOR,
					Role.PARTNER, Role.PARTNER);
		assertThat(logins).filteredOn((login) -> login.role() == Role.PARTNER)
			.as("partners must have a second factor")
			.allSatisfy((login) -> assertThat(login.totpSecret()).isNotBlank());
		DemoLogin business = logins.stream().filter(DemoLogin::business).findFirst().orElseThrow();
		assertThat(this.accounts.findByEmail(business.email()))
			.hasValueSatisfying((account) -> assertThat(account.organisationName()).isEqualTo("Nordwind Trading GmbH"));
		assertThat(logins).extracting(DemoLogin::password).doesNotHaveDuplicates().allMatch((p) -> p.length() >= 15);
	}

	@Test
	void storesPasswordsOnlyAsArgon2idHashes() {
		DemoLogin customer = this.demo.of(Role.CUSTOMER);
		String hash = this.jdbc.sql("select password_hash from account where email = ?")
			.param(customer.email().value())
			.query(String.class)
			.single();
		assertThat(hash).startsWith("{argon2}$argon2id$").doesNotContain(customer.password());
	}

	@Test
	void hashesNewPasswordsWithArgon2idOfAtLeastOwaspMinimumParameters() {
		TestLogins.TestLogin login = TestLogins.customer(this.accounts);
		String hash = this.jdbc.sql("select password_hash from account where email = ?")
			.param(login.email())
			.query(String.class)
			.single();
		// OWASP: 19 MiB, 2 iterations, 1 lane; the product's own encoder bean made it
		assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(this.encoder.matches(login.password(), hash)).isTrue();
		assertThat(this.encoder.upgradeEncoding(hash)).isFalse();
	}

	@Test
	void aHashOfWeakerArgon2ParametersStillSignsInAndIsHashedAgain() {
		TestLogins.TestLogin login = TestLogins.customer(this.accounts);
		String old = "{argon2}" + Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(login.password());
		assertThat(old).contains("$m=16384,t=2,p=1$");
		this.jdbc.sql("update account set password_hash = ? where email = ?").param(old).param(login.email()).update();
		assertThat(this.mvc.post()
			.uri("/login")
			.param("email", login.email())
			.param("password", login.password())
			.with(csrf())).hasRedirectedUrl("/dashboard");
		String upgraded = this.jdbc.sql("select password_hash from account where email = ?")
			.param(login.email())
			.query(String.class)
			.single();
		assertThat(upgraded).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(this.encoder.matches(login.password(), upgraded)).isTrue();
	}

	@Test
	void aNewPasswordMadeOfThePersonsOrTheCompanysNameIsRefused(@Autowired Organisations organisations) {
		TestLogins.TestLogin login = TestLogins.organisationAdmin(this.accounts, organisations, "Seestern Logistik AG");
		EmailAddress email = EmailAddress.of(login.email());
		for (String password : List.of("Org-Admin-2026!", "seestern logistik 1", "S33st3rnLogistik")) {
			assertThatExceptionOfType(PasswordRefused.class)
				.isThrownBy(() -> this.accounts.changePassword(email, login.password(), password, "", "test"))
				.satisfies((refused) -> assertThat(refused.problem()).isEqualTo(PasswordProblem.CONTEXT_WORDS));
		}
		assertThat(this.accounts.changePassword(email, login.password(), "seestern logistik sails at dawn", "", "test"))
			.isTrue();
	}

	@Test
	void signsInWithEmailInAnyCaseAndRecordsItInTheAuditTrail() {
		DemoLogin operations = this.demo.of(Role.OPERATIONS);
		assertThat(this.mvc.post()
			.uri("/login")
			.param("email", operations.email().value().toUpperCase())
			.param("password", operations.password())
			.with(csrf())
			.with((request) -> {
				request.setRemoteAddr("198.51.100.7");
				return request;
			})).hasRedirectedUrl("/login/second-factor");
		AuditEntry entry = awaitEntry(operations.email().value(), "identity.sign-in.succeeded");
		assertThat(entry.origin()).isEqualTo("198.51.100.7");
	}

	@Test
	void refusesAWrongPasswordWithTheSameAnswerAsAnUnknownEmailAndRecordsBoth() {
		DemoLogin agent = this.demo.of(Role.AGENT);
		assertThat(this.mvc.post()
			.uri("/login")
			.param("email", agent.email().value())
			.param("password", "not-the-password")
			.with(csrf())).hasRedirectedUrl("/login?error");
		assertThat(this.mvc.post()
			.uri("/login")
			.param("email", "nobody@nowhere.example")
			.param("password", "whatever-it-is")
			.with(csrf())).hasRedirectedUrl("/login?error");
		assertThat(awaitEntry(agent.email().value(), "identity.sign-in.failed").subject()).isEqualTo("bad-credentials");
		awaitEntry("nobody@nowhere.example", "identity.sign-in.failed");
	}

	@Test
	void doesNotKeepWhatWasTypedIntoTheEmailFieldWhenItIsNoEmailAddress() {
		assertThat(this.mvc.post()
			.uri("/login")
			.param("email", "my-secret-password")
			.param("password", "my-secret-password")
			.with(csrf())).hasRedirectedUrl("/login?error");
		awaitEntry(SignInAuditing.NOT_AN_EMAIL_ADDRESS, "identity.sign-in.failed");
		assertThat(this.trail.search(new AuditQuery("my-secret-password", null, 5)).entries()).isEmpty();
	}

	@Test
	void refusesToOpenASecondAccountForTheSameAddress() {
		DemoLogin customer = this.demo.of(Role.CUSTOMER);
		NewAccount duplicate = new NewAccount(EmailAddress.of(customer.email().value().toUpperCase()), "Someone",
				"a-long-enough-password", Role.CUSTOMER, null);
		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> this.accounts.open(duplicate));
	}

	private AuditEntry awaitEntry(String actor, String action) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.trail.search(new AuditQuery(actor, null, 50))
				.entries()
				.stream()
				.filter((entry) -> entry.actor().equals(actor) && entry.action().equals(action))
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
	}

}
