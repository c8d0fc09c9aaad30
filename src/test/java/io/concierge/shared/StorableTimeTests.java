package io.concierge.shared;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StorableTimeTests {

	@Test
	void takesTheYearsOneToNineThousandNineHundredNinetyNine() {
		assertThat(StorableTime.problem(Instant.parse("2026-11-22T09:30:00Z"))).isNull();
		assertThat(StorableTime.problem(Instant.parse("9999-12-31T23:59:59Z"))).isNull();
		assertThat(StorableTime.problem(LocalDate.of(1, 1, 1))).isNull();
	}

	@Test
	void refusesWhatPostgresCannotStoreOrNoPageCanShow() {
		assertThat(StorableTime.problem(Instant.parse("+999999999-12-31T23:59:59Z"))).contains("999999999");
		assertThat(StorableTime.problem(Instant.parse("+10000-01-01T00:00:00Z"))).contains("10000");
		assertThat(StorableTime.problem(LocalDate.of(0, 1, 1))).contains("year 0");
	}

}
