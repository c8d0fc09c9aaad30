package io.concierge.intake;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.concierge.IntegrationTest;
import io.concierge.identity.Accounts;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.TestLogins;
import io.concierge.orders.OrderDetails;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.OrderQueries;
import io.concierge.orders.OrderStatus;
import io.concierge.shared.EmailAddress;
import io.concierge.shared.Signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Orders handed over by a web shop and a till: signed, read at once, stored, and turned
 * into orders by the workers; every refusal explained and nothing stored for it.
 */
@IntegrationTest
class IntakeApiTests {

	private static final String SHOP = "test-shop-secret";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Callers callers;

	@Autowired
	OrderManagement orders;

	@Autowired
	OrderQueries queries;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aShopifyOrderBecomesTheCustomersOrderWithTheTotalsAsStated() {
		String email = TestLogins.customer(this.accounts).email();
		long id = shopifyId();
		MvcTestResult result = shopify(ShopifyPayloads.order(id, email), SHOP, "evt-" + id);
		assertThat(result).hasStatus(202)
			.hasHeader("Location", "/api/intake/test-shop/submissions/" + read(result, "$.id"));
		assertThat(read(result, "$.state")).isEqualTo("RECEIVED");

		String number = accepted("test-shop", read(result, "$.id"));
		OrderDetails order = this.orders.details(number);
		assertThat(order.externalReference()).isEqualTo(String.valueOf(id));
		assertThat(order.lines()).hasSize(2);
		assertThat(order.lines().get(0).name()).isEqualTo("Tasse „Morgenröte“ – 350 ml");
		assertThat(order.lines().get(0).discount().amount()).isEqualByComparingTo("5.00");
		assertThat(order.lines().get(0).tax().amount()).isEqualByComparingTo("7.98");
		assertThat(order.lines().get(1).sku()).isEqualTo("variant-808950810");
		assertThat(order.totals().grandTotal().amount()).isEqualByComparingTo("61.85");
		assertThat(order.totals().shipping().amount()).isEqualByComparingTo("4.95");
		assertThat(order.shipTo().city()).isEqualTo("München");
		assertThat(order.shipTo().lines()).isEqualTo("Leopoldstraße 12\n3. OG");
		Caller customer = this.callers.of((Principal) () -> EmailAddress.of(email).value());
		assertThat(this.queries.find(customer, number)).as("the customer sees it in the portal").isPresent();
		assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
	}

	@Test
	void aResendIsAnsweredWithTheFirstSubmission() {
		long id = shopifyId();
		byte[] body = ShopifyPayloads.order(id, "guest-" + id + "@example.com");
		MvcTestResult first = shopify(body, SHOP, "evt-" + id);
		assertThat(first).hasStatus(202);

		MvcTestResult again = shopify(body, SHOP, "evt-" + id);
		MvcTestResult sameOrderOtherDelivery = shopify(body, SHOP, "evt-" + id + "-retry");

		assertThat(again).hasStatus(200);
		assertThat(read(again, "$.id")).isEqualTo(read(first, "$.id"));
		assertThat(read(again, "$.duplicate")).isEqualTo("true");
		assertThat(sameOrderOtherDelivery).hasStatus(200);
		assertThat(read(sameOrderOtherDelivery, "$.id")).isEqualTo(read(first, "$.id"));
		assertThat(stored(id)).isEqualTo(1);
	}

