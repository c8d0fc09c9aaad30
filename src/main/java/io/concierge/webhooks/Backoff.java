package io.concierge.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: after the first retry's wait, doubling with each
 * failure up to the longest wait, each spread by ±50 % so that subscribers coming back
 * from an outage are not hit by every sender at once. A delivery is given up once a
 * failure comes after {@code giveUpAfter} since its first attempt, so it is tried for at
 * least that long.
 *
 * @param firstRetry the wait after the first failure
 * @param maxRetry the longest wait
 * @param giveUpAfter how long a delivery is tried from its first attempt
 */
record Backoff(Duration firstRetry, Duration maxRetry, Duration giveUpAfter) {

	Backoff {
		if (firstRetry.isNegative() || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0) {
			throw new IllegalArgumentException("The first retry is after 0 and no later than the longest wait");
		}
	}

	/**
	 * The wait without jitter after this many failed attempts (1 for the first).
	 */
	Duration base(int failures) {
		Duration wait = this.firstRetry;
		for (int i = 1; i < failures && wait.compareTo(this.maxRetry) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return (wait.compareTo(this.maxRetry) > 0) ? this.maxRetry : wait;
	}

	/**
	 * The wait after this many failed attempts, from half to one and a half times the
	 * base, never longer than the longest wait.
	 */
	Duration delay(int failures, RandomGenerator random) {
		long base = base(failures).toMillis();
		long jittered = base / 2 + random.nextLong(Math.max(base, 1) + 1);
		return Duration.ofMillis(Math.min(jittered, this.maxRetry.toMillis()));
	}

	/**
	 * Whether a delivery first tried then and failing now is given up.
	 */
	boolean givesUp(Instant firstAttempt, Instant failedAt) {
		return failedAt.isAfter(firstAttempt.plus(this.giveUpAfter));
	}

}
