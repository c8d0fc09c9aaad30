package io.concierge.analytics;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes raw events. Every writer holds a shared advisory lock for its transaction and
 * the rollup job an exclusive one, so the job never passes over an event whose
 * transaction has not committed yet (ids are handed out before commit, not in commit
 * order).
 * <p>
 * An event may be handed over twice (the module events are delivered at least once), so
 * an event about a subject is kept once per kind, moment and detail, and its copy is
 * dropped.
 */
@Component
class EventLog {

	static final long LOCK = 0x616e616c79L;

	/**
	 * One raw event.
	 *
	 * @param channel {@code PORTAL} or {@code AGENT}, where it applies
	 */
	record Event(Instant occurredAt, String kind, @Nullable UUID account, @Nullable String channel,
			@Nullable String subject, @Nullable Double value, @Nullable String detail) {
	}

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	EventLog(JdbcClient jdbc, JdbcTemplate batches) {
		this.jdbc = jdbc;
		this.batches = batches;
	}

	@Transactional
	void record(Event event) {
		recordAll(List.of(event));
	}

	@Transactional
	void recordAll(List<Event> events) {
		this.jdbc.sql("select 1 from (select pg_advisory_xact_lock_shared(?)) locked")
			.param(LOCK)
			.query(Integer.class)
			.single();
		this.batches.batchUpdate("""
				insert into analytics_event (occurred_at, kind, account, channel, subject, value, detail)
				values (?, ?, ?, ?, ?, ?, ?)
				on conflict do nothing""", events, 1000, (statement, event) -> {
			statement.setTimestamp(1, Timestamp.from(event.occurredAt()));
			statement.setString(2, event.kind());
			statement.setObject(3, event.account());
			statement.setString(4, event.channel());
			statement.setString(5, truncate(event.subject()));
			statement.setObject(6, event.value(), Types.DOUBLE);
			statement.setString(7, truncate(event.detail()));
		});
	}

	private static @Nullable String truncate(@Nullable String text) {
		return (text == null || text.length() <= 1000) ? text : text.substring(0, 1000);
	}

}
