package io.concierge.identity;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;
import io.concierge.notifications.MailOutbox;
import io.concierge.shared.EmailAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Links in mails start with the portal's configured address, never with the host a
 * request names: a reset asked for with a forged {@code Host} cannot mail its owner a
 * link to the sender's site.
 */
@IntegrationTest
class PortalAddressTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	MailOutbox outbox;

	@Autowired
	PortalAddress portal;

	@Test
	void aResetAskedForWithAForgedHostMailsALinkToThePortal() {
		String email = "forged-host-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		this.accounts
			.open(new NewAccount(EmailAddress.of(email), "Forged Host", "a passphrase to forget", Role.CUSTOMER, null));

		assertThat(this.mvc.post()
			.uri("/password/forgot")
			.header("Host", "attacker.example")
			.header("X-Forwarded-Host", "attacker.example")
			.param("email", email)
			.with(csrf())
			.with((request) -> {
				request.setRemoteAddr("198.51.106.1");
				return request;
			})).hasStatusOk();

		String body = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.outbox.sentTo(EmailAddress.of(email))
				.stream()
				.filter((mail) -> mail.getSubject().contains("new password"))
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow()
			.getBody();
		assertThat(body).contains(this.portal.baseUrl() + "/password/reset?token=").doesNotContain("attacker.example");
	}

	@Test
	void theConfiguredAddressIsTakenAsItIs() {
		Environment listening = new MockEnvironment().withProperty("local.server.port", "8443");

		assertThat(new PortalAddress("https://portal.example.com/", false, listening).baseUrl())
			.isEqualTo("https://portal.example.com");
		assertThat(new PortalAddress("https://portal.example.com/", true, listening).baseUrl()).as("in the demo too")
			.isEqualTo("https://portal.example.com");
		assertThat(new PortalAddress("", true, listening).baseUrl()).as("the demo without one")
			.isEqualTo("http://localhost:8443");
	}

	@Test
	void outsideTheDemoNothingStartsWithoutAnAddress() {
		Environment environment = new MockEnvironment();

		assertThatIllegalStateException().isThrownBy(() -> new PortalAddress("", false, environment))
			.withMessageContaining("CONCIERGE_BASE_URL");
		assertThatIllegalStateException().isThrownBy(() -> new PortalAddress("portal.example.com", false, environment))
			.withMessageContaining("https://portal.example.com");
		assertThatIllegalStateException()
			.isThrownBy(() -> new PortalAddress("javascript:alert(1)//", false, environment));
		assertThatIllegalStateException()
			.isThrownBy(() -> new PortalAddress("https://portal.example.com/?next=elsewhere", false, environment));
	}

}
