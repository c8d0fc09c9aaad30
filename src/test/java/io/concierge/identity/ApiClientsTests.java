package io.concierge.identity;

import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.concierge.IntegrationTest;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.Orders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A system gets a token by the client_credentials grant and calls the API with it, as it
 * would with an API key: within its scopes, refused with a wrong secret, and no longer
 * once its client is revoked.
 */
@IntegrationTest
class ApiClientsTests {

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
	void aClientNeedsAProperNameAndKnownScopes() {
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> this.clients.create("", Set.of(ApiKeys.FULFILMENT), "admin", "::1"))
			.isInstanceOf(IllegalArgumentException.class);
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> this.clients.create("ERP", Set.of("everything"), "admin", "::1"))
			.isInstanceOf(IllegalArgumentException.class);
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
