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
	 * What a limit said of a request.
	 *
	 * @param allowed whether it is within the limit
	 * @param retryAfter when it is not, how long until the window ends and the count
	 * starts again; zero when it is
	 */
	public record Verdict(boolean allowed, Duration retryAfter) {

		static Verdict of(int hits, int limit, Instant now, Instant windowEnd) {
			return (hits <= limit) ? new Verdict(true, Duration.ZERO)
					: new Verdict(false, Duration.between(now, windowEnd));
		}

	}

	/**
	 * Counts one more request for the key and tells whether it is still within the limit.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public boolean tryAcquire(String key, int limit, Duration window) {
		return count(key, limit, window).allowed();
	}

	/**
	 * Counts one more request for the key and tells whether it is still within the limit,
	 * and if not, for how long it will not be.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public Verdict acquire(String key, int limit, Duration window) {
		return count(key, limit, window);
	}

	/**
	 * Whether the key has used up its limit in this window, without counting: a request
	 * asks before it does what the limit counts (a failed attempt, say).
	 */
	@Transactional(readOnly = true)
	public Verdict check(String key, int limit, Duration window) {
		Instant now = this.clock.instant();
		Instant windowStart = windowStart(now, window);
		int hits = this.jdbc.sql("select hits from rate_limit where key = ? and window_start = ?")
			.params(key, windowStart.atOffset(ZoneOffset.UTC))
			.query(Integer.class)
			.optional()
			.orElse(0);
		// the next one would be one more
		return Verdict.of(hits + 1, limit, now, windowStart.plus(window));
	}

	/**
	 * Counts one more for the key in this window and tells how many it has now, in the
	 * caller's transaction.
	 */
	@Transactional
	public int hits(String key, Duration window) {
		return increment(key, windowStart(this.clock.instant(), window));
	}

	private Verdict count(String key, int limit, Duration window) {
		Instant now = this.clock.instant();
		Instant windowStart = windowStart(now, window);
		return Verdict.of(increment(key, windowStart), limit, now, windowStart.plus(window));
	}

	private int increment(String key, Instant windowStart) {
		return this.jdbc.sql("""
				insert into rate_limit (key, window_start, hits) values (?, ?, 1)
				on conflict (key) do update set
				  hits = case when rate_limit.window_start = excluded.window_start then rate_limit.hits + 1 else 1 end,
				  window_start = excluded.window_start
				returning hits""").params(key, windowStart.atOffset(ZoneOffset.UTC)).query(Integer.class).single();
	}

	private static Instant windowStart(Instant now, Duration window) {
		return Instant.ofEpochMilli(now.toEpochMilli() - now.toEpochMilli() % window.toMillis());
	}

}
