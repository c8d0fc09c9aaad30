package io.concierge.web;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.shared.DemoData;

/**
 * Runs every module's demo data once, in order, each in its own transaction together with
 * the note that it ran; several nodes starting at once seed it once.
 */
@Component
@Order(0)
@ConditionalOnBooleanProperty("concierge.demo.enabled")
class DemoDataSeeding implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoDataSeeding.class);

	private final List<DemoData> data;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	DemoDataSeeding(List<DemoData> data, JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
		this.data = data.stream().sorted(Comparator.comparingInt(DemoData::order)).toList();
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.data.forEach((demo) -> this.transactions.executeWithoutResult((status) -> seedOnce(demo)));
	}

	private void seedOnce(DemoData demo) {
		int claimed = this.jdbc.sql("insert into demo_data (name, seeded_at) values (?, ?) on conflict do nothing")
			.params(demo.name(), this.clock.instant().atOffset(ZoneOffset.UTC))
			.update();
		if (claimed == 1) {
			demo.seed();
			log.info("Seeded demo data {}", demo.name());
		}
	}

}
