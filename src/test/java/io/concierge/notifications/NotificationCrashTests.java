package io.concierge.notifications;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.concierge.ConciergeApplication;
import io.concierge.IntegrationTest;
import io.concierge.identity.Accounts;
import io.concierge.identity.ApiKeys;
import io.concierge.identity.Callers;
import io.concierge.identity.TestLogins;
import io.concierge.identity.TestLogins.TestLogin;
import io.concierge.orders.OrderEvents.OrderShipped;
import io.concierge.orders.OrderManagement;
import io.concierge.orders.Orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node telling customers their orders shipped is killed with SIGKILL while it renders
 * the mails and before it has sent any; the events it left are replayed, the outbox is
 * delivered, and then everything is replayed once more: each customer gets each mail
 * exactly once.
 */
@IntegrationTest
class NotificationCrashTests {

	private static final int ORDERS = 30;

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
		.withPerMethodLifecycle(false);

	@Autowired
	Accounts accounts;

	@Autowired
	Callers callers;

	@Autowired
	OrderManagement orders;

	@Autowired
	ApiKeys keys;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OrderNotices notices;

	@Autowired
	Clock clock;

	@Value("${spring.datasource.url}")
	String database;

	@Value("${spring.datasource.password:}")
	String password;

	@Test
	void aNodeKilledBetweenRenderingAndSendingLosesNoMailAndSendsNoneTwice() throws Exception {
		TestLogin customer = TestLogins.customer(this.accounts);
		UUID account = this.callers.of((Principal) customer::email).account();
		List<String> numbers = new ArrayList<>();
		for (int i = 0; i < ORDERS; i++) {
			numbers.add(this.orders.place(Orders.of(account, null, Orders.PLACED, "MUG-01", "Stoneware mug")));
		}
		HttpClient http = HttpClient.newHttpClient();
		// another node, a JVM of its own on the same database, with a mail server it
		// would
		// only use in an hour
		Node node = start(http, "crash-node", "--concierge.mail.delivery-interval=PT1H");
		try {
			String key = this.keys.create("Warehouse " + UUID.randomUUID(), Set.of(ApiKeys.FULFILMENT), "test", "test");
			List<CompletableFuture<HttpResponse<String>>> shipped = numbers.stream()
				.map((number) -> ship(http, node.port(), key, number))
				.toList();
			assertThat(shipped).allSatisfy((response) -> assertThat(response.join().statusCode()).isEqualTo(200));
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> rendered(account) >= 1);

			node.process().destroyForcibly().waitFor();
		}
		finally {
			node.process().destroyForcibly();
		}
		int renderedBeforeTheKill = rendered(account);
		assertThat(pending(account)).as("rendered, none sent").isEqualTo(renderedBeforeTheKill);

		// the node comes back: it replays what it had not finished, and sends the outbox
		Node restarted = start(http, "restarted-node", "--concierge.mail.delivery-interval=PT0.5S");
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> mailedTo(customer.email()).size() >= ORDERS);
			// and then everything once more, as if the registry replayed it all
			shipments(numbers).forEach(this.notices::on);
			Thread.sleep(2_000);
		}
		finally {
			restarted.process().destroyForcibly().waitFor();
		}

		List<String> subjects = mailedTo(customer.email());
		assertThat(subjects).as("one mail per order").hasSize(ORDERS).doesNotHaveDuplicates();
		assertThat(numbers)
			.allSatisfy((number) -> assertThat(subjects).contains("Your order " + number + " is on its way"));
		assertThat(this.jdbc.sql("select count(*) from notification where account = ? and kind = 'ORDER_SHIPPED'")
			.param(account)
			.query(Integer.class)
			.single()).as("one in-app and one mail notification per order").isEqualTo(2 * ORDERS);
		assertThat(this.jdbc.sql("select count(*) from notification where account = ?")
			.param(account)
			.query(Integer.class)
			.single()).as("and the same of each parcel's invoice, issued once across the crash").isEqualTo(4 * ORDERS);
		System.out.println("Rendered before the kill: " + renderedBeforeTheKill + " of " + ORDERS);
	}

	private record Node(Process process, int port) {

	}

	/**
	 * A node with a mail server, ready to take requests.
	 */
	private Node start(HttpClient http, String name, String... settings) throws Exception {
		int port = freePort();
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
						"-cp", System.getProperty("java.class.path"), ConciergeApplication.class.getName(),
						"--spring.datasource.url=" + this.database, "--spring.datasource.username=postgres",
						"--server.port=" + port, "--concierge.demo.enabled=false",
						"--concierge.base-url=http://localhost:" + port, "--concierge.billing.provider=sandbox",
						"--concierge.documents.scanning=off",
						// its burst of events waits for connections as long as it takes:
						// this
						// test is about the kill, not about shedding load
						"--spring.datasource.hikari.connection-timeout=30000", "--spring.mail.host=127.0.0.1",
						"--spring.mail.port=" + smtp.getSmtp().getPort()));
		command.addAll(List.of(settings));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(new File("target/notification-" + name + ".log"));
		// in its environment, not on a command line every user of the machine can read
		builder.environment().put("SPRING_DATASOURCE_PASSWORD", this.password);
		Process node = builder.start();
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
			if (!node.isAlive()) {
				throw new IllegalStateException("The " + name + " stopped; see target/notification-" + name + ".log");
			}
			return ready(http, port);
		});
		return new Node(node, port);
	}

	/**
	 * The shipping mails to this address (each parcel's invoice is mailed too, and is not
	 * what this test counts).
	 */
	private List<String> mailedTo(String email) {
		return Arrays.stream(smtp.getReceivedMessages())
			.filter((message) -> to(message).equals(email))
			.map(NotificationCrashTests::subject)
			.filter((subject) -> subject.contains("is on its way"))
			.toList();
	}

	private int rendered(UUID account) {
		return this.jdbc.sql(
				"select count(*) from notification where account = ? and channel = 'EMAIL' and mail_message is not null")
			.param(account)
			.query(Integer.class)
			.single();
	}

	private int pending(UUID account) {
		return this.jdbc.sql("""
				select count(*) from notification n join mail_message m on m.id = n.mail_message
				where n.account = ? and m.status = 'PENDING'""").param(account).query(Integer.class).single();
	}

	private List<OrderShipped> shipments(List<String> numbers) {
		return this.jdbc.sql("""
				select o.id, o.number, s.id from customer_order o join shipment s on s.order_id = o.id
				where o.number in (:numbers)""")
			.param("numbers", numbers)
			.query((row, n) -> new OrderShipped(row.getObject(1, UUID.class), row.getString(2),
					row.getObject(3, UUID.class), "DHL", null, null, List.of(1), this.clock.instant()))
			.list();
	}

	private static CompletableFuture<HttpResponse<String>> ship(HttpClient http, int port, String key, String number) {
		String event = """
				{"eventId": "%s", "orderNumber": "%s", "type": "SHIPPED", "occurredAt": "%s",
				 "carrier": "DHL", "trackingNumber": "SIM%d"}""".formatted(UUID.randomUUID(), number,
				java.time.Instant.now(), System.nanoTime());
		return http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/fulfilment/events"))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(event))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static boolean ready(HttpClient http, int port) throws InterruptedException {
		try {
			return http
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException notYetListening) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String to(MimeMessage message) {
		try {
			return message.getAllRecipients()[0].toString();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
