package io.concierge.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.IntegrationTest;
import io.concierge.orders.OrderDetails;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.OrderQueries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What real channels send that intake once choked on: text PostgreSQL cannot store, a
 * submission whose outcome cannot be written, an order without a customer, a note with
 * its own line breaks. None of them stops the queue.
 */
@IntegrationTest
class IntakeRobustnessTests {

	private static final String SHOP = "test-shop-secret";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	OrderManagement orders;

	@Autowired
	OrderQueries queries;

	@Autowired
	DeadLetters letters;

	@Test
	void refusesANulCharacterAtTheDoorNamingTheFieldAndStoresNothing() {
		long id = shopifyId();
		String order = shopifyOrder(id, "guest@example.com").replace("\"name\": \"Tasse „Morgenröte“ – 350 ml\"",
				"\"name\": \"Tasse \\u0000 350 ml\"");

		assertThat(refused(order)).contains("line_items[0].name").contains("NUL");
		assertThat(stored(id)).isZero();
	}

	@Test
	void refusesHalfASurrogatePairAtTheDoorNamingTheField() {
		long id = shopifyId();
		String order = shopifyOrder(id, "guest@example.com").replace("\"note\": \"Bitte", "\"note\": \"\\ud800 Bitte");

		assertThat(refused(order)).contains("note").contains("surrogate");
		assertThat(stored(id)).isZero();
	}

	@Test
	void aPoisonedSubmissionAmongAHundredGoodOnesStopsNoneOfThem() {
		String prefix = "P-" + UUID.randomUUID().toString().substring(0, 8);
		// as a version that did not check text at the door stored it, first in line
		this.transactions.executeWithoutResult((status) -> {
			for (int i = 0; i < 100; i++) {
				if (i == 50) {
					insert(prefix + "-poisoned", 10, 0,
							ShopifyPayloads.sale(prefix + "-poisoned", "poison@example.com", "EUR", "12.50")
								.replace("Stoneware mug", "Stoneware \\u0000 mug"));
				}
				insert(prefix + "-" + i, 5, 0,
						ShopifyPayloads.sale(prefix + "-" + i, "good@example.com", "EUR", "12.50"));
			}
		});

		await().atMost(Duration.ofSeconds(60))
			.until(() -> count(prefix + "-%", "ACCEPTED") + count(prefix + "-poisoned", "REJECTED"),
					(done) -> done == 101);
		assertThat(count(prefix + "-%", "ACCEPTED")).isEqualTo(100);
		Map<String, Object> poisoned = submission(prefix + "-poisoned");
		assertThat(poisoned).containsEntry("state", "REJECTED").containsEntry("reason_code", "MALFORMED");
		assertThat((String) poisoned.get("reason")).contains("lines[0].name").contains("NUL");
	}

