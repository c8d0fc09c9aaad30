package io.concierge.identity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.concierge.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's access tokens as an attacker would bend them: expired, signed with a key of
 * their own, with no signature or an HMAC one, naming where to find the key to check it;
 * and the token endpoint asked for grants no client has. Each token is made from a real
 * one, and the same token signed properly is accepted, so what is refused is only what
 * was bent.
 */
@IntegrationTest
class TokenTests {

	/**
	 * A customer's API: a token of the fulfilment scope is known there but not allowed.
	 */
	private static final String API = "/api/orders";

	@Autowired
	ApiClients clients;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JWKSource<SecurityContext> signingKeys;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aProperlySignedTokenIsAccepted() throws Exception {
		SignedJWT issued = issued();
		assertThat(call(issued.serialize())).as("known, outside its scope").hasStatus(HttpStatus.FORBIDDEN);
		assertThat(call(signed(issued.getHeader(), claims(issued).build(), signingKey()))).as("signed here again")
			.hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void anExpiredTokenIsRefused() throws Exception {
		SignedJWT issued = issued();
		Instant past = Instant.now().minusSeconds(600);
		JWTClaimsSet expired = claims(issued).issueTime(Date.from(past.minusSeconds(900)))
			.notBeforeTime(Date.from(past.minusSeconds(900)))
			.expirationTime(Date.from(past))
			.build();
		assertRefused(signed(issued.getHeader(), expired, signingKey()));

		JWTClaimsSet notYet = claims(issued).notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build();
		assertRefused(signed(issued.getHeader(), notYet, signingKey()));
	}

	@Test
	void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
		SignedJWT issued = issued();
		JWK ours = signingKey();
		JWK theirs = anotherKeyLike(ours, ours.getKeyID());
		assertRefused(signed(issued.getHeader(), claims(issued).build(), theirs));
		assertRefused(signed(new JWSHeader.Builder(issued.getHeader()).keyID("attacker").build(),
				claims(issued).build(), anotherKeyLike(ours, "attacker")));
	}

