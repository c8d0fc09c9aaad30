package io.concierge.support;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When support owes a ticket its first answer and its solution: the policy's business
 * time for the ticket's category and its customer's tier, counted in business hours
 * (Monday to Friday, the configured hours) without the holidays.
 */
@Component
class ServiceLevels {

	private final JdbcClient jdbc;

	private final SupportSettings settings;

	ServiceLevels(JdbcClient jdbc, SupportSettings settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	record Due(Instant firstResponse, Instant resolution) {
	}

	Due due(TicketCategory category, String tier, Instant from) {
		record Policy(int firstResponse, int resolution) {
		}
		Policy policy = this.jdbc
			.sql("select first_response_minutes, resolution_minutes from support_sla where category = ? and tier = ?")
			.params(category.name(), tier)
			.query((row, n) -> new Policy(row.getInt(1), row.getInt(2)))
			.optional()
			.orElse(new Policy(480, 2400));
		BusinessCalendar calendar = calendar();
		return new Due(calendar.plus(from, Duration.ofMinutes(policy.firstResponse())),
				calendar.plus(from, Duration.ofMinutes(policy.resolution())));
	}

	/**
	 * The due time once a ticket no longer waits on its customer: the business time that
	 * was left when it began to wait, from now.
	 */
	Instant resumed(Instant due, Instant waitingSince, Instant now) {
		BusinessCalendar calendar = calendar();
		Duration left = due.isAfter(waitingSince) ? calendar.between(waitingSince, due) : Duration.ZERO;
		return calendar.plus(now, left);
	}

	BusinessCalendar calendar() {
		Set<LocalDate> holidays = new HashSet<>(
				this.jdbc.sql("select day from support_holiday").query(LocalDate.class).list());
		java.util.Map<java.time.DayOfWeek, BusinessCalendar.Hours> week = new java.util.EnumMap<>(
				java.time.DayOfWeek.class);
		for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
			if (day != java.time.DayOfWeek.SATURDAY && day != java.time.DayOfWeek.SUNDAY) {
				week.put(day, new BusinessCalendar.Hours(this.settings.opens(), this.settings.closes()));
			}
		}
		return new BusinessCalendar(this.settings.zone(), week, holidays);
	}

}
