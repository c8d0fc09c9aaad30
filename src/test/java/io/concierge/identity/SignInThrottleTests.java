package io.concierge.identity;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignInThrottleTests {

	@Test
	void locksForOneMinuteAtTheFifthFailureThenDoublesUpToFifteen() {
		assertThat(SignInThrottle.lockFor(5)).isEqualTo(Duration.ofMinutes(1));
		assertThat(SignInThrottle.lockFor(6)).isEqualTo(Duration.ofMinutes(2));
		assertThat(SignInThrottle.lockFor(7)).isEqualTo(Duration.ofMinutes(4));
		assertThat(SignInThrottle.lockFor(8)).isEqualTo(Duration.ofMinutes(8));
		assertThat(SignInThrottle.lockFor(9)).isEqualTo(Duration.ofMinutes(15));
		assertThat(SignInThrottle.lockFor(50)).isEqualTo(Duration.ofMinutes(15));
	}

}
