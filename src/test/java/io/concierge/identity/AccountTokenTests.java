package io.concierge.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.concierge.identity.AccountToken.Purpose;

import static org.assertj.core.api.Assertions.assertThat;

class AccountTokenTests {

	private static final Instant ISSUED = Instant.parse("2026-11-22T10:00:00Z");

	@Test
	void aResetLinkWorksForThirtyMinutes() {
		AccountToken token = new AccountToken("h", UUID.randomUUID(), Purpose.RESET_PASSWORD, null, ISSUED);
		assertThat(token.usableAt(ISSUED.plus(Duration.ofMinutes(29)))).isTrue();
		assertThat(token.usableAt(ISSUED.plus(Duration.ofMinutes(30)))).isFalse();
	}

	@Test
	void aVerificationLinkWorksForADay() {
		AccountToken token = new AccountToken("h", UUID.randomUUID(), Purpose.VERIFY_EMAIL, null, ISSUED);
		assertThat(token.usableAt(ISSUED.plus(Duration.ofHours(23)))).isTrue();
		assertThat(token.usableAt(ISSUED.plus(Duration.ofHours(24)))).isFalse();
	}

	@Test
	void worksOnlyOnce() {
		AccountToken token = new AccountToken("h", UUID.randomUUID(), Purpose.RESET_PASSWORD, null, ISSUED);
		token.use(ISSUED.plusSeconds(5));
		assertThat(token.usableAt(ISSUED.plusSeconds(6))).isFalse();
	}

}
