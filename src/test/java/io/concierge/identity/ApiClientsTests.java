package io.concierge.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.concierge.IntegrationTest;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.Orders;
import io.concierge.shared.SecretSeal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A system gets a token by the client_credentials grant and calls the API with it, as it
 * would with an API key: within its scopes, refused with a wrong secret, and no longer
 * once its client is revoked.
 */
@IntegrationTest
class ApiClientsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	ApiClients clients;

	@Autowired
	OrderManagement orders;

	@Autowired
	MockMvcTester mvc;

	@Test
	void aClientGetsATokenOfItsScopesAndLosesItWhenRevoked() throws Exception {
		ApiClients.Credentials warehouse = this.clients.create(
				"Warehouse " + UUID.randomUUID().toString().substring(0, 8), Set.of(ApiKeys.FULFILMENT),
				"admin@concierge.example", "127.0.0.1");
		String number = this.orders.place(Orders.of(null, null, Instant.now(), "MUG-01", "Stoneware mug"));
		String event = "{\"eventId\": \"" + UUID.randomUUID() + "\", \"orderNumber\": \"" + number
				+ "\", \"type\": \"CONFIRMED\", \"occurredAt\": \"2026-11-03T10:00:00Z\"}";

		assertThat(token(warehouse.clientId(), "not the secret", "fulfilment")).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(token(warehouse.clientId(), warehouse.clientSecret(), "intake")).as("a scope it was not given")
			.hasStatus(HttpStatus.BAD_REQUEST);
		MvcTestResult issued = token(warehouse.clientId(), warehouse.clientSecret(), "fulfilment");
		assertThat(issued).hasStatusOk();
		String token = issued.getResponse().getContentAsString().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
		assertThat(token).startsWith("eyJ");

		assertThat(call(token, "/api/fulfilment/events", event)).hasStatus2xxSuccessful();
		assertThat(call(token, "/api/orders", null)).as("a customer's API, outside its scopes")
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(call(token.substring(0, token.length() - 4) + "AAAA", "/api/fulfilment/events", event))
			.hasStatus(HttpStatus.UNAUTHORIZED);

		String id = this.clients.list()
			.stream()
			.filter((client) -> client.clientId().equals(warehouse.clientId()))
			.findFirst()
			.orElseThrow()
			.id();
		assertThat(this.clients.revoke(id, "admin@concierge.example", "127.0.0.1")).isTrue();
		assertThat(call(token, "/api/fulfilment/events", event)).as("its token stops working at once")
			.hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(token(warehouse.clientId(), warehouse.clientSecret(), "fulfilment"))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void tokensAreSignedWithEs256AndStillVerifyAfterTheKeyIsRotatedWhileNewOnesCarryTheNewKid() throws Exception {
		ApiClients.Credentials warehouse = this.clients.create(
				"Rotation " + UUID.randomUUID().toString().substring(0, 8), Set.of(ApiKeys.FULFILMENT),
				"admin@concierge.example", "127.0.0.1");
		String before = issuedToken(warehouse);
		JsonNode header = header(before);
		assertThat(header.path("alg").asString()).isEqualTo("ES256");
		String oldKid = header.path("kid").asString();
		assertThat(oldKid).isNotBlank();
		assertThat(call(before, "/api/fulfilment/events", event())).hasStatus2xxSuccessful();

		String newKid = this.clients.rotateSigningKey("admin@concierge.example", "127.0.0.1");

		assertThat(newKid).isNotEqualTo(oldKid);
		String after = issuedToken(warehouse);
		assertThat(header(after).path("kid").asString()).isEqualTo(newKid);
		assertThat(header(after).path("alg").asString()).isEqualTo("ES256");
		assertThat(call(before, "/api/fulfilment/events", event())).as("a token of the old key, not expired")
			.hasStatus2xxSuccessful();
		assertThat(call(after, "/api/fulfilment/events", event())).hasStatus2xxSuccessful();

		MvcTestResult jwks = this.mvc.get().uri("/oauth2/jwks").exchange();
		assertThat(jwks).hasStatusOk();
		JsonNode keys = JSON.readTree(jwks.getResponse().getContentAsString()).path("keys");
		List<String> kids = new ArrayList<>();
		keys.forEach((key) -> {
			kids.add(key.path("kid").asString());
			assertThat(key.has("d")).as("no private part published").isFalse();
		});
		assertThat(kids).contains(oldKid, newKid);
		keys.forEach((key) -> {
			if (key.path("kid").asString().equals(newKid)) {
				assertThat(key.path("kty").asString()).isEqualTo("EC");
				assertThat(key.path("crv").asString()).isEqualTo("P-256");
			}
		});
	}

	@Test
	void theRsaKeyOfBeforeIsRetiredForAP256KeyWhileItsTokensStillVerify(
			@Autowired ApiClientsConfiguration.TokenSigningKeys keys, @Autowired SecretSeal seal,
			@Autowired JwtDecoder decoder, @Autowired JdbcClient jdbc) throws Exception {
		RSAKey rsa = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		// as it was stored before V90: the one key, RSA 2048
		jdbc.sql("update oauth2_signing_key set retired_at = now() where retired_at is null").update();
		jdbc.sql("insert into oauth2_signing_key (kid, jwk, created_at) values (?, ?, now())")
			.params(rsa.getKeyID(), seal.seal(rsa.toJSONString(), "oauth2-signing-key:" + rsa.getKeyID()))
			.update();
		SignedJWT issuedBefore = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsa.getKeyID()).build(),
				new JWTClaimsSet.Builder().subject("issued-before")
					.issueTime(new Date())
					.expirationTime(new Date(System.currentTimeMillis() + 600_000))
					.build());
		issuedBefore.sign(new RSASSASigner(rsa));

		String current = keys.reloadedCurrentKeyId();

		assertThat(current).isNotEqualTo(rsa.getKeyID());
		assertThat(keys.get(new JWKSelector(new JWKMatcher.Builder().keyID(current).build()), null)).singleElement()
			.isInstanceOfSatisfying(ECKey.class, (key) -> assertThat(key.getCurve()).isEqualTo(Curve.P_256));
		assertThat(decoder.decode(issuedBefore.serialize()).getSubject()).isEqualTo("issued-before");
	}

	@Test
	void aClientNeedsAProperNameAndKnownScopes() {
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> this.clients.create("", Set.of(ApiKeys.FULFILMENT), "admin", "::1"))
			.isInstanceOf(IllegalArgumentException.class);
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> this.clients.create("ERP", Set.of("everything"), "admin", "::1"))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private String issuedToken(ApiClients.Credentials client) throws Exception {
		MvcTestResult issued = token(client.clientId(), client.clientSecret(), "fulfilment");
		assertThat(issued).hasStatusOk();
		return JSON.readTree(issued.getResponse().getContentAsString()).path("access_token").asString();
	}

	private static JsonNode header(String jwt) throws Exception {
		return JSON.readTree(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))));
	}

	private String event() {
		String number = this.orders.place(Orders.of(null, null, Instant.now(), "MUG-01", "Stoneware mug"));
		return "{\"eventId\": \"" + UUID.randomUUID() + "\", \"orderNumber\": \"" + number
				+ "\", \"type\": \"CONFIRMED\", \"occurredAt\": \"2026-11-03T10:00:00Z\"}";
	}

	private MvcTestResult token(String clientId, String secret, String scope) {
		return this.mvc.post()
			.uri("/oauth2/token")
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes()))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("grant_type=client_credentials&scope=" + scope)
			.exchange();
	}

	private MvcTestResult call(String token, String path, String body) {
		if (body == null) {
			return this.mvc.get().uri(path).header("Authorization", "Bearer " + token).exchange();
		}
		return this.mvc.post()
			.uri(path)
			.header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

}
