package io.concierge.billing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.billing.BillingEvents.InvoiceReminder;

/**
 * Reminds customers of open invoices: once a few days before the due date, once the same
 * number of days after it (the notification rules say how). Each reminder is sent once,
 * whatever runs again.
 */
@Component
class Dunning {

	private final JdbcClient jdbc;

	private final BillingSettings settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Dunning(JdbcClient jdbc, BillingSettings settings, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
	}

	private record Due(UUID id, String number, String orderNumber, @Nullable UUID account, @Nullable String email,
			BigDecimal open, String currency, LocalDate dueOn) {

	}

	/**
	 * Sends the reminders due today.
	 * @return how many were sent
	 */
	@Scheduled(cron = "${concierge.billing.reminders-cron:0 0 8 * * *}")
	@Transactional
	public int remind() {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		int days = this.settings.reminderDays();
		return remind("due-soon", "i.due_on > ? and i.due_on <= ?", today, today.plusDays(days))
				+ remind("overdue", "i.due_on < ? and i.due_on >= ?", today.minusDays(days - 1L), today.minusDays(90));
	}

	private int remind(String stage, String when, LocalDate first, LocalDate second) {
		List<Due> due = this.jdbc
			.sql("""
					select i.id, i.number, i.order_number, i.account_id, i.buyer_email, i.currency, i.due_on,
					  %s as open
					from invoice i
					where i.kind = 'INVOICE' and %s
					  and not exists (select 1 from invoice_reminder r where r.invoice_id = i.id and r.stage = ?)"""
				.formatted(Billing.OPEN, when))
			.params(first, second, stage)
			.query((rs, n) -> new Due(rs.getObject("id", UUID.class), rs.getString("number"),
					rs.getString("order_number"), rs.getObject("account_id", UUID.class), rs.getString("buyer_email"),
					rs.getBigDecimal("open"), rs.getString("currency"), rs.getObject("due_on", LocalDate.class)))
			.list();
		int sent = 0;
		for (Due invoice : due) {
			if (invoice.open().signum() <= 0) {
				continue;
			}
			int inserted = this.jdbc.sql("""
					insert into invoice_reminder (invoice_id, stage, sent_at) values (?, ?, ?)
					on conflict do nothing""")
				.params(invoice.id(), stage, this.clock.instant().atOffset(ZoneOffset.UTC))
				.update();
			if (inserted == 1) {
				this.events.publishEvent(new InvoiceReminder(invoice.number(), invoice.orderNumber(), stage,
						invoice.account(), invoice.email(), invoice.open(), invoice.currency(), invoice.dueOn(),
						this.clock.instant()));
				sent++;
			}
		}
		return sent;
	}

}
