package io.concierge.identity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTests {

	/** The SHA-1 key of RFC 6238's test vectors, "12345678901234567890", in Base32. */
	private static final String RFC_SECRET = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

	@Test
	void matchesTheTestVectorsOfRfc6238() {
		assertThat(RFC_SECRET).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
		assertThat(code(59)).isEqualTo("287082");
		assertThat(code(1111111109)).isEqualTo("081804");
		assertThat(code(1234567890)).isEqualTo("005924");
		assertThat(code(2000000000)).isEqualTo("279037");
	}

	@Test
	void acceptsTheCodeOfOneStepEarlierOrLaterForClocksThatDrift() {
		Instant now = Instant.ofEpochSecond(1234567890);
		assertThat(Totp.matchingStep(RFC_SECRET, code(1234567890 - 30), now)).hasValue(1234567890 / 30 - 1);
		assertThat(Totp.matchingStep(RFC_SECRET, code(1234567890 + 30), now)).hasValue(1234567890 / 30 + 1);
		assertThat(Totp.matchingStep(RFC_SECRET, code(1234567890 - 60), now)).isEmpty();
		assertThat(Totp.matchingStep(RFC_SECRET, "005 924", now)).isPresent();
		assertThat(Totp.matchingStep(RFC_SECRET, "12345", now)).isEmpty();
	}

	@Test
	void makesNewSecretsOf160BitsThatRoundTripThroughBase32() {
		String secret = Totp.newSecret();
		assertThat(secret).hasSize(32).matches("[A-Z2-7]+");
		assertThat(Totp.base32(Totp.unbase32(secret))).isEqualTo(secret);
		assertThat(Totp.newSecret()).isNotEqualTo(secret);
	}

	@Test
	void recoveryCodesAreComparedWithoutSpacesDashesOrCase() {
		assertThat(SecondFactors.normaliseCode(" ABCD-efgh jkmn-PQRS ")).isEqualTo("abcdefghjkmnpqrs");
	}

	@Test
	void aSecondFactorIsRecentForTenMinutes() {
		Instant at = Instant.parse("2026-11-22T10:00:00Z");
		assertThat(SecondFactorSignIn.recent(at, at.plusSeconds(599), StepUp.WITHIN)).isTrue();
		assertThat(SecondFactorSignIn.recent(at, at.plusSeconds(601), StepUp.WITHIN)).isFalse();
		assertThat(SecondFactorSignIn.recent(null, at, StepUp.WITHIN)).isFalse();
	}

	private static String code(long epochSecond) {
		return Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(epochSecond)));
	}

}
