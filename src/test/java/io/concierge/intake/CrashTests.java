package io.concierge.intake;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.concierge.ConciergeApplication;
import io.concierge.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node converting submissions is killed with SIGKILL in the middle of its work; once
 * the queue is worked off again, every submission is exactly one order.
 */
@IntegrationTest
class CrashTests {

	private static final int SUBMISSIONS = 1_000;

	@Autowired
	SubmissionWorkers workers;

	@Autowired
	JdbcClient jdbc;

	@Value("${spring.datasource.url}")
	String database;

	@Value("${spring.datasource.password:}")
	String password;

	@Test
	void aNodeKilledMidStreamLosesNothingAndMakesNothingTwice() throws Exception {
		String batch = "crash-" + UUID.randomUUID().toString().substring(0, 8);
		List<String> references = new ArrayList<>();
		this.workers.stop();
		Process node = null;
		try {
			for (int i = 0; i < SUBMISSIONS; i++) {
				long id = 900_000_000_000L + i + (long) (Math.random() * 1_000_000_000L) * 1_000;
				references.add(String.valueOf(id));
				this.jdbc
					.sql("""
							insert into intake_submission (id, channel_key, format, delivery_id, external_reference, payload,
							  order_total, currency, received_at, priority, state, next_attempt_at)
							values (?, 'test-shop', 'SHOPIFY', ?, ?, ?, 61.85, 'EUR', now(), 5, 'RECEIVED', now())""")
					.params(UUID.randomUUID(), batch + "-" + i, String.valueOf(id),
							ShopifyPayloads.order(id, batch + "-" + i + "@example.com"))
					.update();
			}
			// another node, a JVM of its own on the same database, takes the queue on
			ProcessBuilder builder = new ProcessBuilder(
					Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
					"-cp", System.getProperty("java.class.path"), ConciergeApplication.class.getName(),
					"--spring.datasource.url=" + this.database, "--spring.datasource.username=postgres",
					"--server.port=0", "--concierge.demo.enabled=false", "--concierge.base-url=http://localhost",
					"--concierge.billing.provider=sandbox", "--concierge.documents.scanning=off",
					"--concierge.intake.workers=4")
				.redirectErrorStream(true)
				.redirectOutput(new File("target/crash-node.log"));
			// in its environment, not on a command line every user of the machine can
			// read
			builder.environment().put("SPRING_DATASOURCE_PASSWORD", this.password);
			node = builder.start();
			await().atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> accepted(batch) >= 50);

			node.destroyForcibly().waitFor();

			int before = accepted(batch);
			assertThat(before).as("killed in the middle of the work").isBetween(50, SUBMISSIONS - 1);
		}
		finally {
			if (node != null) {
				node.destroyForcibly();
			}
			this.workers.start();
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> accepted(batch) == SUBMISSIONS);
		assertThat(this.jdbc
			.sql("""
					select count(*), count(distinct o.id) from intake_submission s
					join customer_order o on o.number = s.order_number
					where s.delivery_id like ? and o.channel = 'WEB_SHOP' and o.external_reference = s.external_reference""")
			.param(batch + "-%")
			.query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2)))
			.single()).containsExactly(SUBMISSIONS, SUBMISSIONS);
		assertThat(this.jdbc.sql("select count(*) from customer_order where external_reference in (:references)")
			.param("references", references)
			.query(Integer.class)
			.single()).as("no order twice").isEqualTo(SUBMISSIONS);
	}

	private int accepted(String batch) {
		return this.jdbc.sql("select count(*) from intake_submission where delivery_id like ? and state = 'ACCEPTED'")
			.param(batch + "-%")
			.query(Integer.class)
			.single();
	}

}
