package io.concierge;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.util.FileSystemUtils;

import io.concierge.intake.ShopifyPayloads;
import io.concierge.shared.Signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stops for ten seconds under traffic and starts again. A node of its own (a
 * JVM on a PostgreSQL of its own, so the other tests' database is never touched) takes
 * orders and serves pages throughout: meanwhile pages answer 503 with a page that says
 * what is going on, in English and German, within seconds, and the API answers 503
 * problems; every order answered 202 is stored, every other one is stored when sent
 * again, each becomes exactly one order; the signed-in session survives; and what was
 * left half done when the database went away (events handed between modules) is done once
 * it is back.
 */
class DatabaseOutageTests {

	private static final Duration OUTAGE = Duration.ofSeconds(10);

	private static final String PASSWORD = "outage passphrase " + UUID.randomUUID();

	private static final String SECRET = "test-shop-secret";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void pagesAnswer503AndNoAcceptedOrderIsLostWhilePostgresqlIsDown() throws Exception {
		Path data = Path.of("target", "outage-postgres").toAbsolutePath();
		FileSystemUtils.deleteRecursively(data);
		int port = ChildNode.freePort();
		EmbeddedPostgres postgres = postgres(data, port);
		ChildNode node = null;
		Traffic traffic = null;
		try {
			ChildNode started = ChildNode.start("outage-node", "jdbc:postgresql://localhost:" + port + "/postgres", "",
					"--concierge.documents.directory=target/outage-documents",
					"--concierge.documents.keyset=target/outage-documents-keyset.json",
					"--concierge.intake.folder-interval=PT1H",
					// the product's own wait for a connection, which the tests' shared
					// configuration raises for its busy context
					"--spring.datasource.hikari.connection-timeout=3000",
					// what the outage cut off is handed over again within the test's
					// patience
					"--spring.modulith.events.staleness.check-interval=PT2S",
					"--spring.modulith.events.staleness.published=PT15S",
					"--spring.modulith.events.staleness.processing=PT15S",
					"--spring.modulith.events.staleness.resubmitted=PT15S",
					"--concierge.events.redelivery-interval=PT2S", "--concierge.events.redelivery-min-age=PT1S");
			node = started;
			String email = customer(JdbcClient.create(postgres.getPostgresDatabase()));
			PortalClient customer = new PortalClient(started.port()).signIn(email, PASSWORD);
			assertThat(customer.get("/dashboard", "text/html").statusCode()).isEqualTo(200);

			Traffic orders = Traffic.start(this.http, started);
			traffic = orders;
			await().atMost(Duration.ofSeconds(60)).until(() -> orders.answered(202) >= 10);

			// a burst, and the database goes while its orders are being converted and
			// their events handed on: the analytics listener, held up by a lock on its
			// table, is sure to be under way for some
			Connection holdUp = postgres.getPostgresDatabase().getConnection();
			holdUp.setAutoCommit(false);
			try (Statement lock = holdUp.createStatement()) {
				lock.execute("lock table analytics_event in access exclusive mode");
			}
			List<String> burst = orders.burst(200);
			JdbcClient beforeOutage = JdbcClient.create(postgres.getPostgresDatabase());
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> beforeOutage
					.sql("select count(*) from intake_submission where external_reference in (:burst)"
							+ " and state = 'ACCEPTED'")
					.param("burst", burst)
					.query(Integer.class)
					.single() >= 40);
			postgres.close();
			holdUp.close();
			Instant down = Instant.now();
			List<Probe> pages = new ArrayList<>();
			while (Instant.now().isBefore(down.plus(OUTAGE))) {
				pages.add(probe(() -> customer.get("/dashboard", "text/html")));
				pages.add(probe(() -> page(started, "/login", "en")));
				pages.add(probe(() -> page(started, "/help", "de")));
			}
			postgres = postgres(data, port);
			Instant up = Instant.now();
			JdbcClient database = JdbcClient.create(postgres.getPostgresDatabase());
			int cutOff = database
				.sql("select count(*) from event_publication where completion_date is null and publication_date < ?")
				.param(java.sql.Timestamp.from(down))
				.query(Integer.class)
				.single();

			await().atMost(Duration.ofSeconds(60))
				.until(() -> customer.get("/dashboard", "text/html").statusCode() == 200);
			int before = orders.answered(202);
			await().atMost(Duration.ofSeconds(60)).until(() -> orders.answered(202) >= before + 10);
			orders.stop();

			// pages while it was down: a clear 503 within seconds, not an error page, not
			// a
			// hang
			List<Probe> whileDown = pages.stream().filter((probe) -> probe.at().isBefore(up)).toList();
			assertThat(whileDown).filteredOn((probe) -> probe.status() == 503).isNotEmpty();
			assertThat(whileDown).allSatisfy((probe) -> {
				assertThat(probe.status()).as(probe.body()).isIn(200, 503);
				assertThat(probe.took()).isLessThan(Duration.ofSeconds(10));
			});
			assertThat(whileDown).filteredOn((probe) -> probe.status() == 503)
				.allSatisfy((probe) -> assertThat(probe.body()).containsAnyOf(
						"Concierge cannot reach its database for a moment",
						"Concierge erreicht seine Datenbank gerade nicht"))
				.anySatisfy((probe) -> assertThat(probe.body())
					.contains("Concierge erreicht seine Datenbank gerade nicht"));

			// the API: stored (202 or, sent again, 200) or refused (503), nothing else
			assertThat(orders.statuses()).as("every answer")
				.allSatisfy((status) -> assertThat(status).isIn(200, 202, 503));
			assertThat(orders.refusals()).as("refused while down").isNotEmpty().allSatisfy((refusal) -> {
				assertThat(refusal.headers().firstValue("Content-Type")).hasValue("application/problem+json");
				assertThat(refusal.headers().firstValue("Retry-After")).isPresent();
				assertThat(refusal.body()).contains("Nothing was stored");
			});

			List<UUID> acknowledged = orders.acknowledged();
			assertThat(database.sql("select count(*) from intake_submission where id in (:ids)")
				.param("ids", acknowledged)
				.query(Integer.class)
				.single()).as("no 202 lost").isEqualTo(acknowledged.size());

			// the refused ones sent again: each order once
			orders.resendRefused();
			List<String> sent = orders.orders();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> database
					.sql("select count(*) from intake_submission where external_reference in (:sent)"
							+ " and state = 'ACCEPTED'")
					.param("sent", sent)
					.query(Integer.class)
					.single() == sent.size());
			assertThat(database
				.sql("select count(*), count(distinct external_reference) from customer_order"
						+ " where external_reference in (:sent)")
				.param("sent", sent)
				.query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2)))
				.single()).as("each order once").containsExactly(sent.size(), sent.size());

			// the events handed between modules when it went away are done once it is
			// back
			assertThat(cutOff).as("events cut off by the outage").isPositive();
			await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> database.sql("select count(*) from event_publication where completion_date is null")
					.query(Integer.class)
					.single() == 0);
			assertThat(database
				.sql("""
						select count(*) from customer_order o where o.external_reference in (:sent)
						  and (select count(*) from analytics_event a where a.kind = 'ORDER_PLACED' and a.subject = o.number) <> 1""")
				.param("sent", sent)
				.query(Integer.class)
				.single()).as("orders whose event was taken in other than once").isZero();
			System.out.printf(
					"Outage of %s s: %d pages probed (%d answered 503), %d orders, %d refused, %d events cut off%n",
					OUTAGE.toSeconds(), whileDown.size(), whileDown.stream().filter((p) -> p.status() == 503).count(),
					sent.size(), orders.refusals().size(), cutOff);
		}
		finally {
			if (traffic != null) {
				traffic.stop();
			}
			if (node != null) {
				node.kill();
			}
			postgres.close();
		}
	}

	private HttpResponse<String> page(ChildNode node, String path, String language) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(node.url(path)))
			.header("Accept", "text/html")
			.header("Accept-Language", language)
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static Probe probe(Request request) throws Exception {
		Instant at = Instant.now();
		long started = System.nanoTime();
		HttpResponse<String> response = request.send();
		return new Probe(at, response.statusCode(), Duration.ofNanos(System.nanoTime() - started), response.body());
	}

	/**
	 * A customer of the node's database, made there directly: the node has no other
	 * accounts.
	 */
	private static String customer(JdbcClient database) {
		String email = "outage-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		database.sql("""
				insert into account (id, email, display_name, password_hash, role, email_verified, created_at)
				values (?, ?, 'Outage Customer', ?, 'CUSTOMER', true, now())""")
			.params(UUID.randomUUID(), email,
					"{argon2}" + Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(PASSWORD))
			.update();
		return email;
	}

	/**
	 * A PostgreSQL of its own on this data directory and port; the same again after a
	 * stop, on the data it left.
	 */
	private static EmbeddedPostgres postgres(Path data, int port) throws IOException {
		return EmbeddedPostgres.builder()
			.setDataDirectory(data)
			.setCleanDataDirectory(false)
			.setPort(port)
			.setServerConfig("max_connections", "100")
			.start();
	}

	@FunctionalInterface
	interface Request {

		HttpResponse<String> send() throws Exception;

	}

	record Probe(Instant at, int status, Duration took, String body) {

	}

	/**
	 * A shop sending orders one after the other, each answered before the next goes.
	 */
	static final class Traffic {

		private final HttpClient http;

		private final ChildNode node;

		private final Map<String, List<HttpResponse<String>>> answers = new ConcurrentHashMap<>();

		private final List<String> sent = new CopyOnWriteArrayList<>();

		private volatile boolean running = true;

		private final Thread sender;

		private Traffic(HttpClient http, ChildNode node) {
			this.http = http;
			this.node = node;
			this.sender = Thread.ofVirtual().name("outage-traffic").start(this::run);
		}

		static Traffic start(HttpClient http, ChildNode node) {
			return new Traffic(http, node);
		}

		private void run() {
			long first = 880_000_000_000L + (long) (Math.random() * 1_000_000_000L) * 1_000;
			for (int i = 0; this.running; i++) {
				String reference = String.valueOf(first + i);
				this.sent.add(reference);
				send(reference);
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		private HttpResponse<String> send(String reference) {
			byte[] body = ShopifyPayloads.order(Long.parseLong(reference), "outage-" + reference + "@example.com");
			HttpResponse<String> response;
			try {
				response = this.http.send(HttpRequest.newBuilder(URI.create(this.node.url("/api/intake/test-shop")))
					.header("Content-Type", "application/json")
					.header("X-Shopify-Hmac-Sha256",
							Base64.getEncoder().encodeToString(Signatures.hmacSha256(body, SECRET)))
					.header("X-Shopify-Event-Id", "outage-" + reference)
					.timeout(Duration.ofSeconds(60))
					.POST(HttpRequest.BodyPublishers.ofByteArray(body))
					.build(), HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException | InterruptedException ex) {
				throw new IllegalStateException("No answer for order " + reference, ex);
			}
			this.answers.computeIfAbsent(reference, (key) -> new CopyOnWriteArrayList<>()).add(response);
			return response;
		}

		/**
		 * Sends so many orders at once, each answered before this returns.
		 * @return their references
		 */
		List<String> burst(int count) throws InterruptedException {
			long first = 870_000_000_000L + (long) (Math.random() * 1_000_000_000L) * 1_000;
			List<Thread> senders = new ArrayList<>();
			List<String> references = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String reference = String.valueOf(first + i);
				references.add(reference);
				this.sent.add(reference);
				senders.add(Thread.ofVirtual().start(() -> send(reference)));
			}
			for (Thread sender : senders) {
				sender.join();
			}
			return references;
		}

		void stop() throws InterruptedException {
			this.running = false;
			this.sender.join(Duration.ofSeconds(90));
		}

		int answered(int status) {
			return (int) statuses().stream().filter((answer) -> answer == status).count();
		}

		List<Integer> statuses() {
			return this.answers.values().stream().flatMap(List::stream).map(HttpResponse::statusCode).toList();
		}

		List<HttpResponse<String>> refusals() {
			return this.answers.values()
				.stream()
				.flatMap(List::stream)
				.filter((answer) -> answer.statusCode() == 503)
				.toList();
		}

		/**
		 * The submissions answered 202 or 200: stored, by their word.
		 */
		List<UUID> acknowledged() {
			return this.answers.values()
				.stream()
				.flatMap(List::stream)
				.filter((answer) -> answer.statusCode() == 202 || answer.statusCode() == 200)
				.map((answer) -> answer.headers().firstValue("Location").orElseThrow())
				.map((location) -> UUID.fromString(location.substring(location.lastIndexOf('/') + 1)))
				.toList();
		}

		/**
		 * Sends each order whose last answer was a refusal again, until it is taken.
		 */
		void resendRefused() {
			for (String reference : this.sent) {
				List<HttpResponse<String>> got = this.answers.get(reference);
				if (got != null && got.getLast().statusCode() == 503) {
					assertThat(send(reference).statusCode()).isIn(200, 202);
				}
			}
		}

		List<String> orders() {
			return List.copyOf(this.sent);
		}

	}

}
