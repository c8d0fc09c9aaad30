package io.concierge;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Principal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import io.concierge.identity.Accounts;
import io.concierge.identity.ApiKeys;
import io.concierge.identity.Callers;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.intake.ShopifyPayloads;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.OrderQueries;
import io.concierge.orders.Orders;
import io.concierge.shared.Signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Horizontal scale on one machine: this test's application is node A; node B is a second
 * JVM on another port, with a search index of its own, on the same PostgreSQL. What one
 * node does, the other sees: sessions, live order pages, search, and the intake queue.
 * See docs/scaling.md.
 */
@IntegrationTest
@TestInstance(Lifecycle.PER_CLASS)
class TwoNodesTests {

	private static final Duration START_UP = Duration.ofSeconds(120);

	private static final String NODE_B = "concierge-node-b";

	private static final Path NODE_B_LOG = Path.of("target", "node-b.log");

	private static final int SUBMISSIONS = 100;

	@LocalServerPort
	int portA;

	@Value("${spring.datasource.url}")
	String database;

	@Value("${spring.datasource.username}")
	String username;

	@Value("${spring.datasource.password:}")
	String password;

	@Autowired
	Accounts accounts;

	@Autowired
	Callers callers;

	@Autowired
	OrderManagement management;

	@Autowired
	OrderQueries queries;

	@Autowired
	ApiKeys keys;

	@Autowired
	JdbcClient jdbc;

	private final HttpClient http = HttpClient.newHttpClient();

	private Process nodeB;

	private int portB;

	/**
	 * An order placed before node B started: node B knows it from its index's rebuild.
	 */
	private String placedBeforeNodeB;

	/** What node B found for it as soon as it said it was ready. */
	private List<String> foundOnNodeBWhenReady;

