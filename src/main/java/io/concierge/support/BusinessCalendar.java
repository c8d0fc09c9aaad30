package io.concierge.support;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * When support works: opening hours per weekday in a time zone, and holidays on which it
 * does not. Business time is time that passes on the clock while support is open, so on
 * the day clocks change, hours that span the change are an hour shorter or longer; hours
 * of 09:00 to 17:00 are eight hours on every day of the year.
 * <p>
 * Both methods walk day by day, which is quick even for spans of many months.
 */
final class BusinessCalendar {

	private final ZoneId zone;

	private final Map<DayOfWeek, Hours> hours;

	private final Set<LocalDate> holidays;

	/**
	 * @param hours the opening hours of each weekday support works; a weekday left out is
	 * closed
	 * @param holidays the dates support is closed on, whatever their weekday
	 */
	BusinessCalendar(ZoneId zone, Map<DayOfWeek, Hours> hours, Set<LocalDate> holidays) {
		if (hours.isEmpty()) {
			throw new IllegalArgumentException("A business calendar needs opening hours on at least one weekday");
		}
		this.zone = zone;
		this.hours = new EnumMap<>(hours);
		this.holidays = Set.copyOf(holidays);
	}

	/**
	 * Monday to Friday, 09:00 to 17:00.
	 */
	static BusinessCalendar standard(ZoneId zone, Set<LocalDate> holidays) {
		Map<DayOfWeek, Hours> hours = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
				hours.put(day, new Hours(LocalTime.of(9, 0), LocalTime.of(17, 0)));
			}
		}
		return new BusinessCalendar(zone, hours, holidays);
	}

	/**
	 * The instant when {@code businessTime} of business time has passed since
	 * {@code start}. Outside business hours the time starts at the next opening, so no
	 * business time at all is the next opening then. A span that ends exactly when
	 * support closes ends then, not at the next opening.
	 */
	Instant plus(Instant start, Duration businessTime) {
		if (businessTime.isNegative()) {
			throw new IllegalArgumentException("Business time cannot be negative: " + businessTime);
		}
		Duration remaining = businessTime;
		for (LocalDate date = date(start);; date = date.plusDays(1)) {
			Open open = open(date);
			if (open == null) {
				continue;
			}
			Instant from = later(start, open.opens());
			if (!open.closes().isAfter(from)) {
				continue;
			}
			Duration available = Duration.between(from, open.closes());
			if (remaining.compareTo(available) <= 0) {
				return from.plus(remaining);
			}
			remaining = remaining.minus(available);
		}
	}

	/**
	 * The business time that passes from {@code from} to {@code to}; negative when
	 * {@code to} comes first. The inverse of {@link #plus}:
	 * {@code between(start, plus(start, time))} is {@code time}.
	 */
	Duration between(Instant from, Instant to) {
		if (to.isBefore(from)) {
			return between(to, from).negated();
		}
		Duration elapsed = Duration.ZERO;
		for (LocalDate date = date(from); !date.isAfter(date(to)); date = date.plusDays(1)) {
			Open open = open(date);
			if (open != null) {
				Instant start = later(from, open.opens());
				Instant end = to.isBefore(open.closes()) ? to : open.closes();
				if (start.isBefore(end)) {
					elapsed = elapsed.plus(Duration.between(start, end));
				}
			}
		}
		return elapsed;
	}

	private LocalDate date(Instant instant) {
		return LocalDate.ofInstant(instant, this.zone);
	}

	private @Nullable Open open(LocalDate date) {
		Hours today = this.hours.get(date.getDayOfWeek());
		if (today == null || this.holidays.contains(date)) {
			return null;
		}
		ZonedDateTime opens = ZonedDateTime.of(date, today.opens(), this.zone);
		ZonedDateTime closes = today.closes().equals(LocalTime.MIDNIGHT) ? date.plusDays(1).atStartOfDay(this.zone)
				: ZonedDateTime.of(date, today.closes(), this.zone);
		return new Open(opens.toInstant(), closes.toInstant());
	}

	private static Instant later(Instant one, Instant other) {
		return one.isAfter(other) ? one : other;
	}

	/**
	 * The opening hours of a weekday, in local time.
	 *
	 * @param opens when support opens
	 * @param closes when it closes; midnight for the end of the day
	 */
	record Hours(LocalTime opens, LocalTime closes) {

		Hours {
			if (!closes.equals(LocalTime.MIDNIGHT) && !opens.isBefore(closes)) {
				throw new IllegalArgumentException("Support must open before it closes: " + opens + "–" + closes);
			}
		}

	}

	private record Open(Instant opens, Instant closes) {

	}

}
