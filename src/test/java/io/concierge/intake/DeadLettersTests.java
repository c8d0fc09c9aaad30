package io.concierge.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * A channel's checks hold, reject or only note an order, and operations decide in the
 * console: approve, correct, replay, discard, each in the audit trail.
 */
@IntegrationTest
class DeadLettersTests {

	private static final String OPERATIONS = "ops-" + UUID.randomUUID() + "@example.com";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anUnknownSkuIsHeldUntilOperationsApproveIt() {
		String sku = "NEW-" + UUID.randomUUID().toString().substring(0, 8);
		UUID id = submit(order().replace("MUG-MR-350", sku));

		awaitState(id, "HELD");
		assertThat(column(id, "reason")).contains("Unknown SKU").contains(sku);
		assertThat(column(id, "warnings")).contains("Quantity 2 of " + sku + " is over the limit of 1");
		assertThat(this.mvc.get().uri("/operations/intake").with(user(OPERATIONS).roles("OPERATIONS"))).hasStatusOk()
			.bodyText()
			.contains(sku)
			.contains("held for review");
		assertThat(this.mvc.get().uri("/operations/intake").with(user("someone@example.com").roles("CUSTOMER")))
			.hasStatus(403);

		assertThat(this.mvc.post()
			.uri("/operations/intake/{id}/approve", id)
			.with(user(OPERATIONS).roles("OPERATIONS"))
			.with(csrf())).hasStatus3xxRedirection();

		assertThat(column(id, "state")).isEqualTo("ACCEPTED");
		assertThat(column(id, "order_number")).startsWith("C-");
		assertThat(audited(id, "intake.submission.approved")).isTrue();
	}

	@Test
	void aRejectedOrderIsCorrectedOrDiscardedWithAReason() {
		UUID id = submit(order().replace("\"EUR\"", "\"USD\""));
		awaitState(id, "REJECTED");
		assertThat(column(id, "reason_code")).isEqualTo("CURRENCY");
		assertThat(column(id, "reason")).isEqualTo("Currency USD is not taken on this channel");

		assertThat(this.mvc.post()
			.uri("/operations/intake/{id}/correct", id)
			.param("body", "{\"id\": ")
			.with(user(OPERATIONS).roles("OPERATIONS"))
			.with(csrf())).hasRedirectedUrl("/operations/intake/" + id);
		assertThat(column(id, "state")).as("an unreadable correction changes nothing").isEqualTo("REJECTED");

		assertThat(this.mvc.post()
			.uri("/operations/intake/{id}/discard", id)
			.param("why", " ")
			.with(user(OPERATIONS).roles("OPERATIONS"))
			.with(csrf())).hasRedirectedUrl("/operations/intake/" + id);
		assertThat(column(id, "state")).isEqualTo("REJECTED");

		assertThat(this.mvc.post()
			.uri("/operations/intake/{id}/discard", id)
			.param("why", "Test order from the shop's staff")
			.with(user(OPERATIONS).roles("OPERATIONS"))
			.with(csrf())).hasRedirectedUrl("/operations/intake");
		assertThat(column(id, "state")).isEqualTo("DISCARDED");
		assertThat(column(id, "handled_by")).isEqualTo(OPERATIONS);
		assertThat(audited(id, "intake.submission.discarded")).isTrue();
	}

	@Test
	void aCorrectedOrderGoesThroughTheChecksAgain() {
		String order = order().replace("\"EUR\"", "\"USD\"");
		UUID id = submit(order);
		awaitState(id, "REJECTED");

		assertThat(this.mvc.post()
			.uri("/operations/intake/{id}/correct", id)
			.param("body", order.replace("\"USD\"", "\"EUR\""))
			.with(user(OPERATIONS).roles("OPERATIONS"))
			.with(csrf())).hasRedirectedUrl("/operations/intake");

		awaitState(id, "HELD");
		assertThat(column(id, "reason_code")).isEqualTo("UNKNOWN_SKU");
		assertThat(audited(id, "intake.submission.corrected")).isTrue();
		assertThat(this.mvc.get().uri("/operations/intake/{id}", id).with(user(OPERATIONS).roles("OPERATIONS")))
			.hasStatusOk()
			.bodyText()
			.contains("&quot;EUR&quot;");
	}

	private UUID submit(String order) {
		byte[] body = order.getBytes(StandardCharsets.UTF_8);
		var result = this.mvc.post()
			.uri("/api/intake/test-checked")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.header("X-Shopify-Hmac-Sha256", IntakeApiTests.sign(body, "test-checked-secret"))
			.exchange();
		assertThat(result).hasStatus(202);
		return UUID.fromString(com.jayway.jsonpath.JsonPath
			.read(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8), "$.id"));
	}

	private String order() {
		long id = 800_000_000_000L + (long) (Math.random() * 1_000_000_000L);
		return new String(ShopifyPayloads.order(id, "guest-" + id + "@example.com"), StandardCharsets.UTF_8)
			.replace("\"sku\": \"\"", "\"sku\": \"GIFT-WRAP\"");
	}

	private void awaitState(UUID id, String state) {
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(column(id, "state")).isEqualTo(state));
	}

	private String column(UUID id, String column) {
		return this.jdbc.sql("select " + column + " from intake_submission where id = ?")
			.param(id)
			.query(String.class)
			.single();
	}

	private boolean audited(UUID id, String action) {
		return await().atMost(Duration.ofSeconds(5))
			.until(() -> this.jdbc.sql("select count(*) from audit_entry where subject = ? and action = ?")
				.params(id.toString(), action)
				.query(Integer.class)
				.single(), (count) -> count == 1) == 1;
	}

	@Test
	void aKeyAccountsSmallerProblemComesBeforeALargerOneOfALowerPriorityChannel(@Autowired DeadLetters letters) {
		String cause = UUID.randomUUID().toString().substring(0, 8);
		rejected("Key account " + cause, 10, "400.00");
		rejected("Marketplace " + cause, 1, "900.00");

		assertThat(letters.groups()).extracting(DeadLetters.Group::reason)
			.filteredOn((reason) -> reason.endsWith(cause))
			.containsExactly("Key account " + cause, "Marketplace " + cause);
	}

	private void rejected(String reason, int priority, String total) {
		this.jdbc.sql("""
				insert into intake_submission (id, channel_key, format, external_reference, payload, received_at,
				  priority, order_total, currency, state, next_attempt_at, reason_code, reason)
				values (?, 'test-shop', 'SHOPIFY', ?, ?, now(), ?, ?, 'EUR', 'REJECTED', now(), 'TOTAL', ?)""")
			.params(UUID.randomUUID(), UUID.randomUUID().toString(), new byte[0], priority,
					new java.math.BigDecimal(total), reason)
			.update();
	}

}
