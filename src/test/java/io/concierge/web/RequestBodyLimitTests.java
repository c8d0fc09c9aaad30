package io.concierge.web;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;
import io.concierge.identity.ApiKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API reads no body larger than {@code concierge.api.max-body-size}: one that says so
 * is refused before it is read, one sent in chunks once it has gone over.
 */
@IntegrationTest
class RequestBodyLimitTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	ApiKeys keys;

	@Autowired
	ApiSettings settings;

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aBodyLargerThanTheLimitIsRefusedWith413() {
		String key = this.keys.create("Warehouse " + UUID.randomUUID(), Set.of(ApiKeys.FULFILMENT), "test", "test");

		assertThat(this.mvc.post()
			.uri("/api/fulfilment/events")
			.header("Authorization", "Bearer " + key)
			.contentType(MediaType.APPLICATION_JSON)
			.content(json((int) this.settings.maxBodySize().toBytes() + 1))).hasStatus(HttpStatus.CONTENT_TOO_LARGE)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.limit")
			.isEqualTo((int) this.settings.maxBodySize().toBytes());
	}

	@Test
	void aBodySentInChunksIsCountedAsItComes() throws Exception {
		String key = this.keys.create("Warehouse " + UUID.randomUUID(), Set.of(ApiKeys.FULFILMENT), "test", "test");

		HttpResponse<String> large = chunked(key, json((int) this.settings.maxBodySize().toBytes() + 1));
		assertThat(large.statusCode()).isEqualTo(413);
		assertThat(large.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(large.body()).contains("larger than this API takes");

		HttpResponse<String> small = chunked(key,
				"""
						{"eventId": "%s", "orderNumber": "C-0", "type": "PACKED", "occurredAt": "2026-11-04T10:00:00Z"}"""
					.formatted(UUID.randomUUID())
					.getBytes(StandardCharsets.UTF_8));
		assertThat(small.statusCode()).as("read as it came: there is no such order").isEqualTo(404);
	}

	private HttpResponse<String> chunked(String key, byte[] body) throws Exception {
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/fulfilment/events"))
				.header("Authorization", "Bearer " + key)
				.header("Content-Type", "application/json")
				// of unknown length, so sent in chunks
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A JSON object of exactly this many bytes. */
	private static byte[] json(int size) {
		byte[] body = new byte[size];
		Arrays.fill(body, (byte) 'x');
		byte[] start = "{\"note\":\"".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(start, 0, body, 0, start.length);
		body[size - 2] = '"';
		body[size - 1] = '}';
		return body;
	}

}
