package io.concierge.analytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import io.concierge.orders.OrderEvents.OrderShipped;
import io.concierge.partners.OutcomeEvents.DiscrepancyOpened;
import io.concierge.partners.OutcomeEvents.ParcelConcluded;
import io.concierge.partners.OutcomeEvents.PickupBooked;
import io.concierge.partners.OutcomeEvents.PickupCollected;
import io.concierge.partners.PurchaseOrderEvents.PurchaseOrderShipped;
import io.concierge.privacy.Consents;
import io.concierge.shared.EmailAddress;
import io.concierge.shared.StatusChecked;
import io.concierge.support.SupportEvents.ArticleViewed;
import io.concierge.support.SupportEvents.AssistantAnswered;
import io.concierge.support.SupportEvents.CustomerDataOpened;
import io.concierge.support.SupportEvents.DraftHelped;
import io.concierge.support.SupportEvents.DraftStarted;
import io.concierge.support.SupportEvents.HelpCentreSearched;
import io.concierge.support.SupportEvents.TicketOpened;
import io.concierge.support.SupportEvents.TicketRated;
import io.concierge.support.SupportEvents.TicketReplied;
import io.concierge.support.SupportEvents.TicketSolved;
import io.concierge.support.Ticket;
import io.concierge.support.Tickets;

/**
 * The raw events, from what the other modules announce. Usage of the portal (status
 * checks, searches, articles read, the assistant, ticket drafts) is kept with the
 * customer's account only if they agreed to analytics
 * ({@link Consents.Purpose#ANALYTICS}), else anonymously: it still counts in the totals,
 * but not as theirs. Business records (orders, returns, changes, tickets and their
 * handling, ratings) are kept as they are.
 */
@Component
class AnalyticsListeners {

	private static final Duration LONGEST_HANDLING = Duration.ofHours(1);

	private final EventLog log;

	private final Accounts accounts;

	private final Tickets tickets;

	private final Consents consents;

	private final JdbcClient jdbc;

	AnalyticsListeners(EventLog log, Accounts accounts, Tickets tickets, Consents consents, JdbcClient jdbc) {
		this.log = log;
		this.accounts = accounts;
		this.tickets = tickets;
		this.consents = consents;
		this.jdbc = jdbc;
	}

	/**
	 * Published by controllers outside a transaction, so not a transactional listener. A
	 * check on the portal is usage: without the customer's consent it is counted
	 * anonymously, without the order either (which would name them); an agent's check is
	 * the agent's work and stays as it is.
	 */
	@Async
	@EventListener
	void on(StatusChecked event) {
		if (event.channel() == StatusChecked.Channel.PORTAL && event.account() != null && !consented(event.account())) {
			this.log.record(new Event(event.occurredAt(), "STATUS_CHECK", null, "PORTAL", null, null, null));
			return;
		}
		this.log.record(new Event(event.occurredAt(), "STATUS_CHECK", event.account(), event.channel().name(),
				event.orderNumber(), null, null));
	}

	/**
	 * A search of the help centre (usage): the words and how many articles they found,
	 * none being what the knowledge base lacks.
	 */
	@ApplicationModuleListener
	void on(HelpCentreSearched event) {
		this.log.record(new Event(event.occurredAt(), "SEARCH", usage(event.account()), "PORTAL", event.query(),
				(double) event.results(), event.language()));
	}

	/**
	 * An article read (usage). Published by a controller outside a transaction.
	 */
	@Async
	@EventListener
	void on(ArticleViewed event) {
		this.log.record(new Event(event.occurredAt(), "ARTICLE_VIEW", usage(event.account()), "PORTAL", event.slug(),
				null, event.language()));
	}

	/**
	 * A question to the assistant (usage): a need met on the portal when it answered
	 * itself, not when it handed over to a ticket. A greeting is no need and not counted.
	 * Published outside a transaction.
	 */
	@Async
	@EventListener
	void on(AssistantAnswered event) {
		if ("GREETING".equals(event.intent())) {
			return;
		}
		this.log.record(new Event(event.occurredAt(), "ASSISTANT_CHAT", usage(event.account()), "PORTAL", null,
				event.handover() ? 0.0 : 1.0, event.intent()));
	}

	/**
	 * A ticket draft (usage), decided by {@link Rollups} once 72 hours old. Without
	 * consent neither the customer nor the order is kept: the tickets that undo the draft
	 * are named by support ({@link TicketOpened#drafts()}), so the decision needs
	 * neither.
	 */
	@ApplicationModuleListener
	void on(DraftStarted event) {
		UUID account = usage(event.account());
		this.log.record(new Event(event.occurredAt(), "DRAFT_STARTED", account, "PORTAL", event.draft().toString(), 0.0,
				(account != null) ? event.orderNumber() : null));
	}