	@Test
	void aTokenWithoutSignatureOrWithAnHmacOneIsRefused() throws Exception {
		SignedJWT issued = issued();
		String payload = issued.getParsedParts()[1].toString();
		String none = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
		assertRefused(none + "." + payload + ".");
		assertRefused(none + "." + payload + "." + issued.getSignature());
		String noneWithKid = base64("{\"alg\":\"none\",\"kid\":\"" + issued.getHeader().getKeyID() + "\"}");
		assertRefused(noneWithKid + "." + payload + ".");

		// HS256 with the public key as the secret, the classic confusion of algorithms
		byte[] publicKey = signingKey().toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
		SignedJWT hmac = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(issued.getHeader().getKeyID()).build(),
				claims(issued).build());
		hmac.sign(new MACSigner(publicKey));
		assertRefused(hmac.serialize());
	}

	@Test
	void aTokenNamingWhereItsKeyIsFoundIsRefused() throws Exception {
		SignedJWT issued = issued();
		JWK attackers = anotherKeyLike(signingKey(), "attacker");
		JWSHeader jku = new JWSHeader.Builder(issued.getHeader().getAlgorithm()).keyID("attacker")
			.jwkURL(URI.create("http://127.0.0.1:9/jwks.json"))
			.build();
		assertRefused(signed(jku, claims(issued).build(), attackers));
		JWSHeader embedded = new JWSHeader.Builder(issued.getHeader().getAlgorithm()).keyID("attacker")
			.jwk(attackers.toPublicJWK())
			.build();
		assertRefused(signed(embedded, claims(issued).build(), attackers));
		JWSHeader x5u = new JWSHeader.Builder(issued.getHeader().getAlgorithm()).keyID("attacker")
			.x509CertURL(URI.create("http://127.0.0.1:9/cert.pem"))
			.type(JOSEObjectType.JWT)
			.build();
		assertRefused(signed(x5u, claims(issued).build(), attackers));
	}

	@Test
	void theTokenEndpointGrantsOnlyClientCredentials() throws Exception {
		ApiClients.Credentials client = this.clients.create("Grants " + UUID.randomUUID().toString().substring(0, 8),
				Set.of(ApiKeys.FULFILMENT), "admin@concierge.example", "127.0.0.1");
		String token = accessToken(client);
		for (String grant : List.of("grant_type=password&username=admin%40concierge.example&password=secret",
				"grant_type=authorization_code&code=abc&redirect_uri=http%3A%2F%2Flocalhost%2Fcallback",
				"grant_type=refresh_token&refresh_token=abc",
				"grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=abc",
				"grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&subject_token=" + token
						+ "&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token",
				"grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" + token,
				"grant_type=implicit")) {
			MvcTestResult answer = token(client, grant);
			assertThat(answer).as(grant).hasStatus(HttpStatus.BAD_REQUEST);
			assertThat(answer).bodyText().as(grant).doesNotContain("access_token");
		}
		for (String endpoint : List.of("/oauth2/authorize", "/oauth2/device_authorization",
				"/oauth2/device_verification")) {
			MvcTestResult answer = this.mvc.get()
				.uri(endpoint + "?response_type=code&scope=fulfilment&client_id=" + client.clientId())
				.exchange();
			assertThat(answer).as("no authorization code or device flow either: " + endpoint)
				.hasStatus(HttpStatus.FOUND);
			assertThat(answer.getResponse().getHeader("Location")).as(endpoint).endsWith("/login");
		}
		assertThat(this.jdbc.sql("select distinct authorization_grant_types from oauth2_registered_client")
			.query(String.class)
			.list()).containsExactly("client_credentials");
	}

	private MvcTestResult call(String token) {
		return this.mvc.get().uri(API).header("Authorization", "Bearer " + token).exchange();
	}

	private void assertRefused(String token) {
		assertThat(call(token)).hasStatus(HttpStatus.UNAUTHORIZED).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	/**
	 * A fresh token of a fresh client of the fulfilment scope.
	 */
	private SignedJWT issued() throws Exception {
		ApiClients.Credentials client = this.clients.create("Tokens " + UUID.randomUUID().toString().substring(0, 8),
				Set.of(ApiKeys.FULFILMENT), "admin@concierge.example", "127.0.0.1");
		return SignedJWT.parse(accessToken(client));
	}

	private String accessToken(ApiClients.Credentials client) throws java.io.UnsupportedEncodingException {
		MvcTestResult issued = token(client, "grant_type=client_credentials&scope=fulfilment");
		assertThat(issued).hasStatusOk();
		return issued.getResponse()
			.getContentAsString(StandardCharsets.UTF_8)
			.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
	}

	private MvcTestResult token(ApiClients.Credentials client, String form) {
		return this.mvc.post()
			.uri("/oauth2/token")
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((client.clientId() + ":" + client.clientSecret()).getBytes(StandardCharsets.UTF_8)))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content(form)
			.exchange();
	}

	/** The token's claims with a fresh lifetime, to change one of them. */
	private static JWTClaimsSet.Builder claims(SignedJWT token) throws Exception {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder(token.getJWTClaimsSet()).issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)));
	}

	/** The key Concierge signs tokens with, whatever its type. */
	private JWK signingKey() throws Exception {
		List<JWK> keys = this.signingKeys.get(new JWKSelector(new JWKMatcher.Builder().privateOnly(true).build()),
				null);
		assertThat(keys).isNotEmpty();
		return keys.getFirst();
	}

	/** A key of the same type and size as this one, made by an attacker. */
	private static JWK anotherKeyLike(JWK key, String keyId) throws Exception {
		if (key instanceof ECKey ec) {
			return new ECKeyGenerator(ec.getCurve()).keyID(keyId).generate();
		}
		if (key instanceof RSAKey rsa) {
			return new RSAKeyGenerator(rsa.size()).keyID(keyId).generate();
		}
		return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
	}

	private static String signed(JWSHeader header, JWTClaimsSet claims, JWK key) throws Exception {
		SignedJWT token = new SignedJWT(header, claims);
		token.sign(new DefaultJWSSignerFactory().createJWSSigner(key, header.getAlgorithm()));
		return token.serialize();
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
