package io.concierge.web;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.concierge.IntegrationTest;
import io.concierge.MockIdentityProvider;
import io.concierge.PortalClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in with an OpenID Connect provider (the tests' mock provider) when the answer
 * that comes back is not the provider's own to this browser's request: an ID token signed
 * by someone else, or for another sign-in (nonce), another client (aud) or from another
 * issuer, and a code brought back with a state this browser never sent. Each is refused
 * and nobody is signed in; the provider's proper answer is accepted.
 */
@IntegrationTest
class OidcLoginTests {

	private static final String FAILED = "/login?sso=sso.failed";

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@LocalServerPort
	int port;

	@Test
	void theProvidersOwnAnswerSignsIn() throws Exception {
		Flow flow = start();
		MockIdentityProvider.nextSignIn(UUID.randomUUID().toString(), email(), true, "Proper Person");
		String landed = flow.comeBack(flow.code(), flow.state);
		assertThat(landed).doesNotContain("sso=");
		assertThat(flow.browser.get("/dashboard", "text/html").statusCode()).isEqualTo(200);
	}

	@Test
	void anIdTokenSignedByAnotherKeyIsRefused() throws Exception {
		Flow flow = start();
		String code = flow.code();
		RSAKey forger = new RSAKeyGenerator(2048).keyID("forger").generate();
		Instant now = Instant.now();
		SignedJWT idToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(forger.getKeyID()).build(),
				new JWTClaimsSet.Builder()
					.issuer(MockIdentityProvider.server().issuerUrl(MockIdentityProvider.ISSUER).toString())
					.subject(UUID.randomUUID().toString())
					.audience("concierge")
					.claim("nonce", flow.nonce)
					.claim("email", email())
					.claim("email_verified", true)
					.issueTime(Date.from(now))
					.expirationTime(Date.from(now.plusSeconds(300)))
					.build());
		idToken.sign(new RSASSASigner(forger));
		MockIdentityProvider
			.nextTokenResponse(("{\"access_token\":\"forged\",\"token_type\":\"Bearer\",\"expires_in\":300,"
					+ "\"scope\":\"openid email profile\",\"id_token\":\"" + idToken.serialize() + "\"}"));
		assertRefused(flow, flow.comeBack(code, flow.state));
	}

	@Test
	void anIdTokenOfAnotherSignInIsRefused() throws Exception {
		assertRefused(Map.of("nonce", "another sign-in's nonce"));
	}

	@Test
	void anIdTokenForAnotherClientIsRefused() throws Exception {
		assertRefused(Map.of("aud", List.of("another-client")));
	}

	@Test
	void anIdTokenFromAnotherIssuerIsRefused() throws Exception {
		assertRefused(Map.of("iss", MockIdentityProvider.server().issuerUrl("elsewhere").toString()));
	}

	@Test
	void aCodeBroughtBackWithAForgedStateIsRefused() throws Exception {
		Flow flow = start();
		// the code is the provider's, for this browser's sign-in; the state is not
		String code = flow.code();
		assertRefused(flow, flow.comeBack(code, "forged-" + UUID.randomUUID()));
		// nor is a code brought to a browser that started no sign-in (login CSRF)
		PortalClient victim = new PortalClient(this.port);
		victim.get("/login", "text/html");
		HttpResponse<String> planted = victim.get("/login/oauth2/code/acme?code=" + code + "&state=" + flow.state,
				"text/html");
		assertThat(planted.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith(FAILED));
		assertThat(victim.get("/dashboard", "text/html").statusCode()).isEqualTo(302);
	}

	/**
	 * The provider's own token, signed with its key, with these claims changed.
	 */
	private void assertRefused(Map<String, Object> claims) throws Exception {
		Flow flow = start();
		String code = flow.code();
		Map<String, Object> all = new java.util.HashMap<>(
				Map.of("email", email(), "email_verified", true, "name", "Bent Token"));
		all.putAll(claims);
		MockIdentityProvider.server()
			.enqueueCallback(new DefaultOAuth2TokenCallback(MockIdentityProvider.ISSUER, UUID.randomUUID().toString(),
					"JWT", List.of("concierge"), all, 3600));
		assertRefused(flow, flow.comeBack(code, flow.state));
	}

	private static void assertRefused(Flow flow, String landed) {
		assertThat(landed).endsWith(FAILED);
		HttpResponse<String> dashboard = flow.browser.get("/dashboard", "text/html");
		assertThat(dashboard.statusCode()).as("nobody is signed in").isEqualTo(302);
	}

	/**
	 * A browser that asked to sign in with the provider: where it was sent, with the
	 * state and nonce of its request.
	 */
	private Flow start() {
		PortalClient browser = new PortalClient(this.port);
		browser.get("/login", "text/html");
		HttpResponse<String> toProvider = browser.get("/oauth2/authorization/acme", "text/html");
		String authorize = toProvider.headers().firstValue("Location").orElseThrow();
		Map<String, String> query = query(URI.create(authorize));
		assertThat(query).containsKeys("state", "nonce");
		return new Flow(browser, authorize, query.get("state"), query.get("nonce"));
	}

	private final class Flow {

		final PortalClient browser;

		final String authorize;

		final String state;

		final String nonce;

		Flow(PortalClient browser, String authorize, String state, String nonce) {
			this.browser = browser;
			this.authorize = authorize;
			this.state = state;
			this.nonce = nonce;
		}

		/** The provider signs the person in and gives the code to bring back. */
		String code() throws Exception {
			HttpResponse<Void> back = OidcLoginTests.this.http.send(
					HttpRequest.newBuilder(URI.create(this.authorize)).build(), HttpResponse.BodyHandlers.discarding());
			String location = back.headers().firstValue("Location").orElseThrow();
			return query(URI.create(location)).get("code");
		}

		/** The browser comes back with a code and a state; answers where it is sent. */
		String comeBack(String code, String state) {
			HttpResponse<String> response = this.browser
				.get("/login/oauth2/code/acme?code=" + java.net.URLEncoder.encode(code, StandardCharsets.UTF_8)
						+ "&state=" + java.net.URLEncoder.encode(state, StandardCharsets.UTF_8), "text/html");
			return response.headers().firstValue("Location").orElse(String.valueOf(response.statusCode()));
		}

	}

	private static Map<String, String> query(URI uri) {
		return Arrays.stream(uri.getRawQuery().split("&"))
			.map((pair) -> pair.split("=", 2))
			.collect(Collectors.toMap((pair) -> pair[0],
					(pair) -> URLDecoder.decode(pair.length > 1 ? pair[1] : "", StandardCharsets.UTF_8)));
	}

	private static String email() {
		return "oidc-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

}
