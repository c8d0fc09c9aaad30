package io.concierge.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.analytics.EventLog.Event;

/**
 * The net promoter survey: how likely a customer would recommend us, 0 to 10, with an
 * optional comment; one answer per account in 90 days.
 */
@Service
public class Survey {

	public static final Duration ONCE_IN = Duration.ofDays(90);

	public static final int COMMENT_LENGTH = 1000;

	private final JdbcClient jdbc;

	private final EventLog log;

	private final Clock clock;

	Survey(JdbcClient jdbc, EventLog log, Clock clock) {
		this.jdbc = jdbc;
		this.log = log;
		this.clock = clock;
	}

	/**
	 * When the account may answer again, if it answered within the last 90 days.
	 */
	@Transactional(readOnly = true)
	public Optional<Instant> nextAnswer(UUID account) {
		return this.jdbc.sql("select max(occurred_at) from analytics_event where kind = 'NPS' and account = ?")
			.param(account)
			.query((row, n) -> Optional.ofNullable(row.getTimestamp(1)))
			.single()
			.map((last) -> last.toInstant().plus(ONCE_IN))
			.filter((next) -> next.isAfter(this.clock.instant()));
	}

	/**
	 * Records an answer; false when the account answered within the last 90 days.
	 */
	@Transactional
	public boolean answer(UUID account, int score, @Nullable String comment) {
		if (score < 0 || score > 10) {
			throw new IllegalArgumentException("score " + score);
		}
		// one answer at a time per account, so two quick submits do not both count
		this.jdbc.sql("select 1 from (select pg_advisory_xact_lock(hashtext(?))) locked")
			.param("survey:" + account)
			.query(Integer.class)
			.single();
		if (nextAnswer(account).isPresent()) {
			return false;
		}
		String text = (comment == null || comment.isBlank()) ? null : comment.strip();
		if (text != null && text.length() > COMMENT_LENGTH) {
			throw new IllegalArgumentException("comment too long");
		}
		this.log.record(new Event(this.clock.instant(), "NPS", account, "PORTAL", null, (double) score, text));
		return true;
	}

}
