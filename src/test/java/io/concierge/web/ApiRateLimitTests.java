package io.concierge.web;

import java.io.UnsupportedEncodingException;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.concierge.IntegrationTest;
import io.concierge.identity.ApiClients;
import io.concierge.identity.ApiKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each API key and OAuth client may make so many requests a minute, and an address that
 * presents too many wrong keys, tokens or client secrets waits before it may present
 * more: both answered 429 with Retry-After. The limits are fixed windows, so each test
 * asks until it is refused, at most twice the limit: however the requests fall into
 * windows, one window then holds more than the limit.
 */
@IntegrationTest
class ApiRateLimitTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	ApiKeys keys;

	@Autowired
	ApiClients clients;

	@Autowired
	ApiSettings settings;

	@Test
	void anApiKeyBeyondItsLimitIsAskedToComeBackLaterAndAnotherKeyIsNot() throws Exception {
		String key = this.keys.create("Shop " + UUID.randomUUID(), Set.of(ApiKeys.INTAKE), "test", "test");
		String another = this.keys.create("Till " + UUID.randomUUID(), Set.of(ApiKeys.INTAKE), "test", "test");
		String address = address();

		MvcTestResult refused = untilRefused(this.settings.rateLimit().requests(),
				(attempt) -> submission("Bearer " + key, address));

		assertTooManyRequests(refused, this.settings.rateLimit().window().toSeconds());
		assertThat(refused.getResponse().getContentAsString()).contains("more requests than it may");
		assertThat(submission("Bearer " + another, address)).as("another key from the same address")
			.hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void anOAuthClientBeyondItsLimitIsAskedToComeBackLater() throws Exception {
		ApiClients.Credentials client = this.clients.create("ERP " + UUID.randomUUID().toString().substring(0, 8),
				Set.of(ApiKeys.INTAKE), "admin@concierge.example", "127.0.0.1");
		String address = address();
		MvcTestResult issued = token(client.clientId(), client.clientSecret(), address);
		assertThat(issued).hasStatusOk();
		String token = issued.getResponse().getContentAsString().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");

		MvcTestResult refused = untilRefused(this.settings.rateLimit().requests(),
				(attempt) -> submission("Bearer " + token, address));

		assertTooManyRequests(refused, this.settings.rateLimit().window().toSeconds());
	}

	@Test
	void anAddressThatTriedTooManyWrongKeysWaitsEvenWithARightOne() throws Exception {
		String key = this.keys.create("Shop " + UUID.randomUUID(), Set.of(ApiKeys.INTAKE), "test", "test");
		String address = address();
		assertThat(submission("Bearer " + key, address)).hasStatus(HttpStatus.NOT_FOUND);

		MvcTestResult refused = untilRefused(this.settings.rateLimit().failures(),
				(attempt) -> submission("Bearer ck_guess" + attempt, address));

		assertTooManyRequests(refused, this.settings.rateLimit().failureWindow().toSeconds());
		assertThat(refused.getResponse().getContentAsString()).contains("Too many wrong keys or tokens");
		assertTooManyRequests(submission("Bearer " + key, address),
				this.settings.rateLimit().failureWindow().toSeconds());
		assertThat(submission("Bearer " + key, address())).as("the same key from another address")
			.hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void wrongTokensAndClientSecretsCountAsWell() throws Exception {
		String tokens = address();
		MvcTestResult forged = untilRefused(this.settings.rateLimit().failures(),
				(attempt) -> submission("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl" + attempt, tokens));
		assertTooManyRequests(forged, this.settings.rateLimit().failureWindow().toSeconds());

		ApiClients.Credentials client = this.clients.create("ERP " + UUID.randomUUID().toString().substring(0, 8),
				Set.of(ApiKeys.INTAKE), "admin@concierge.example", "127.0.0.1");
		String secrets = address();
		MvcTestResult guessed = untilRefused(this.settings.rateLimit().failures(),
				(attempt) -> token(client.clientId(), "guess " + attempt, secrets));
		assertTooManyRequests(guessed, this.settings.rateLimit().failureWindow().toSeconds());
		assertTooManyRequests(token(client.clientId(), client.clientSecret(), secrets),
				this.settings.rateLimit().failureWindow().toSeconds());
	}

	/**
	 * Asks until the answer is 429, at most twice the limit and once more.
	 */
	private static MvcTestResult untilRefused(int limit, Function<Integer, MvcTestResult> request)
			throws UnsupportedEncodingException {
		for (int attempt = 1; attempt <= 2 * limit + 1; attempt++) {
			MvcTestResult result = request.apply(attempt);
			if (result.getResponse().getStatus() == HttpStatus.TOO_MANY_REQUESTS.value()) {
				assertThat(attempt).as("refused only beyond the limit").isGreaterThan(limit);
				return result;
			}
			assertThat(result.getResponse().getStatus())
				.as("before the limit: %s", result.getResponse().getContentAsString())
				.isIn(HttpStatus.NOT_FOUND.value(), HttpStatus.UNAUTHORIZED.value());
		}
		throw new AssertionError("Never refused in " + (2 * limit + 1) + " requests");
	}

	private static void assertTooManyRequests(MvcTestResult result, long windowSeconds) {
		assertThat(result).hasStatus(HttpStatus.TOO_MANY_REQUESTS).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(Long.parseLong(result.getResponse().getHeader("Retry-After"))).isBetween(1L, windowSeconds);
	}

	private MvcTestResult submission(String authorization, String address) {
		return this.mvc.get()
			.uri("/api/intake/test-shop/submissions/{id}", UUID.randomUUID())
			.header("Authorization", authorization)
			.with((request) -> {
				request.setRemoteAddr(address);
				return request;
			})
			.exchange();
	}

	private MvcTestResult token(String clientId, String secret, String address) {
		return this.mvc.post()
			.uri("/oauth2/token")
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes()))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("grant_type=client_credentials&scope=" + ApiKeys.INTAKE)
			.with((request) -> {
				request.setRemoteAddr(address);
				return request;
			})
			.exchange();
	}

	/** An address of its own for each test, in the range RFC 2544 keeps for tests. */
	private static String address() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "198.18." + random.nextInt(256) + "." + random.nextInt(1, 255);
	}

}
