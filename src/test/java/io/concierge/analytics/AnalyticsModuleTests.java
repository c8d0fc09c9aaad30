package io.concierge.analytics;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.TestPropertySource;

import io.concierge.shared.StatusChecked;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics module with the modules it listens to: a status check announced by
 * another module becomes a raw event, and the job adds it to the day's sums.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
// the readiness group names the orders module's search index, which is not started here
@TestPropertySource(properties = "management.endpoint.health.group.readiness.include=readinessState")
class AnalyticsModuleTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Rollups rollups;

	@Test
	void anAgentsStatusCheckIsCountedForTheOrder(Scenario scenario) {
		String number = "C-" + UUID.randomUUID().toString().substring(0, 8);
		scenario.publish(new StatusChecked(number, UUID.randomUUID(), StatusChecked.Channel.AGENT, Instant.now()))
			.andWaitForStateChange(() -> this.jdbc
				.sql("select count(*) from analytics_event where kind = 'STATUS_CHECK' and subject = ?")
				.param(number)
				.query(Long.class)
				.single(), (count) -> count > 0)
			.andVerify((count) -> {
				assertThat(count).isEqualTo(1);
				this.rollups.catchUp();
				assertThat(this.jdbc
					.sql("select last_id >= (select max(id) from analytics_event) "
							+ "from analytics_watermark where name = 'rollup'")
					.query(Boolean.class)
					.single()).isTrue();
			});
	}

}
