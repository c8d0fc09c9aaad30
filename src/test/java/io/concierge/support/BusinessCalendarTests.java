package io.concierge.support;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Business time in Berlin, Monday to Friday 09:00 to 17:00, in March and April 2026
 * (Monday 2 March; clocks go forward on Sunday 29 March; Easter is 5 April).
 */
class BusinessCalendarTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final LocalDate GOOD_FRIDAY = LocalDate.of(2026, 4, 3);

	private static final LocalDate EASTER_MONDAY = LocalDate.of(2026, 4, 6);

	private final BusinessCalendar calendar = BusinessCalendar.standard(BERLIN, Set.of(GOOD_FRIDAY, EASTER_MONDAY));

	@Test
	void addsTimeWithinADay() {
		assertThat(this.calendar.plus(berlin("2026-03-02T10:00"), Duration.ofHours(3)))
			.isEqualTo(berlin("2026-03-02T13:00"));
		assertThat(this.calendar.plus(berlin("2026-03-02T16:00"), Duration.ofHours(1)))
			.as("ends when support closes, not the next morning")
			.isEqualTo(berlin("2026-03-02T17:00"));
	}

	@Test
	void carriesTimeAcrossTheNight() {
		assertThat(this.calendar.plus(berlin("2026-03-02T16:00"), Duration.ofHours(2)))
			.isEqualTo(berlin("2026-03-03T10:00"));
		assertThat(this.calendar.plus(berlin("2026-03-02T16:30"), Duration.ofMinutes(45)))
			.isEqualTo(berlin("2026-03-03T09:15"));
	}

	@Test
	void carriesTimeAcrossTheWeekend() {
		assertThat(this.calendar.plus(berlin("2026-03-06T16:00"), Duration.ofHours(2)))
			.isEqualTo(berlin("2026-03-09T10:00"));
		assertThat(this.calendar.between(berlin("2026-03-06T16:00"), berlin("2026-03-09T10:00")))
			.isEqualTo(Duration.ofHours(2));
	}

	@Test
	void skipsHolidays() {
		assertThat(this.calendar.plus(berlin("2026-04-02T16:00"), Duration.ofHours(2)))
			.as("Thursday before Easter to the Tuesday after")
			.isEqualTo(berlin("2026-04-07T10:00"));
		assertThat(this.calendar.between(berlin("2026-04-02T09:00"), berlin("2026-04-08T09:00")))
			.isEqualTo(Duration.ofHours(16));
	}

	@Test
	void startsAtTheNextOpeningOutsideHours() {
		assertThat(this.calendar.plus(berlin("2026-03-07T12:00"), Duration.ofHours(1))).as("on a Saturday")
			.isEqualTo(berlin("2026-03-09T10:00"));
		assertThat(this.calendar.plus(berlin("2026-03-09T07:00"), Duration.ofHours(1)))
			.isEqualTo(berlin("2026-03-09T10:00"));
		assertThat(this.calendar.plus(berlin("2026-03-09T18:00"), Duration.ofHours(1)))
			.isEqualTo(berlin("2026-03-10T10:00"));
		assertThat(this.calendar.plus(berlin("2026-03-09T17:00"), Duration.ZERO)).isEqualTo(berlin("2026-03-10T09:00"));
		assertThat(this.calendar.plus(berlin("2026-03-07T12:00"), Duration.ZERO)).isEqualTo(berlin("2026-03-09T09:00"));
		assertThat(this.calendar.between(berlin("2026-03-07T12:00"), berlin("2026-03-08T12:00")))
			.isEqualTo(Duration.ZERO);
	}

	@Test
	void keepsLocalOpeningHoursAcrossTheChangeToSummerTime() {
		Instant due = this.calendar.plus(berlin("2026-03-27T16:00"), Duration.ofHours(2));

		assertThat(due).isEqualTo(berlin("2026-03-30T10:00")).isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
		assertThat(this.calendar.between(berlin("2026-03-27T16:00"), due)).isEqualTo(Duration.ofHours(2));
		assertThat(this.calendar.between(berlin("2026-03-23T09:00"), berlin("2026-04-02T17:00")))
			.isEqualTo(Duration.ofHours(8 * 9));
	}

	@Test
	void countsTheClockTimeOfHoursThatSpanTheChange() {
		BusinessCalendar nights = new BusinessCalendar(BERLIN,
				Map.of(DayOfWeek.SUNDAY, new BusinessCalendar.Hours(LocalTime.of(1, 0), LocalTime.of(5, 0))), Set.of());

		assertThat(nights.between(berlin("2026-03-28T12:00"), berlin("2026-03-30T12:00")))
			.as("02:00 to 03:00 does not happen on 29 March")
			.isEqualTo(Duration.ofHours(3));
		assertThat(nights.between(berlin("2026-10-24T12:00"), berlin("2026-10-26T12:00")))
			.as("02:00 to 03:00 happens twice on 25 October")
			.isEqualTo(Duration.ofHours(5));
		assertThat(nights.plus(berlin("2026-03-28T12:00"), Duration.ofHours(2)))
			.isEqualTo(Instant.parse("2026-03-29T02:00:00Z"))
			.isEqualTo(berlin("2026-03-29T04:00"));
	}

	@Test
	void betweenIsTheInverseOfPlus() {
		Instant start = berlin("2026-03-02T08:30");
		for (int minutes = 0; minutes <= 8 * 60 * 5 * 12; minutes += 397) {
			Duration time = Duration.ofMinutes(minutes);
			Instant due = this.calendar.plus(start, time);
			assertThat(this.calendar.between(start, due)).as("%s after %s", time, start).isEqualTo(time);
			assertThat(this.calendar.between(due, start)).isEqualTo(time.negated());
		}
		assertThat(this.calendar.plus(start, Duration.ofHours(8 * 5 * 12)))
			.as("sixty business days, Good Friday and Easter Monday left out")
			.isEqualTo(berlin("2026-05-26T17:00"));
	}

	@Test
	void countsAnOpenWeek() {
		assertThat(this.calendar.between(berlin("2026-03-02T09:00"), berlin("2026-03-09T09:00")))
			.isEqualTo(Duration.ofHours(40));
		assertThat(this.calendar.between(berlin("2026-03-02T12:00"), berlin("2026-03-02T12:00")))
			.isEqualTo(Duration.ZERO);
	}

	@Test
	void refusesNegativeTimeAndACalendarThatNeverOpens() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.calendar.plus(berlin("2026-03-02T10:00"), Duration.ofHours(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new BusinessCalendar(BERLIN, Map.of(), Set.of()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BusinessCalendar.Hours(LocalTime.of(17, 0), LocalTime.of(9, 0)));
	}

	private static Instant berlin(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
	}

}
