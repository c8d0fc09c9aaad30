package io.concierge.intake;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import io.concierge.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * A source whose submissions wait too long is down, in the health endpoint's details and
 * on the console, and its getting worse is announced once.
 */
@IntegrationTest
class IntakeHealthTests {

	@Autowired
	IntakeHealth health;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	@Test
	void aSourceWhoseOrdersWaitTooLongIsDownAndSaidToBe() {
		String channel = "stuck-" + UUID.randomUUID().toString().substring(0, 8);
		UUID id = UUID.randomUUID();
		// waiting, and not due before tomorrow, so no worker takes it meanwhile
		this.jdbc
			.sql("""
					insert into intake_submission (id, channel_key, format, external_reference, payload, order_total,
					  currency, received_at, priority, state, next_attempt_at)
					values (?, ?, 'POINT_OF_SALE', ?, '\\x7b7d', 0, 'EUR', now(), 5, 'RECEIVED', now() + interval '1 day')""")
			.params(id, channel, "ref-" + id)
			.update();
		try {
			this.health.watch();
			assertThat(source(channel).status()).isEqualTo(Status.UP);

			this.jdbc.sql("update intake_submission set received_at = now() - interval '15 minutes' where id = ?")
				.param(id)
				.update();

			assertThat(this.health.watch()).singleElement().satisfies((change) -> {
				assertThat(change.channel()).isEqualTo(channel);
				assertThat(change.from()).isEqualTo("UP");
				assertThat(change.to()).isEqualTo("DOWN");
			});
			assertThat(this.health.watch()).as("announced once").isEmpty();
			assertThat(source(channel).reason()).isEqualTo("the oldest waiting submission has waited 15 min");
			assertThat(this.health.health().getStatus()).isEqualTo(Status.DOWN);
			assertThat(this.mvc.get().uri("/operations/intake").with(user("ops@example.com").roles("OPERATIONS")))
				.bodyText()
				.contains(channel)
				.contains("Down");
		}
		finally {
			this.jdbc.sql("delete from intake_submission where id = ?").param(id).update();
		}
	}

	private IntakeHealth.Source source(String channel) {
		return this.health.sources()
			.stream()
			.filter((source) -> source.channel().equals(channel))
			.findFirst()
			.orElseThrow();
	}

}
