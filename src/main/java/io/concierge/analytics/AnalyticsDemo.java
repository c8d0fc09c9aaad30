package io.concierge.analytics;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo's population: 90 days of a simulated customer base (seed 20261203), written
 * once per database when {@code concierge.analytics.demo} is on (the default), so the
 * analytics page shows meaningful figures from the start.
 */
@Component
class AnalyticsDemo {

	static final long SEED = 20261203L;

	private static final Logger log = LoggerFactory.getLogger(AnalyticsDemo.class);

	private final Population population;

	private final Rollups rollups;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final boolean enabled;

	AnalyticsDemo(Population population, Rollups rollups, JdbcClient jdbc, TransactionTemplate transactions,
			Clock clock, @Value("${concierge.analytics.demo:true}") boolean enabled) {
		this.population = population;
		this.rollups = rollups;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.enabled = enabled;
	}

	@EventListener(ApplicationReadyEvent.class)
	void seed() {
		if (!this.enabled) {
			return;
		}
		Integer written = this.transactions.execute((status) -> {
			// the marker row is the seeding's lock too: a second node finds it and skips
			int marked = this.jdbc
				.sql("insert into analytics_watermark (name, last_id) values ('demo', 0) on conflict do nothing")
				.update();
			return (marked == 0) ? 0 : this.population.simulate(SEED, 1500, 90, this.clock.instant());
		});
		if (written != null && written > 0) {
			log.info("Simulated {} analytics events of 1,500 customers over 90 days", written);
			this.rollups.catchUp();
		}
	}

}
