package io.concierge.web;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.concierge.IntegrationTest;
import io.concierge.identity.ApiKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The APIs read JSON bodies with the strict reader's limits ({@code StrictJson}): a key
 * given twice, nesting too deep, too long a string or number and content after the value
 * are refused with 400 problem+json saying why, before anything is done.
 */
@IntegrationTest
class StrictRequestBodiesTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	ApiKeys keys;

	@Test
	void jsonBodiesOfTheApisAreReadWithTheStrictReadersLimits() {
		String key = this.keys.create("Warehouse " + UUID.randomUUID(), Set.of(ApiKeys.FULFILMENT), "test", "test");

		assertThat(post(key, event("\"orderNumber\": \"C-0\", \"orderNumber\": \"C-1\"")))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("same property twice");
		assertThat(post(key, event("\"orderNumber\": \"C-0\", \"more\": " + "[".repeat(40) + "]".repeat(40))))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("nested too deep", "32 levels");
		assertThat(post(key, event("\"orderNumber\": \"" + "C".repeat(100_001) + "\"")))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("too long a value");
		assertThat(post(key,
				event("\"orderNumber\": \"C-0\", \"lines\": [{\"sku\": \"A\", \"quantity\": 1" + "0".repeat(50)
						+ "}]")))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("digits in a number");
		assertThat(post(key, event("\"orderNumber\": \"C-0\"") + " {}")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("more after its JSON value");
		assertThat(post(key, "{\"eventId\": ")).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("not JSON this API can read");

		assertThat(post(key, event("\"orderNumber\": \"C-0\""))).as("a sound body is read: there is no such order")
			.hasStatus(HttpStatus.NOT_FOUND);
	}

	private MvcTestResult post(String key, String body) {
		return this.mvc.post()
			.uri("/api/fulfilment/events")
			.header("Authorization", "Bearer " + key)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	private static String event(String more) {
		return "{\"eventId\": \"" + UUID.randomUUID() + "\", \"type\": \"PACKED\", \"occurredAt\": "
				+ "\"2026-11-04T10:00:00Z\", " + more + "}";
	}

}