	@Test
	void aSubmissionWhoseOutcomeCannotBeWrittenCountsItsAttemptsAndEndsDead() {
		String prefix = "unwritable-" + UUID.randomUUID().toString().substring(0, 8);
		this.jdbc.sql("""
				create or replace function refuse_unwritable() returns trigger language plpgsql as $$
				begin
				  if new.external_reference like 'unwritable-%' and new.state = 'REJECTED' then
				    raise exception 'the outcome of % cannot be written', new.external_reference;
				  end if;
				  return new;
				end $$""").update();
		this.jdbc.sql("""
				create trigger refuse_unwritable before update on intake_submission
				for each row execute function refuse_unwritable()""").update();
		try {
			this.transactions.executeWithoutResult((status) -> {
				insert(prefix + "-first", 10, 0, "{\"saleId\": ");
				insert(prefix + "-last", 10, 7, "{\"saleId\": ");
				insert(prefix + "-good", 5, 0,
						ShopifyPayloads.sale(prefix + "-good", "good@example.com", "EUR", "1.00"));
			});

			await().atMost(Duration.ofSeconds(20))
				.until(() -> submission(prefix + "-last").get("state"), (state) -> state.equals("DEAD"));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> submission(prefix + "-good").get("state"), (state) -> state.equals("ACCEPTED"));
			Map<String, Object> last = submission(prefix + "-last");
			assertThat(last).containsEntry("attempts", 8).containsEntry("reason_code", "FAILED");
			assertThat((String) last.get("reason")).contains("could not be recorded");
			Map<String, Object> first = submission(prefix + "-first");
			assertThat(first).as("tried, to be tried again later")
				.containsEntry("state", "RECEIVED")
				.containsEntry("later", true);
			assertThat((Integer) first.get("attempts")).isBetween(1, 7);
		}
		finally {
			this.jdbc.sql("drop trigger refuse_unwritable on intake_submission").update();
			this.jdbc.sql("drop function refuse_unwritable()").update();
		}
	}

	@Test
	void aShopifyOrderWithoutEmailIsAGuestOrderFoundByNumberAndPostalCode() {
		long id = shopifyId();
		String order = shopifyOrder(id, "x").replace("\"email\": \"x\"", "\"email\": null");

		MvcTestResult result = shopify(order);

		assertThat(result).hasStatus(202);
		String number = accepted(JsonPath.read(json(result), "$.id"));
		OrderDetails details = this.orders.details(number);
		assertThat(details.externalReference()).isEqualTo(String.valueOf(id));
		assertThat(this.queries.guest(number, "80802")).isPresent();
		assertThat(this.queries.guest(number, "10115")).isEmpty();
	}

	@Test
	void aTillSaleWithoutAnyCustomerIsHeldWithItsReasonAndTakenInOnceApproved() {
		String saleId = "BER-9-" + UUID.randomUUID();
		String sale = ShopifyPayloads.sale(saleId, "nobody", "EUR", "5.00")
			.replace("\"customerEmail\": \"nobody\",", "");
		this.transactions.executeWithoutResult((status) -> insert(saleId, 5, 0, sale));

		await().atMost(Duration.ofSeconds(10))
			.until(() -> submission(saleId).get("state"), (state) -> state.equals("HELD"));
		Map<String, Object> held = submission(saleId);
		assertThat(held).containsEntry("reason_code", "NO_CUSTOMER");
		assertThat((String) held.get("reason")).contains("nobody could find this order");

		this.letters.approve((UUID) held.get("id"), "operations@example.com", "127.0.0.1");
		assertThat(submission(saleId)).containsEntry("state", "ACCEPTED");
	}

	@Test
	void keepsANoteExactlyAsSent() {
		long id = shopifyId();
		String order = shopifyOrder(id, "guest-" + id + "@example.com").replace(
				"\"note\": \"Bitte beim Nachbarn abgeben, falls niemand da ist.\"",
				"\"note\": \"  Bitte klingeln.\\nSonst beim Nachbarn abgeben. \"");

		String number = accepted(JsonPath.read(json(shopify(order)), "$.id"));

		assertThat(this.orders.details(number).notes()).isEqualTo("  Bitte klingeln.\nSonst beim Nachbarn abgeben. ");
	}

	private void insert(String reference, int priority, int attempts, String payload) {
		this.jdbc.sql("""
				insert into intake_submission (id, channel_key, format, external_reference, payload, received_at,
				  priority, order_total, currency, state, attempts, next_attempt_at)
				values (gen_random_uuid(), 'robustness-till', 'POINT_OF_SALE', ?, ?, clock_timestamp(), ?, 0, 'EUR',
				  'RECEIVED', ?, now())""")
			.params(reference, payload.getBytes(StandardCharsets.UTF_8), priority, attempts)
			.update();
	}

	private long count(String reference, String state) {
		return this.jdbc.sql("select count(*) from intake_submission where external_reference like ? and state = ?")
			.params(reference, state)
			.query(Long.class)
			.single();
	}

	private Map<String, Object> submission(String reference) {
		return this.jdbc.sql("""
				select id, state, reason_code, reason, attempts, next_attempt_at > now() as later
				from intake_submission where external_reference = ?""").param(reference).query().singleRow();
	}

	private String refused(String order) {
		MvcTestResult result = shopify(order);
		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return JsonPath.read(json(result), "$.detail");
	}

	private String accepted(String submission) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.sql("select state from intake_submission where id = ?")
				.param(UUID.fromString(submission))
				.query(String.class)
				.single(), (state) -> state.equals("ACCEPTED"));
		return this.jdbc.sql("select order_number from intake_submission where id = ?")
			.param(UUID.fromString(submission))
			.query(String.class)
			.single();
	}

	private MvcTestResult shopify(String order) {
		byte[] body = order.getBytes(StandardCharsets.UTF_8);
		return this.mvc.post()
			.uri("/api/intake/test-shop")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.header("X-Shopify-Hmac-Sha256", IntakeApiTests.sign(body, SHOP))
			.exchange();
	}

	private int stored(long shopifyId) {
		return this.jdbc.sql("select count(*) from intake_submission where external_reference = ?")
			.param(String.valueOf(shopifyId))
			.query(Integer.class)
			.single();
	}

	private static String shopifyOrder(long id, String email) {
		return new String(ShopifyPayloads.order(id, email), StandardCharsets.UTF_8);
	}

	private static String json(MvcTestResult result) {
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	private static long shopifyId() {
		return 460789469000L + (long) (Math.random() * 1_000_000_000L);
	}

}