	/**
	 * The customer writing a draft opened a suggested article or was shown the order's
	 * state.
	 */
	@ApplicationModuleListener
	void on(DraftHelped event) {
		this.log
			.record(new Event(event.occurredAt(), "DRAFT_HELPED", null, null, event.draft().toString(), null, null));
	}

	/**
	 * A ticket (a business record, kept with its customer): a need met by an agent,
	 * wherever it was opened, as the simulated tickets are counted; and the drafts it
	 * means were not deflected (without the ticket, which would name their author).
	 */
	@ApplicationModuleListener
	void on(TicketOpened event) {
		List<Event> events = new ArrayList<>();
		events.add(new Event(event.occurredAt(), "TICKET_OPENED", event.account(), "AGENT", event.number(), null,
				event.orderNumber()));
		for (UUID draft : event.drafts()) {
			events.add(new Event(event.occurredAt(), "DRAFT_TICKET", null, null, draft.toString(), null, null));
		}
		this.log.recordAll(events);
	}

	/**
	 * A rating of a solved ticket (a business record): CSAT.
	 */
	@ApplicationModuleListener
	void on(TicketRated event) {
		this.log.record(new Event(event.occurredAt(), "CSAT", event.account(), "PORTAL", event.number(),
				(double) event.score(), null));
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
	 * itself on the day it was opened, if its opening was not counted (tickets opened
	 * before support announced openings).
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

	/**
	 * An order's first parcel shipped: its order-to-ship time in hours, from the order's
	 * {@code ORDER_PLACED} event (an order placed before analytics counted is not
	 * measured). Later parcels of the same order are not counted again.
	 */
	@ApplicationModuleListener
	void on(OrderShipped event) {
		Double hours = this.jdbc.sql("""
				select extract(epoch from ? - min(occurred_at)) / 3600 from analytics_event
				where kind = 'ORDER_PLACED' and subject = ?
				  and not exists (select 1 from analytics_event where kind = 'ORDER_SHIPPED' and subject = ?)""")
			.params(java.sql.Timestamp.from(event.occurredAt()), event.number(), event.number())
			.query((row, n) -> (row.getObject(1) != null) ? row.getDouble(1) : -1.0)
			.single();
		if (hours >= 0) {
			this.log.record(
					new Event(event.occurredAt(), "ORDER_SHIPPED", null, null, event.number(), hours, event.carrier()));
		}
	}

	/**
	 * A vendor's advance ship notice: the purchase order's submitted-to-shipped time in
	 * hours.
	 */
	@ApplicationModuleListener
	void on(PurchaseOrderShipped event) {
		double hours = Duration.between(event.submittedAt(), event.occurredAt()).toSeconds() / 3600.0;
		this.log.record(new Event(event.occurredAt(), "PO_SHIPPED", null, null, event.number(), hours,
				event.vendor().toString()));
	}

	/**
	 * A parcel its carrier reported delivered or returned to the sender.
	 */
	@ApplicationModuleListener
	void on(ParcelConcluded event) {
		this.log.record(new Event(event.occurredAt(),
				"DELIVERED".equals(event.outcome()) ? "PARCEL_DELIVERED" : "PARCEL_RETURNED", null, null,
				event.trackingNumber(), null, event.carrier()));
	}

	@ApplicationModuleListener
	void on(DiscrepancyOpened event) {
		this.log.record(new Event(event.occurredAt(), "PARCEL_DISCREPANCY", null, null, event.trackingNumber(), null,
				event.carrier()));
	}

	@ApplicationModuleListener
	void on(PickupBooked event) {
		this.log.record(new Event(event.occurredAt(), "PICKUP_BOOKED", null, null, event.pickup().toString(), null,
				event.carrier()));
	}

	/**
	 * A pickup collected: value 1 when on time (confirmed, within its window), else 0.
	 */
	@ApplicationModuleListener
	void on(PickupCollected event) {
		this.log.record(new Event(event.occurredAt(), "PICKUP_COLLECTED", null, null, event.pickup().toString(),
				event.onTime() ? 1.0 : 0.0, event.carrier()));
	}

	/**
	 * The customer's account on a usage event if they agreed to be counted, else none.
	 */
	private @Nullable UUID usage(@Nullable UUID account) {
		return (account != null && consented(account)) ? account : null;
	}

	private boolean consented(UUID account) {
		return this.consents.granted(account, Consents.Purpose.ANALYTICS);
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
