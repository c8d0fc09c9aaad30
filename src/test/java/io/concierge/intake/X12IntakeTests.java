package io.concierge.intake;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import io.concierge.IntegrationTest;
import io.concierge.orders.OrderManagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * EDI purchase orders over HTTP and through the inbound folder: each order taken, a 997
 * for every interchange and an 855 for every order placed, fetched by the partner with a
 * signed request.
 */
@IntegrationTest
class X12IntakeTests {

	private static final String SECRET = "test-edi-secret";

	private static final Path INBOUND = Path.of("target/test-edi");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OrderManagement orders;

	@Test
	void anInterchangeBecomesOrdersAndIsAcknowledgedWithA997AndAn855PerOrder() {
		String prefix = "NW-" + UUID.randomUUID().toString().substring(0, 8);
		byte[] body = X12Samples.purchaseOrders(prefix, control()).getBytes(StandardCharsets.UTF_8);
		Instant before = Instant.now().minusSeconds(1);

		MvcTestResult result = post(body, IntakeApiTests.sign(body, SECRET));
		assertThat(result).hasStatus(202);
		String json = text(result);
		assertThat((List<?>) JsonPath.read(json, "$.orders")).hasSize(2);
		String acknowledgement = JsonPath.read(json, "$.acknowledgement");
		assertThat(fetch("/api/intake/test-edi/acknowledgements/" + acknowledgement)).hasStatusOk()
			.hasContentType("application/edi-x12;charset=UTF-8")
			.bodyText()
			.contains("ST|997|0001~")
			.contains("AK9|A|2|2|2~");

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc
				.sql("select count(*) from intake_submission where external_reference like ? "
						+ "and state = 'ACCEPTED'")
				.param(prefix + "-%")
				.query(Integer.class)
				.single(), (n) -> n == 2);
		String number = this.jdbc.sql("select order_number from intake_submission where external_reference = ?")
			.param(prefix + "-1")
			.query(String.class)
			.single();
		assertThat(this.orders.details(number).purchaseOrder()).isEqualTo(prefix + "-1");
		assertThat(this.orders.details(number).totals().grandTotal().amount()).isEqualByComparingTo("191.24");

		String list = text(fetch("/api/intake/test-edi/acknowledgements?after=" + before));
		List<String> accepted = JsonPath.read(list, "$[?(@.kind == '855' && @.reference == '" + prefix + "-1')].id");
		assertThat(accepted).hasSize(1);
		assertThat(fetch("/api/intake/test-edi/acknowledgements/" + accepted.getFirst())).bodyText()
			.contains("BAK|00|AC|" + prefix + "-1|20261120||||" + number);

		assertThat(post(body, IntakeApiTests.sign(body, SECRET))).as("the same interchange again").hasStatus(200);
	}

	@Test
	void aPartnerFetchesOnlyWithASignatureOfItsOwnAndARecentTimestamp() {
		String path = "/api/intake/test-edi/acknowledgements";
		long now = Instant.now().getEpochSecond();
		assertThat(this.mvc.get().uri(path)).hasStatus(401);
		assertThat(this.mvc.get()
			.uri(path)
			.header("X-Concierge-Timestamp", now)
			.header("X-Concierge-Hmac-Sha256", signature(now, path, "test-csv-secret"))).hasStatus(401);
		long old = now - 600;
		assertThat(this.mvc.get()
			.uri(path)
			.header("X-Concierge-Timestamp", old)
			.header("X-Concierge-Hmac-Sha256", signature(old, path, SECRET))).hasStatus(401);
		assertThat(fetch(path)).hasStatusOk();
	}

	@Test
	void anInterchangeWithWrongCountsTakesNothingAndItsRejectionIsAcknowledged() {
		String prefix = "NW-" + UUID.randomUUID().toString().substring(0, 8);
		int control = control();
		byte[] body = X12Samples.purchaseOrders(prefix, control)
			.replace("GE|2|" + control, "GE|1|" + control)
			.getBytes(StandardCharsets.UTF_8);

		MvcTestResult result = post(body, IntakeApiTests.sign(body, SECRET));
		assertThat(result).hasStatus(400).bodyJson().extractingPath("$.problems[0].column").isEqualTo("GE01");
		String acknowledgement = JsonPath.read(text(result), "$.acknowledgement");
		assertThat(fetch("/api/intake/test-edi/acknowledgements/" + acknowledgement)).bodyText()
			.contains("AK9|R|2|2|0|5~");
		assertThat(this.jdbc.sql("select count(*) from intake_submission where external_reference like ?")
			.param(prefix + "-%")
			.query(Integer.class)
			.single()).isZero();

		byte[] unsigned = X12Samples.purchaseOrders(prefix, control).getBytes(StandardCharsets.UTF_8);
		assertThat(post(unsigned, IntakeApiTests.sign(body, SECRET))).hasStatus(401);
	}

	@Test
	void anInterchangeDroppedIntoTheInboundFolderIsTakenMovedAndAnswered() throws Exception {
		String prefix = "NW-" + UUID.randomUUID().toString().substring(0, 8);
		Files.createDirectories(INBOUND);
		Path part = INBOUND.resolve(prefix + ".x12.part");
		Files.writeString(part, X12Samples.purchaseOrders(prefix, control()));
		Files.move(part, INBOUND.resolve(prefix + ".x12"));
		Files.writeString(INBOUND.resolve(prefix + "-broken.x12"), "not an interchange");

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc
				.sql("select count(*) from intake_submission where external_reference like ? "
						+ "and state = 'ACCEPTED'")
				.param(prefix + "-%")
				.query(Integer.class)
				.single(), (n) -> n == 2);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(files(INBOUND.resolve("processed"))).anyMatch((name) -> name.endsWith(prefix + ".x12"));
			assertThat(files(INBOUND.resolve("rejected")))
				.anyMatch((name) -> name.endsWith(prefix + "-broken.x12.problems.txt"));
			assertThat(files(INBOUND.resolve("outbound"))).anyMatch((name) -> name.startsWith("855-"));
		});
		assertThat(INBOUND.resolve(prefix + ".x12")).doesNotExist();
	}

	private MvcTestResult post(byte[] body, String signature) {
		return this.mvc.post()
			.uri("/api/intake/test-edi")
			.contentType(MediaType.valueOf("application/edi-x12"))
			.header("X-Concierge-Hmac-Sha256", signature)
			.content(body)
			.exchange();
	}

	private MvcTestResult fetch(String target) {
		long now = Instant.now().getEpochSecond();
		return this.mvc.get()
			.uri(target)
			.header("X-Concierge-Timestamp", now)
			.header("X-Concierge-Hmac-Sha256", signature(now, target, SECRET))
			.exchange();
	}

	private static String text(MvcTestResult result) {
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	private static String signature(long timestamp, String target, String secret) {
		return IntakeApiTests.sign((timestamp + "\n" + target).getBytes(StandardCharsets.UTF_8), secret);
	}

	private static List<String> files(Path folder) throws java.io.IOException {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

	private static int control() {
		return ThreadLocalRandom.current().nextInt(1, 999_999_999);
	}

}
