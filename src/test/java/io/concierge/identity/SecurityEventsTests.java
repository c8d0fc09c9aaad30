package io.concierge.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;

import io.concierge.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Refusals that may be someone probing go to the audit trail, each kind from each address
 * at most so many a minute, then once as a summary.
 */
@IntegrationTest
class SecurityEventsTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private Accounts accounts;

	@Test
	void aFloodOfRefusalsIsRecordedUpToItsLimitThenSummedUpOnce(@Autowired ApplicationEventPublisher publisher,
			@Autowired PlatformTransactionManager transactions) throws InterruptedException {
		// one window of the limit for sure: the clock stands still
		Clock clock = Clock.fixed(Instant.parse("2026-03-02T10:00:30Z"), ZoneOffset.UTC);
		SecurityEvents events = new SecurityEvents(new RateLimits(this.jdbc, clock), publisher, transactions, clock, 3);
		String address = address();

		for (int i = 0; i < 8; i++) {
			events.record(SecurityEvents.Kind.NOT_FOUND, "mallory@example.com", "GET /billing/INV-" + i, address);
		}
		events.record(SecurityEvents.Kind.ACCESS_DENIED, "mallory@example.com", "GET /admin", address);

		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(count("security.not-found", address)).isEqualTo(3);
			assertThat(count("security.not-found.suppressed", address)).isEqualTo(1);
			assertThat(count("security.access.denied", address)).as("another kind has a count of its own").isEqualTo(1);
		});
		Thread.sleep(500);
		assertThat(count("security.not-found", address)).isEqualTo(3);
		assertThat(count("security.not-found.suppressed", address)).isEqualTo(1);
		assertThat(this.jdbc.sql("select subject from audit_entry where action = ? and origin = ?")
			.params("security.not-found.suppressed", address)
			.query(String.class)
			.single()).contains("more than 3 a minute");
	}

	@Test
	void refusedApiKeysTokensAndClientSecretsAreAudited() {
		String address = address();

		assertThat(this.mvc.get()
			.uri("/api/intake/test-shop/submissions/{id}", UUID.randomUUID())
			.header("Authorization", "Bearer ck_guess")
			.with(from(address))).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.get()
			.uri("/api/intake/test-shop/submissions/{id}", UUID.randomUUID())
			.header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")
			.with(from(address))).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.post()
			.uri("/oauth2/token")
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("erp-guess:wrong".getBytes()))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("grant_type=client_credentials&scope=" + ApiKeys.INTAKE)
			.with(from(address))).hasStatus(HttpStatus.UNAUTHORIZED);

		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(subjects("security.credentials.refused", address)).hasSize(3)
				.anyMatch((subject) -> subject.startsWith("api-key at GET /api/intake/test-shop/submissions/"))
				.anyMatch((subject) -> subject.startsWith("access-token at GET /api/intake/"))
				.anyMatch((subject) -> subject.equals("client-secret at POST /oauth2/token"));
			assertThat(actors("security.credentials.refused", address)).contains("erp-guess", "anonymous");
		});
	}

	@Test
	void theSecurityChainsRefusalsAndWhatIsNotTheCallersAreAudited() {
		String customer = TestLogins.customer(this.accounts).email();
		String address = address();

		assertThat(this.mvc.get().uri("/admin/documents").with(user(customer).roles("CUSTOMER")).with(from(address)))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(
				this.mvc.get().uri("/api/fulfilment/orders").with(user(customer).roles("CUSTOMER")).with(from(address)))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.post()
			.uri("/account/profile")
			.with(user(customer).roles("CUSTOMER"))
			.with(csrf().useInvalidToken())
			.with(from(address))).as("a forged form").hasStatus(HttpStatus.FORBIDDEN);
		assertThat(
				this.mvc.get().uri("/billing/INV-NOT-YOURS").with(user(customer).roles("CUSTOMER")).with(from(address)))
			.hasStatus(HttpStatus.NOT_FOUND);

		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(subjects("security.access.denied", address)).containsExactlyInAnyOrder("GET /admin/documents",
					"GET /api/fulfilment/orders", "POST /account/profile");
			assertThat(actors("security.access.denied", address)).containsOnly(customer);
			assertThat(subjects("security.not-found", address))
				.containsExactly("GET /billing/INV-NOT-YOURS: invoice INV-NOT-YOURS not found");
		});
	}

	@Test
	void refusedSignaturesOfSendersAreAudited() {
		String address = address();

		assertThat(this.mvc.post()
			.uri("/api/intake/test-shop")
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Shopify-Hmac-Sha256", "Zm9yZ2Vk")
			.content("{}")
			.with(from(address))).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.post()
			.uri("/api/webhooks/easypost")
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Hmac-Signature", "hmac-sha256-hex=00")
			.content("{}")
			.with(from(address))).hasStatus(HttpStatus.UNAUTHORIZED);

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(subjects("security.signature.refused", address)).containsExactlyInAnyOrder(
					"intake POST /api/intake/test-shop", "tracking POST /api/webhooks/easypost"));
	}

	@Test
	void rateLimitRefusalsAreAudited() {
		String address = address();
		MvcTestResult refused = null;
		for (int attempt = 0; attempt < 100 && refused == null; attempt++) {
			MvcTestResult result = this.mvc.get()
				.uri("/api/intake/test-shop/submissions/{id}", UUID.randomUUID())
				.header("Authorization", "Bearer ck_guess" + attempt)
				.with(from(address))
				.exchange();
			if (result.getResponse().getStatus() == HttpStatus.TOO_MANY_REQUESTS.value()) {
				refused = result;
			}
		}
		assertThat(refused).as("refused at last").isNotNull();
		String target = "GET " + refused.getRequest().getRequestURI();

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(subjects("security.rate-limited", address)).containsExactly(target));
	}

	private long count(String action, String origin) {
		return this.jdbc.sql("select count(*) from audit_entry where action = ? and origin = ?")
			.params(action, origin)
			.query(Long.class)
			.single();
	}

	private java.util.List<String> subjects(String action, String origin) {
		return this.jdbc.sql("select subject from audit_entry where action = ? and origin = ?")
			.params(action, origin)
			.query(String.class)
			.list();
	}

	private java.util.List<String> actors(String action, String origin) {
		return this.jdbc.sql("select actor from audit_entry where action = ? and origin = ?")
			.params(action, origin)
			.query(String.class)
			.list();
	}

	private static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	/**
	 * An address of its own for each test, in the range RFC 3849 keeps for documentation.
	 */
	private static String address() {
		return "2001:db8::" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 0xffff)) + ":"
				+ Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 0xffff));
	}

}
