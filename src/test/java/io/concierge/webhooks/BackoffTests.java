package io.concierge.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BackoffTests {

	private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofDays(1));

	@Test
	void doublesFromTheFirstRetryUpToTheLongestWait() {
		assertThat(this.backoff.base(1)).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.backoff.base(2)).isEqualTo(Duration.ofMinutes(1));
		assertThat(this.backoff.base(3)).isEqualTo(Duration.ofMinutes(2));
		assertThat(this.backoff.base(7)).isEqualTo(Duration.ofMinutes(32));
		assertThat(this.backoff.base(8)).isEqualTo(Duration.ofHours(1));
		assertThat(this.backoff.base(1_000)).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void spreadsEachWaitByHalfEitherWayButNeverBeyondTheLongest() {
		RandomGenerator random = new Random(42);
		for (int i = 0; i < 10_000; i++) {
			assertThat(this.backoff.delay(1, random)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(45));
			assertThat(this.backoff.delay(3, random)).isBetween(Duration.ofMinutes(1), Duration.ofMinutes(3));
			assertThat(this.backoff.delay(20, random)).isBetween(Duration.ofMinutes(30), Duration.ofHours(1));
		}
	}

	@Test
	void jitterReachesBothEnds() {
		assertThat(this.backoff.delay(1, new Fixed(0))).isEqualTo(Duration.ofSeconds(15));
		assertThat(this.backoff.delay(1, new Fixed(Long.MAX_VALUE))).isEqualTo(Duration.ofSeconds(45));
	}

	@Test
	void keepsTryingForTheWholeDayAndGivesUpAfterIt() {
		Instant first = Instant.parse("2026-11-02T08:00:00Z");
		assertThat(this.backoff.givesUp(first, first)).isFalse();
		assertThat(this.backoff.givesUp(first, first.plus(Duration.ofHours(23)))).isFalse();
		assertThat(this.backoff.givesUp(first, first.plus(Duration.ofDays(1)))).isFalse();
		assertThat(this.backoff.givesUp(first, first.plus(Duration.ofDays(1)).plusSeconds(1))).isTrue();
	}

	@Test
	void aDayOfRetriesIsAboutThirtyAttempts() {
		// 30 s, 1, 2, … 32 min, then hourly: 8 waits make the first 2 h 7 min, 22 more
		// the day
		Duration waited = Duration.ZERO;
		int failures = 0;
		while (waited.compareTo(Duration.ofDays(1)) <= 0) {
			waited = waited.plus(this.backoff.base(++failures));
		}
		assertThat(failures).isBetween(28, 32);
	}

	@Test
	void refusesAFirstRetryLongerThanTheLongestWait() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Backoff(Duration.ofHours(2), Duration.ofHours(1), Duration.ofDays(1)));
	}

	/**
	 * Always the same draw, clamped to the bound asked for.
	 */
	private record Fixed(long value) implements RandomGenerator {

		@Override
		public long nextLong() {
			return this.value;
		}

		@Override
		public long nextLong(long bound) {
			return Math.min(this.value, bound - 1);
		}

	}

}
