package io.concierge.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

/**
 * Times and days that PostgreSQL can store and every page can show: the years 1 to 9999.
 * Java reads {@code +999999999-12-31T23:59:59Z} as a time, but PostgreSQL's
 * {@code timestamp with time zone} ends in the year 294276, so such a time from outside
 * would be taken and then break the insert. A date that far out is a typo or an attack,
 * never an order placed or a parcel scanned, so it is refused where it comes in, naming
 * the field.
 */
public final class StorableTime {

	private static final int FIRST_YEAR = 1;

	private static final int LAST_YEAR = 9999;

	private StorableTime() {
	}

	/**
	 * What is wrong with the time, in words for the sender; null when it can be stored.
	 */
	public static @Nullable String problem(Instant instant) {
		return problem(instant.atOffset(ZoneOffset.UTC).getYear());
	}

	/**
	 * What is wrong with the day, in words for the sender; null when it can be stored.
	 */
	public static @Nullable String problem(LocalDate day) {
		return problem(day.getYear());
	}

	private static @Nullable String problem(int year) {
		return (year < FIRST_YEAR || year > LAST_YEAR)
				? "is in the year " + year + "; only the years " + FIRST_YEAR + " to " + LAST_YEAR + " are taken"
				: null;
	}

}
