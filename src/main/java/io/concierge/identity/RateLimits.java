package io.concierge.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts requests per key in fixed windows, in the database so every node shares the
 * count.
 */
@Component
public class RateLimits {

	private final JdbcClient jdbc;

	private final Clock clock;

	RateLimits(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Counts one more request for the key and tells whether it is still within the limit.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public boolean tryAcquire(String key, int limit, Duration window) {
		Instant now = this.clock.instant();
		Instant windowStart = Instant.ofEpochMilli(now.toEpochMilli() - now.toEpochMilli() % window.toMillis());
		int hits = this.jdbc.sql("""
				insert into rate_limit (key, window_start, hits) values (?, ?, 1)
				on conflict (key) do update set
				  hits = case when rate_limit.window_start = excluded.window_start then rate_limit.hits + 1 else 1 end,
				  window_start = excluded.window_start
				returning hits""").params(key, windowStart.atOffset(ZoneOffset.UTC)).query(Integer.class).single();
		return hits <= limit;
	}

}