	@Test
	void aWrongOrMissingSignatureIsRefusedAndNothingStored() {
		long id = shopifyId();
		byte[] body = ShopifyPayloads.order(id, "guest@example.com");
		byte[] changed = body.clone();
		changed[changed.length / 2] ^= 1;
		byte[] withNewline = (new String(body, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
		String hex = java.util.HexFormat.of().formatHex(Signatures.hmacSha256(body, SHOP));

		assertThat(post("test-shop", body, null, "X-Shopify-Hmac-Sha256", null)).hasStatus(401)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(shopify(body, "another secret", null)).hasStatus(401);
		assertThat(post("test-shop", body, hex, "X-Shopify-Hmac-Sha256", null)).hasStatus(401);
		assertThat(post("test-shop", changed, sign(body, SHOP), "X-Shopify-Hmac-Sha256", null)).hasStatus(401);
		assertThat(post("test-shop", withNewline, sign(body, SHOP), "X-Shopify-Hmac-Sha256", null)).hasStatus(401);
		assertThat(stored(id)).isZero();
	}

	@Test
	void aMalformedOrderIsRefusedSayingWhere() {
		assertThat(malformed("{\"id\": 1, \"id\": 2}")).contains("line 1").contains("Duplicate");
		assertThat(malformed("{\"id\": 1,")).contains("line 1");
		assertThat(malformed("[1, 2]")).contains("JSON object");
		assertThat(malformed("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}")).contains("nesting");
		byte[] invalidUtf8 = { '{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };
		assertThat(post("test-shop", invalidUtf8, sign(invalidUtf8, SHOP), "X-Shopify-Hmac-Sha256", null))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("UTF-8");
		String order = new String(ShopifyPayloads.order(shopifyId(), "guest@example.com"), StandardCharsets.UTF_8);
		assertThat(malformed(order.replace("\"price\": \"29.00\"", "\"price\": \"twenty\"")))
			.contains("line_items[0].price");
		assertThat(malformed(order.replace("\"line_items\"", "\"items\""))).contains("line_items");
		assertThat(malformed(order.replace("\"currency\": \"EUR\"", "\"currency\": \"JPY\"")))
			.as("JPY has no minor units")
			.contains("JPY");
	}

	@Test
	void aBodyOverTheChannelsLimitIsRefusedBeforeItIsRead() {
		byte[] large = ("{\"note\": \"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
		assertThat(post("test-shop", large, sign(large, SHOP), "X-Shopify-Hmac-Sha256", null)).hasStatus(413)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void anUnknownChannelIsNotFound() {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		assertThat(post("no-such-channel", body, sign(body, SHOP), "X-Shopify-Hmac-Sha256", null)).hasStatus(404);
	}

	@Test
	void aTillSaleWithoutAddressBelongsToTheGuestsEmail() {
		String email = "till-guest-" + UUID.randomUUID() + "@example.com";
		String sale = ShopifyPayloads.sale("BER-1-" + UUID.randomUUID(), email, "JPY", "1500");
		MvcTestResult result = post("test-till", sale.getBytes(StandardCharsets.UTF_8),
				sign(sale.getBytes(StandardCharsets.UTF_8), "test-till-secret"), "X-Concierge-Hmac-Sha256", null);
		assertThat(result).hasStatus(202);

		String number = accepted("test-till", read(result, "$.id"));
		OrderDetails order = this.orders.details(number);
		assertThat(order.shipTo()).isNull();
		assertThat(order.totals().grandTotal().amount()).isEqualByComparingTo("3000");
		assertThat(this.queries.guest(number, email)).isPresent();
		String someoneElse = TestLogins.customer(this.accounts).email();
		assertThat(this.mvc.get().uri("/orders/{n}", number).with(user(someoneElse).roles("CUSTOMER"))).hasStatus(404);
	}

	@Test
	void aFullQueueAsksTheSenderToComeBackLater() {
		// three waiting submissions not due for a day fill test-till's queue
		for (int i = 0; i < 3; i++) {
			this.jdbc.sql("""
					insert into intake_submission (id, channel_key, format, external_reference, payload, order_total,
					  currency, received_at, priority, state, next_attempt_at)
					values (?, 'test-till', 'POINT_OF_SALE', ?, '\\x7b7d', 0, 'EUR', now(), 5, 'RECEIVED',
					  now() + interval '1 day')""").params(UUID.randomUUID(), "waiting-" + UUID.randomUUID()).update();
		}
		try {
			byte[] sale = ShopifyPayloads.sale("BER-2-" + UUID.randomUUID(), "guest@example.com", "EUR", "12.50")
				.getBytes(StandardCharsets.UTF_8);
			assertThat(post("test-till", sale, sign(sale, "test-till-secret"), "X-Concierge-Hmac-Sha256", null))
				.hasStatus(429)
				.hasHeader("Retry-After", "30");
		}
		finally {
			this.jdbc.sql("delete from intake_submission where external_reference like 'waiting-%'").update();
		}
	}

	@Test
	void aSubmissionThatCannotBecomeAnOrderIsADeadLetterWithItsReason() {
		// stored by an earlier version that read it differently
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into intake_submission (id, channel_key, format, external_reference, payload, order_total,
				  currency, received_at, priority, state, next_attempt_at)
				values (?, 'test-shop', 'SHOPIFY', ?, ?, 0, 'EUR', now(), 5, 'RECEIVED', now())""")
			.params(id, "legacy-" + id, "{\"id\": 1}".getBytes(StandardCharsets.UTF_8))
			.update();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(status("test-shop", id.toString())).hasStatusOk()
				.bodyJson()
				.extractingPath("$.state")
				.isEqualTo("REJECTED"));
		assertThat(read(status("test-shop", id.toString()), "$.reasonCode")).isEqualTo("MALFORMED");
		assertThat(read(status("test-shop", id.toString()), "$.reason")).contains("currency");
	}

	@Test
	void onlyOperationsOrAnIntakeKeySeeWhatBecameOfASubmission() {
		assertThat(this.mvc.get().uri("/api/intake/test-shop/submissions/{id}", UUID.randomUUID())).hasStatus(401);
		assertThat(this.mvc.get()
			.uri("/api/intake/test-shop/submissions/{id}", UUID.randomUUID())
			.with(user("customer@example.com").roles("CUSTOMER"))).hasStatus(403);
		assertThat(status("test-shop", UUID.randomUUID().toString())).hasStatus(404);
	}

	private String malformed(String json) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		MvcTestResult result = post("test-shop", body, sign(body, SHOP), "X-Shopify-Hmac-Sha256", null);
		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return read(result, "$.detail");
	}

	private String accepted(String channel, String submission) {
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(read(status(channel, submission), "$.state")).isEqualTo("ACCEPTED"));
		return read(status(channel, submission), "$.orderNumber");
	}

	private MvcTestResult status(String channel, String submission) {
		return this.mvc.get()
			.uri("/api/intake/{channel}/submissions/{id}", channel, submission)
			.with(user("operations@example.com").roles("OPERATIONS"))
			.exchange();
	}

	private MvcTestResult shopify(byte[] body, String secret, String event) {
		return post("test-shop", body, sign(body, secret), "X-Shopify-Hmac-Sha256", event);
	}

	private MvcTestResult post(String channel, byte[] body, String signature, String signatureHeader, String event) {
		var request = this.mvc.post()
			.uri("/api/intake/{channel}", channel)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
		if (signature != null) {
			request = request.header(signatureHeader, signature);
		}
		if (event != null) {
			request = request.header("X-Shopify-Event-Id", event);
		}
		return request.exchange();
	}

	private int stored(long shopifyId) {
		return this.jdbc.sql("select count(*) from intake_submission where external_reference = ?")
			.param(String.valueOf(shopifyId))
			.query(Integer.class)
			.single();
	}

	private static String read(MvcTestResult result, String path) {
		Object value = com.jayway.jsonpath.JsonPath
			.read(new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8), path);
		return String.valueOf(value);
	}

	static String sign(byte[] body, String secret) {
		return Base64.getEncoder().encodeToString(Signatures.hmacSha256(body, secret));
	}

	private static long shopifyId() {
		return 450789469000L + (long) (Math.random() * 1_000_000_000L);
	}

}
