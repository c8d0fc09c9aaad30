package io.concierge.identity;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;
import io.concierge.PortalClient;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.shared.EmailAddress;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settings an administrator changes at run time take effect at once; each test restores
 * them.
 */
@IntegrationTest
class IdentitySettingsTests {

	@Autowired
	IdentitySettings settings;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	SecondFactors factors;

	@Autowired
	MockMvcTester mvc;

	@LocalServerPort
	int port;

	@Test
	void closedRegistrationTurnsNewcomersAway() {
		try {
			this.settings.change("admin@concierge.example", false, false, List.of(), "127.0.0.1");
			assertThat(this.mvc.get().uri("/register")).hasStatusOk().bodyText().contains("Registration is closed");
		}
		finally {
			this.settings.change("admin@concierge.example", true, false, List.of(), "127.0.0.1");
		}
		assertThat(this.mvc.get().uri("/register")).hasStatusOk().bodyText().contains("Create an account");
	}

	@Test
	void anOrganisationThatRequiresASecondFactorSendsItsUsersToSetOneUp() {
		String company = "Strict Co " + UUID.randomUUID();
		TestLogin admin = TestLogins.organisationAdmin(this.accounts, this.organisations, company);
		UUID strict = this.settings.organisations()
			.stream()
			.filter((organisation) -> organisation.name().equals(company))
			.findFirst()
			.orElseThrow()
			.id();
		try {
			this.settings.change("admin@concierge.example", true, false, List.of(strict), "127.0.0.1");
			assertThat(this.factors.required(EmailAddress.of(admin.email()))).isTrue();
			assertThat(this.factors.required(EmailAddress.of("alex.morgan@example.com"))).isFalse();
			PortalClient client = new PortalClient(this.port);
			org.assertj.core.api.Assertions.assertThatIllegalStateException()
				.isThrownBy(() -> client.signIn(admin.email(), admin.password()))
				.withMessageContaining("/account/security");
		}
		finally {
			this.settings.change("admin@concierge.example", true, false, List.of(), "127.0.0.1");
		}
	}

	@Test
	void aSecondFactorForEveryoneIncludesPrivateCustomers() {
		try {
			this.settings.change("admin@concierge.example", true, true, List.of(), "127.0.0.1");
			assertThat(this.factors.required(EmailAddress.of("alex.morgan@example.com"))).isTrue();
		}
		finally {
			this.settings.change("admin@concierge.example", true, false, List.of(), "127.0.0.1");
		}
		assertThat(this.factors.required(EmailAddress.of("alex.morgan@example.com"))).isFalse();
	}

}
