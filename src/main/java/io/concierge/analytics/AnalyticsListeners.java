package io.concierge.analytics;

import java.time.Duration;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;

import io.concierge.analytics.EventLog.Event;
import io.concierge.identity.Accounts;
import io.concierge.orders.ChangeEvents.CancellationRequested;
import io.concierge.orders.ChangeEvents.DeliveryPreferencesChanged;
import io.concierge.orders.ChangeEvents.ReturnRequested;
import io.concierge.orders.OrderEvents.OrderPlaced;
import io.concierge.shared.EmailAddress;
import io.concierge.shared.StatusChecked;
import io.concierge.support.SupportEvents.CustomerDataOpened;
import io.concierge.support.SupportEvents.TicketReplied;
import io.concierge.support.SupportEvents.TicketSolved;
import io.concierge.support.Ticket;
import io.concierge.support.Tickets;

/**
 * The raw events, from what the other modules announce.
 */
@Component
class AnalyticsListeners {

	private static final Duration LONGEST_HANDLING = Duration.ofHours(1);

	private final EventLog log;

	private final Accounts accounts;

	private final Tickets tickets;

	private final JdbcClient jdbc;

	AnalyticsListeners(EventLog log, Accounts accounts, Tickets tickets, JdbcClient jdbc) {
		this.log = log;
		this.accounts = accounts;
		this.tickets = tickets;
		this.jdbc = jdbc;
	}

	/**
	 * Published by controllers outside a transaction, so not a transactional listener.
	 */
	@Async
	@EventListener
	void on(StatusChecked event) {
		this.log.record(new Event(event.occurredAt(), "STATUS_CHECK", event.account(), event.channel().name(),
				event.orderNumber(), null, null));
	}

	@ApplicationModuleListener
	void on(OrderPlaced event) {
		this.log.record(new Event(event.occurredAt(), "ORDER_PLACED", event.account(), null, event.number(), null,
				event.channel().name()));
	}

	@ApplicationModuleListener
	void on(ReturnRequested event) {
		this.log.record(new Event(event.occurredAt(), "RETURN_REQUESTED", account(event.actor()), "PORTAL",
				event.number(), null, event.reason().name()));
	}

	@ApplicationModuleListener
	void on(CancellationRequested event) {
		this.log.record(new Event(event.occurredAt(), "CHANGE_REQUESTED", account(event.actor()), "PORTAL",
				event.number(), null, "CANCEL"));
	}

	@ApplicationModuleListener
	void on(DeliveryPreferencesChanged event) {
		this.log.record(new Event(event.occurredAt(), "CHANGE_REQUESTED", account(event.actor()), "PORTAL",
				event.number(), null, "DELIVERY"));
	}

	/**
	 * An agent opened a ticket: its handling starts (no one's name is kept).
	 */
	@ApplicationModuleListener
	void on(CustomerDataOpened event) {
		this.log.record(new Event(event.occurredAt(), "TICKET_VIEWED", null, "AGENT", event.ticket(), null, null));
	}

	/**
	 * An answer: its handle time is the time since the ticket was last opened by an
	 * agent, if that was within the hour.
	 */
	@ApplicationModuleListener
	void on(TicketReplied event) {
		double seconds = this.jdbc.sql("""
				select extract(epoch from ? - max(occurred_at)) from analytics_event
				where kind = 'TICKET_VIEWED' and subject = ? and occurred_at <= ?""")
			.params(java.sql.Timestamp.from(event.occurredAt()), event.number(),
					java.sql.Timestamp.from(event.occurredAt()))
			.query((row, n) -> (row.getObject(1) != null) ? row.getDouble(1) : -1.0)
			.single();
		// -1: no agent opened it before (the row mapper may not answer null)
		Double handled = (seconds >= 0 && seconds <= LONGEST_HANDLING.toSeconds()) ? seconds : null;
		this.log.record(
				new Event(event.occurredAt(), "AGENT_REPLY", event.account(), "AGENT", event.number(), handled, null));
	}

	/**
	 * A solved ticket: the time it took, whether one answer did it; and, once, the ticket
	 * itself on the day it was opened (support announces no opening).
	 */
	@ApplicationModuleListener
	void on(TicketSolved event) {
		Ticket.Thread thread = this.tickets.threadForAgent(event.number()).orElse(null);
		if (thread == null) {
			return;
		}
		Ticket ticket = thread.ticket();
		long answers = thread.messages()
			.stream()
			.filter((message) -> "AGENT".equals(message.authorKind()) && !message.internal())
			.count();
		boolean counted = this.jdbc
			.sql("select exists (select 1 from analytics_event where kind = 'TICKET_OPENED' and subject = ?)")
			.param(event.number())
			.query(Boolean.class)
			.single();
		if (!counted) {
			this.log.record(new Event(ticket.createdAt(), "TICKET_OPENED", ticket.account(), "AGENT", event.number(),
					null, ticket.orderNumber()));
		}
		double hours = Duration.between(ticket.createdAt(), event.occurredAt()).toSeconds() / 3600.0;
		this.log.record(new Event(event.occurredAt(), "TICKET_SOLVED", ticket.account(), "AGENT", event.number(), hours,
				(answers == 1) ? "first" : "later"));
	}

	private @Nullable UUID account(String actor) {
		try {
			return this.accounts.findByEmail(EmailAddress.of(actor)).map((account) -> account.id()).orElse(null);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