	@BeforeAll
	void startNodeB() throws Exception {
		TestLogin customer = TestLogins.customer(this.accounts);
		this.placedBeforeNodeB = place(customer, "JAR-08", "Glass storage jar");
		this.portB = freePort();
		Path index = Path.of("target", "node-b", "search");
		FileSystemUtils.deleteRecursively(index);
		// its database connections say whose they are, so the test can tell the nodes'
		// work apart
		String url = this.database + (this.database.contains("?") ? "&" : "?") + "ApplicationName=" + NODE_B;
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				ConciergeApplication.class.getName(), "--spring.datasource.url=" + url,
				"--spring.datasource.username=" + this.username, "--server.port=" + this.portB,
				"--concierge.demo.enabled=false", "--concierge.base-url=http://localhost:" + this.portB,
				"--concierge.billing.provider=sandbox", "--concierge.documents.scanning=off",
				"--spring.jpa.properties.hibernate.search.backend.directory.type=local-filesystem",
				"--concierge.search.index-directory=" + index.toAbsolutePath())
			.redirectErrorStream(true)
			.redirectOutput(NODE_B_LOG.toFile());
		// in its environment, not on a command line every user of the machine can read
		builder.environment().put("SPRING_DATASOURCE_PASSWORD", this.password);
		this.nodeB = builder.start();
		Process started = this.nodeB;
		Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
		await("node B ready on port " + this.portB + " (log: " + NODE_B_LOG + ")").atMost(START_UP)
			.pollInterval(Duration.ofMillis(250))
			.until(this::nodeBReady);
		this.foundOnNodeBWhenReady = searchOnB(signInOnA(customer), "storage jar", null);
	}

	@AfterAll
	void stopNodeB() throws InterruptedException {
		if (this.nodeB != null) {
			this.nodeB.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void aSessionMadeOnOneNodeWorksOnTheOther() {
		TestLogin customer = TestLogins.customer(this.accounts);
		String number = place(customer, "MUG-01", "Stoneware mug");
		String session = signInOnA(customer);

		HttpResponse<String> anonymous = new PortalClient(this.portB).get("/orders/" + number, "text/html");
		assertThat(anonymous.statusCode()).as("without the session").isEqualTo(302);
		HttpResponse<String> page = new PortalClient(this.portB).withCookie("__Host-CONCIERGE_SESSION", session)
			.get("/orders/" + number, "text/html");
		assertThat(page.statusCode()).as("with node A's session").isEqualTo(200);
		assertThat(page.body()).contains(number);
	}

	@Test
	void aFulfilmentEventPostedToOneNodeReachesAnOrderPageOpenOnTheOther() throws Exception {
		TestLogin customer = TestLogins.customer(this.accounts);
		String number = place(customer, "POT-07", "Cast iron teapot");
		String session = signInOnA(customer);

		try (EventStream page = EventStream.open(this.http, nodeB("/orders/" + number + "/live"), session)) {
			page.awaitLine(":following"::equals, Duration.ofSeconds(5));
			assertThat(shipOnA(number).statusCode()).isEqualTo(200);
			long version = this.queries.version(number).getAsLong();

			List<String> event = page.awaitLine((line) -> line.startsWith("data:"), Duration.ofSeconds(5));

			assertThat(event).contains("event:order", "id:" + version);
		}
	}

	@Test
	void aNodeTakesTrafficOnlyOnceItsSearchIndexHoldsEveryOrder() {
		assertThat(this.foundOnNodeBWhenReady).containsExactly(this.placedBeforeNodeB);
	}

	@Test
	void aSearchOnOneNodeFindsAnOrderChangedOnTheOtherWithinASecond() throws Exception {
		TestLogin customer = TestLogins.customer(this.accounts);
		String number = place(customer, "KTL-02", "Stovetop kettle");
		String session = signInOnA(customer);
		await("the new order in node B's index").atMost(Duration.ofSeconds(1))
			.until(() -> searchOnB(session, "kettle", null).contains(number));
		assertThat(searchOnB(session, "kettle", "SHIPPED")).isEmpty();

		assertThat(shipOnA(number).statusCode()).isEqualTo(200);

		await("the shipped order in node B's index").atMost(Duration.ofSeconds(1))
			.until(() -> searchOnB(session, "kettle", "SHIPPED").contains(number));
	}

	@Test
	void submissionsPostedToBothNodesBecomeOneOrderEachWhicheverNodeConvertsThem() throws Exception {
		List<String> references = new ArrayList<>();
		Map<String, Set<String>> placedBy;
		try (Connection listener = DriverManager.getConnection(this.database, this.username, this.password)) {
			try (Statement statement = listener.createStatement()) {
				statement.execute("listen order_changed");
			}
			List<CompletableFuture<HttpResponse<String>>> posted = new ArrayList<>();
			for (int i = 0; i < SUBMISSIONS; i++) {
				long id = 700_000_000_000L + ThreadLocalRandom.current().nextLong(100_000_000_000L);
				references.add(String.valueOf(id));
				posted.add(submit((i % 2 == 0) ? this.portA : this.portB, id));
			}
			assertThat(posted).allSatisfy((response) -> assertThat(response.join().statusCode()).isEqualTo(202));
			await("every submission accepted").atMost(Duration.ofSeconds(30))
				.until(() -> accepted(references).size() == SUBMISSIONS);
			placedBy = announcers(listener, accepted(references));
		}

		assertThat(this.jdbc.sql("""
				select count(*), count(distinct o.id) from intake_submission s
				join customer_order o on o.number = s.order_number and o.external_reference = s.external_reference
				where s.channel_key = 'test-shop' and s.external_reference in (:references)""")
			.param("references", references)
			.query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2)))
			.single()).as("one order per submission").containsExactly(SUBMISSIONS, SUBMISSIONS);
		assertThat(this.jdbc.sql("select count(*) from customer_order where external_reference in (:references)")
			.param("references", references)
			.query(Integer.class)
			.single()).as("no order twice").isEqualTo(SUBMISSIONS);
		assertThat(placedBy).as("every order announced as placed").hasSize(SUBMISSIONS);
		assertThat(placedBy.values()).as("each placed by one node").allSatisfy((nodes) -> assertThat(nodes).hasSize(1));
		assertThat(placedBy.values()).as("placed by both nodes").flatMap((nodes) -> nodes).contains("node A", "node B");
	}

	/**
	 * A Shopify order, signed with the test shop's secret, posted to a node's intake.
	 */
	private CompletableFuture<HttpResponse<String>> submit(int port, long shopifyId) {
		byte[] body = ShopifyPayloads.order(shopifyId, "two-nodes-" + shopifyId + "@example.com");
		String signature = Base64.getEncoder().encodeToString(Signatures.hmacSha256(body, "test-shop-secret"));
		return this.http
			.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/intake/test-shop"))
				.header("Content-Type", "application/json")
				.header("X-Shopify-Hmac-Sha256", signature)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Which node announced each of these orders' changes, as told by the database
	 * connection that sent the notification: node B's connections carry its name.
	 */
	private Map<String, Set<String>> announcers(Connection listener, Collection<String> numbers) throws SQLException {
		Set<Integer> nodeB = new HashSet<>(this.jdbc.sql("select pid from pg_stat_activity where application_name = ?")
			.param(NODE_B)
			.query(Integer.class)
			.list());
		Map<String, Set<String>> announcers = new HashMap<>();
		PGConnection postgres = listener.unwrap(PGConnection.class);
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (!announcers.keySet().containsAll(numbers) && System.nanoTime() < deadline) {
			PGNotification[] notifications = postgres.getNotifications(200);
			for (PGNotification notification : (notifications != null) ? notifications : new PGNotification[0]) {
				String payload = notification.getParameter();
				String number = payload.substring(payload.indexOf('|') + 1);
				if (numbers.contains(number)) {
					announcers.computeIfAbsent(number, (key) -> new HashSet<>())
						.add(nodeB.contains(notification.getPID()) ? "node B" : "node A");
				}
			}
		}
		return announcers;
	}

	private List<String> accepted(List<String> references) {
		return this.jdbc.sql("""
				select order_number from intake_submission
				where channel_key = 'test-shop' and external_reference in (:references) and state = 'ACCEPTED'""")
			.param("references", references)
			.query(String.class)
			.list();
	}

	private String place(TestLogin customer, String sku, String product) {
		UUID account = this.callers.of((Principal) customer::email).account();
		return this.management.place(Orders.of(account, null, Orders.PLACED, sku, product));
	}

	private String signInOnA(TestLogin customer) {
		return new PortalClient(this.portA).signIn(customer.email(), customer.password())
			.cookie("__Host-CONCIERGE_SESSION");
	}

	/**
	 * The warehouse reports the whole order shipped, to node A.
	 */
	private HttpResponse<String> shipOnA(String number) throws IOException, InterruptedException {
		String key = this.keys.create("Warehouse " + UUID.randomUUID(), Set.of(ApiKeys.FULFILMENT), "test", "test");
		String event = """
				{"eventId": "%s", "orderNumber": "%s", "type": "SHIPPED", "occurredAt": "2026-11-03T10:00:00Z",
				 "carrier": "DHL", "trackingNumber": "SIM%d"}""".formatted(UUID.randomUUID(), number,
				System.nanoTime());
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.portA + "/api/fulfilment/events"))
				.header("Authorization", "Bearer " + key)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(event))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * The numbers of the customer's orders that node B finds.
	 */
	private List<String> searchOnB(String session, String text, String status)
			throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(nodeB("/api/orders?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
					+ ((status != null) ? "&status=" + status : "")))
			.header("Cookie", "__Host-CONCIERGE_SESSION=" + session)
			.header("Accept", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JsonPath.read(response.body(), "$.orders[*].number");
	}

	private boolean nodeBReady() throws InterruptedException {
		if (!this.nodeB.isAlive()) {
			throw new IllegalStateException(
					"Node B stopped with exit code " + this.nodeB.exitValue() + "; see " + NODE_B_LOG.toAbsolutePath());
		}
		try {
			return this.http
				.send(HttpRequest.newBuilder(nodeB("/actuator/health/readiness")).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException notYetListening) {
			return false;
		}
	}

	private URI nodeB(String path) {
		return URI.create("http://localhost:" + this.portB + path);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * An order page's event stream, read line by line as it comes.
	 */
	private static final class EventStream implements AutoCloseable {

		private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

		private final Stream<String> body;

		private EventStream(Stream<String> body) {
			this.body = body;
			Thread.ofVirtual().start(() -> body.forEach(this.lines::add));
		}

		static EventStream open(HttpClient http, URI uri, String session) throws IOException, InterruptedException {
			HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(uri)
				.header("Accept", "text/event-stream")
				.header("Cookie", "__Host-CONCIERGE_SESSION=" + session)
				.build(), HttpResponse.BodyHandlers.ofLines());
			assertThat(response.statusCode()).isEqualTo(200);
			return new EventStream(response.body());
		}

		/**
		 * The lines read until one that matches, that one included.
		 */
		List<String> awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
			List<String> read = new ArrayList<>();
			long deadline = System.nanoTime() + timeout.toNanos();
			while (true) {
				String line = this.lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				assertThat(line).as("a line within " + timeout + " after " + read).isNotNull();
				read.add(line);
				if (match.test(line)) {
					return read;
				}
			}
		}

		@Override
		public void close() {
			this.body.close();
		}

	}

}
