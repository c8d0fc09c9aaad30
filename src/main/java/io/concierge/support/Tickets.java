package io.concierge.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.billing.Billing;
import io.concierge.documents.Documents;
import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.Role;
import io.concierge.orders.OrderDetails;
import io.concierge.orders.OrderQueries;
import io.concierge.shared.NotFound;
import io.concierge.support.SupportEvents.TicketOpened;
import io.concierge.support.SupportEvents.TicketRated;
import io.concierge.support.SupportEvents.TicketReplied;
import io.concierge.support.SupportEvents.TicketSolved;

/**
 * Tickets, from the customer's side and the agent's: opened with their context (checked
 * to be the caller's own), answered, noted, assigned, solved, closed, reopened within 14
 * days, merged and rated. Every step is written with its event, from which handle time
 * and first-contact resolution are measured.
 */
@Service
public class Tickets {

	/** The longest message kept whole; a longer one is refused. */
	static final int LONGEST_MESSAGE = 20_000;

	private final JdbcClient jdbc;

	private final OrderQueries orders;

	private final Billing billing;

	private final Documents documents;

	private final Accounts accounts;

	private final Callers callers;

	private final ServiceLevels serviceLevels;

	private final ReplyAddress replyAddress;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Tickets(JdbcClient jdbc, OrderQueries orders, Billing billing, Documents documents, Accounts accounts,
			Callers callers, ServiceLevels serviceLevels, ReplyAddress replyAddress, ApplicationEventPublisher events,
			Clock clock) {
		this.jdbc = jdbc;
		this.orders = orders;
		this.billing = billing;
		this.documents = documents;
		this.accounts = accounts;
		this.callers = callers;
		this.serviceLevels = serviceLevels;
		this.replyAddress = replyAddress;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A file sent with a message.
	 */
	public record Attachment(String name, byte[] content) {
	}

	/**
	 * A new ticket.
	 *
	 * @param contextKind what it is about: {@code ORDER}, {@code LINE}, {@code PARCEL},
	 * {@code RETURN}, {@code INVOICE}, or null
	 * @param context the order's or the invoice's number
	 * @param contextRef the line number, the parcel's tracking number or the return's id
	 * @param draft the page's draft id, which links the deflection events to it
	 */
	public record NewTicket(String subject, String body, TicketCategory category, @Nullable String contextKind,
			@Nullable String context, @Nullable String contextRef, @Nullable UUID draft,
			@Nullable Attachment attachment) {
	}

	/**
	 * Opens a ticket for the caller.
	 * @throws InvalidTicket when the subject or message is missing or too long, or the
	 * context is not the caller's
	 */
	@Transactional
	public Ticket open(Caller caller, NewTicket request, String via) {
		AccountView customer = this.accounts.find(caller.account()).orElseThrow();
		Opened opened = insert(caller, customer, request, caller.account(), "CUSTOMER", via, customer.email().value(),
				null);
		event(opened.id(), "OPENED", caller.account(), via, opened.at());
		this.jdbc.sql("""
				insert into support_event (kind, draft, account, order_number, ticket, occurred_at)
				values ('TICKET_OPENED', ?, ?, ?, ?, ?)""")
			.params(request.draft(), caller.account(), opened.orderNumber(), opened.id(), ts(opened.at()))
			.update();
		this.events.publishEvent(new TicketOpened(opened.number(), caller.account(),
				"EMAIL".equals(via) ? SupportEvents.Channel.MAIL : SupportEvents.Channel.PORTAL, opened.orderNumber(),
				undeflected(caller.account(), request.draft(), opened.orderNumber(), opened.at()), opened.at()));
		return find(opened.id()).orElseThrow();
	}

	/**
	 * Opens a ticket for a customer as the system, on behalf of someone else (a carrier
	 * reporting the customer's parcel damaged): the customer owns it, sees it among their
	 * tickets and hears of its answers as of any other; its first message is the
	 * system's, and the ticket says who opened it. The context is checked to be the
	 * customer's, as if they had named it. It is not a ticket the customer started, so it
	 * is left out of deflection: no {@code TICKET_OPENED} support event, no draft named
	 * undeflected, and {@link Deflection#rate} does not count it (the request's draft is
	 * ignored).
	 * @param customer the account the ticket is for
	 * @param actor who acted for the opener (their email address), for the document
	 * store's record of an attachment
	 * @throws InvalidTicket as {@link #open}, the context checked to be the customer's
	 */
	@Transactional
	public Ticket openFor(UUID customer, Ticket.Opener opener, String actor, NewTicket request) {
		AccountView account = this.accounts.find(customer).orElseThrow(() -> new NotFound("account " + customer));
		Caller caller = this.callers.of(account.email()::value);
		Opened opened = insert(caller, account, request, null, "SYSTEM", "SYSTEM", actor, opener);
		event(opened.id(), "OPENED", null, "SYSTEM", opened.at());
		this.events.publishEvent(new TicketOpened(opened.number(), customer, SupportEvents.Channel.SYSTEM,
				opened.orderNumber(), List.of(), opened.at()));
		return find(opened.id()).orElseThrow();
	}

	private record Opened(UUID id, String number, @Nullable String orderNumber, Instant at) {
	}

	/**
	 * Writes the ticket, owned by the caller, with its first message.
	 */
	private Opened insert(Caller caller, AccountView customer, NewTicket request, @Nullable UUID author,
			String authorKind, String via, String actor, Ticket.@Nullable Opener opener) {
		String subject = request.subject().strip();
		if (subject.length() < 3 || subject.length() > 200) {
			throw new InvalidTicket("subject");
		}
		String body = body(request.body());
		Context context = context(caller, request);
		Instant now = this.clock.instant();
		String tier = (caller.organisation() != null) ? "BUSINESS" : "STANDARD";
		ServiceLevels.Due due = this.serviceLevels.due(request.category(), tier, now);
		UUID id = UUID.randomUUID();
		long next = this.jdbc.sql("select nextval('ticket_number_seq')").query(Long.class).single();
		String number = "T-" + next;
		this.jdbc.sql("""
				insert into ticket (id, number, account, email, subject, category, tier, status, context_kind,
				  context_ref, order_number, assignee, created_at, updated_at, first_response_due, resolution_due,
				  opener_kind, opener_name)
				values (?, ?, ?, ?, ?, ?, ?, 'NEW', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, number, caller.account(), customer.email().value(), subject, request.category().name(), tier,
					context.kind(), context.ref(), context.orderNumber(), nextAgent(), ts(now), ts(now),
					ts(due.firstResponse()), ts(due.resolution()), (opener != null) ? opener.kind().name() : null,
					(opener != null) ? opener.name() : null)
			.update();
		UUID document = attach(caller.account(), actor, request.attachment());
		message(id, author, authorKind, false, body, via, null, document, opener, now);
		return new Opened(id, number, context.orderNumber(), now);
	}

	/**
	 * The drafts a new ticket means were not deflected, by {@link Deflection}'s formula:
	 * the one it was written in, and the customer's drafts started in the 72 hours before
	 * it about the same order (about anything, when they named none).
	 */
	private List<UUID> undeflected(UUID account, @Nullable UUID draft, @Nullable String orderNumber, Instant now) {
		Timestamp from = ts(now.minus(Deflection.DECIDED_AFTER));
		List<UUID> drafts = new java.util.ArrayList<>(this.jdbc.sql("""
				select draft from support_event
				where draft in (select draft from support_event where account = ? and occurred_at between ? and ?)
				group by draft
				having bool_or(kind = 'TICKET_STARTED') and min(occurred_at) between ? and ?
				  and (max(order_number) is null or max(order_number) = ?)""")
			.params(account, from, ts(now), from, ts(now), orderNumber)
			.query(UUID.class)
			.list());
		if (draft != null && !drafts.contains(draft)) {
			drafts.add(draft);
		}
		return drafts;
	}

	private record Context(@Nullable String kind, @Nullable String ref, @Nullable String orderNumber) {
	}

	private Context context(Caller caller, NewTicket request) {
		if (request.contextKind() == null || request.context() == null || request.context().isBlank()) {
			return new Context(null, null, null);
		}
		String kind = request.contextKind();
		if ("INVOICE".equals(kind)) {
			Billing.Summary invoice = this.billing.summary(caller, request.context())
				.orElseThrow(() -> new InvalidTicket("context"));
			return new Context(kind, invoice.number(), invoice.orderNumber());
		}
		OrderDetails order = this.orders.find(caller, request.context())
			.orElseThrow(() -> new InvalidTicket("context"));
		String ref = request.contextRef();
		switch (kind) {
			case "ORDER" -> ref = null;
			case "LINE" -> {
				if (order.lines()
					.stream()
					.noneMatch((line) -> String.valueOf(line.number()).equals(request.contextRef()))) {
					throw new InvalidTicket("context");
				}
			}
			case "PARCEL" -> {
				if (order.shipments()
					.stream()
					.noneMatch((parcel) -> parcel.trackingNumber() != null
							&& parcel.trackingNumber().equals(request.contextRef()))) {
					throw new InvalidTicket("context");
				}
			}
			case "RETURN" -> {
				if (ref == null || ref.isBlank()) {
					throw new InvalidTicket("context");
				}
			}
			default -> throw new InvalidTicket("context");
		}
		return new Context(kind, ref, order.number());
	}

	/**
	 * The customer's tickets (their own, not their colleagues'), newest first.
	 */
	@Transactional(readOnly = true)
	public List<Ticket> mine(Caller caller) {
		return this.jdbc.sql(SELECT + " where t.account = ? order by t.updated_at desc limit 200")
			.param(caller.account())
			.query(Tickets::ticket)
			.list();
	}

	/**
	 * One of the caller's tickets with its conversation, without the agents' notes.
	 */
	@Transactional(readOnly = true)
	public Optional<Ticket.Thread> thread(Caller caller, String number) {
		return this.jdbc.sql(SELECT + " where t.number = ? and t.account = ?")
			.params(number, caller.account())
			.query(Tickets::ticket)
			.optional()
			.map((ticket) -> new Ticket.Thread(ticket, messages(ticket.id(), false), rating(ticket.id())));
	}

	/**
	 * A ticket with everything, for agents.
	 */
	@Transactional(readOnly = true)
	public Optional<Ticket.Thread> threadForAgent(String number) {
		return this.jdbc.sql(SELECT + " where t.number = ?")
			.param(number)
			.query(Tickets::ticket)
			.optional()
			.map((ticket) -> new Ticket.Thread(ticket, messages(ticket.id(), true), rating(ticket.id())));
	}

	Optional<Ticket> find(UUID id) {
		return this.jdbc.sql(SELECT + " where t.id = ?").param(id).query(Tickets::ticket).optional();
	}

	Optional<Ticket> find(String number) {
		return this.jdbc.sql(SELECT + " where t.number = ?").param(number).query(Tickets::ticket).optional();
	}

	/**
	 * The customer writes again: a ticket waiting on them is open again (its clocks run
	 * on from where they stopped), a solved one reopens within 14 days.
	 * @throws InvalidTicket when it is closed for good or merged
	 */
	@Transactional
	public Ticket reply(Caller caller, String number, String text, @Nullable Attachment attachment) {
		Ticket ticket = owned(caller, number);
		return customerWrote(ticket, body(text), "WEB", null, attachment);
	}

	Ticket customerWrote(Ticket ticket, String body, String via, @Nullable String mailId,
			@Nullable Attachment attachment) {
		Instant now = this.clock.instant();
		if (ticket.mergedInto() != null) {
			throw new InvalidTicket("merged");
		}
		if (!ticket.status().active() && !ticket.reopenable(now)) {
			throw new InvalidTicket("closed");
		}
		UUID document = attach(ticket.account(), ticket.email(), attachment);
		message(ticket.id(), ticket.account(), "CUSTOMER", false, body, via, mailId, document, now);
		if (ticket.status() == TicketStatus.WAITING) {
			resume(ticket, now);
		}
		else if (!ticket.status().active()) {
			reopen(ticket, ticket.account(), now);
		}
		touch(ticket.id(), now);
		event(ticket.id(), "CUSTOMER_REPLIED", ticket.account(), via, now);
		return find(ticket.id()).orElseThrow();
	}

	/**
	 * An agent answers the customer: the first answer stops the first-response clock; the
	 * ticket then waits on the customer, or is solved when the agent says so.
	 */
	@Transactional
	public Ticket answer(AccountView agent, String number, String text, boolean solve) {
		Ticket ticket = find(number).orElseThrow(() -> new NotFound("ticket " + number));
		if (ticket.mergedInto() != null) {
			throw new InvalidTicket("merged");
		}
		String body = body(text);
		Instant now = this.clock.instant();
		if (!ticket.status().active()) {
			// an answer to a solved ticket reopens it; one closed for good is not written
			// in
			if (!ticket.reopenable(now)) {
				throw new InvalidTicket("closed");
			}
			reopen(ticket, agent.id(), now);
		}
		UUID message = message(ticket.id(), agent.id(), "AGENT", false, body, "WEB", null, null, now);
		this.jdbc.sql("""
				update ticket set first_response_at = coalesce(first_response_at, ?),
				  assignee = coalesce(assignee, ?), updated_at = ? where id = ?""")
			.params(ts(now), agent.id(), ts(now), ticket.id())
			.update();
		event(ticket.id(), "AGENT_REPLIED", agent.id(), null, now);
		String inReplyTo = this.jdbc.sql("""
				select mail_id from ticket_message where ticket = ? and author_kind = 'CUSTOMER' and mail_id is not null
				order by created_at desc limit 1""").param(ticket.id()).query(String.class).optional().orElse(null);
		this.events.publishEvent(new TicketReplied(ticket.id(), ticket.number(), ticket.account(), ticket.email(),
				ticket.subject(), agent.displayName(), body, this.replyAddress.forTicket(ticket.number()),
				"ticket-" + message, inReplyTo, ticket.orderNumber(), now));
		if (solve) {
			solve(agent.id(), ticket.number());
		}
		else {
			this.jdbc
				.sql("update ticket set status = 'WAITING', waiting_since = coalesce(waiting_since, ?) where id = ?")
				.params(ts(now), ticket.id())
				.update();
			event(ticket.id(), "WAITING", agent.id(), null, now);
		}
		return find(ticket.id()).orElseThrow();
	}

	/**
	 * A note among agents, which the customer never sees.
	 */
	@Transactional
	public void note(AccountView agent, String number, String text) {
		Ticket ticket = find(number).orElseThrow(() -> new NotFound("ticket " + number));
		Instant now = this.clock.instant();
		message(ticket.id(), agent.id(), "AGENT", true, body(text), "WEB", null, null, now);
		if (ticket.status() == TicketStatus.NEW) {
			this.jdbc.sql("update ticket set status = 'OPEN' where id = ?").param(ticket.id()).update();
		}
		touch(ticket.id(), now);
		event(ticket.id(), "NOTE", agent.id(), null, now);
	}

	@Transactional
	public void assign(UUID by, String number, @Nullable UUID agent) {
		Ticket ticket = find(number).orElseThrow(() -> new NotFound("ticket " + number));
		if (agent != null && this.accounts.find(agent).filter((account) -> account.role() != Role.CUSTOMER).isEmpty()) {
			throw new InvalidTicket("assignee");
		}
		this.jdbc.sql("update ticket set assignee = ? where id = ?").params(agent, ticket.id()).update();
		event(ticket.id(), "ASSIGNED", by, (agent != null) ? agent.toString() : null, this.clock.instant());
	}

	/**
	 * Solves a ticket; its customer is asked how it went.
	 */
	@Transactional
	public void solve(UUID by, String number) {
		Ticket ticket = find(number).orElseThrow(() -> new NotFound("ticket " + number));
		if (!ticket.status().active()) {
			return;
		}
		Instant now = this.clock.instant();
		this.jdbc.sql(
				"update ticket set status = 'SOLVED', solved_at = ?, waiting_since = null, updated_at = ? where id = ?")
			.params(ts(now), ts(now), ticket.id())
			.update();
		event(ticket.id(), "SOLVED", by, null, now);
		this.events.publishEvent(new TicketSolved(ticket.id(), ticket.number(), ticket.account(), ticket.email(),
				ticket.subject(), this.replyAddress.forTicket(ticket.number()), ticket.orderNumber(), now));
	}

	/**
	 * The customer closes their ticket: nothing more is needed.
	 */
	@Transactional
	public void close(Caller caller, String number) {
		Ticket ticket = owned(caller, number);
		if (ticket.status() == TicketStatus.CLOSED) {
			return;
		}
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				update ticket set status = 'CLOSED', closed_at = ?, solved_at = coalesce(solved_at, ?),
				  waiting_since = null, updated_at = ? where id = ?""")
			.params(ts(now), ts(now), ts(now), ticket.id())
			.update();
		event(ticket.id(), "CLOSED", caller.account(), null, now);
	}

	/**
	 * The customer reopens a solved or closed ticket, within 14 days.
	 */
	@Transactional
	public void reopen(Caller caller, String number) {
		Ticket ticket = owned(caller, number);
		Instant now = this.clock.instant();
		if (!ticket.reopenable(now)) {
			throw new InvalidTicket("closed");
		}
		reopen(ticket, caller.account(), now);
	}

	private void reopen(Ticket ticket, UUID by, Instant now) {
		ServiceLevels.Due due = this.serviceLevels.due(ticket.category(), ticket.tier(), now);
		this.jdbc.sql("""
				update ticket set status = 'OPEN', solved_at = null, closed_at = null, breached = null,
				  resolution_due = ?, updated_at = ? where id = ?""")
			.params(ts(due.resolution()), ts(now), ticket.id())
			.update();
		event(ticket.id(), "REOPENED", by, null, now);
	}

	private void resume(Ticket ticket, Instant now) {
		Instant due = this.serviceLevels.resumed(ticket.resolutionDue(),
				(ticket.waitingSince() != null) ? ticket.waitingSince() : now, now);
		this.jdbc.sql("update ticket set status = 'OPEN', waiting_since = null, resolution_due = ? where id = ?")
			.params(ts(due), ticket.id())
			.update();
	}

	/**
	 * Merges a duplicate into another ticket of the same customer: its conversation moves
	 * there, and it is closed with a pointer to the other.
	 */
	@Transactional
	public void merge(UUID by, String duplicate, String into) {
		Ticket from = find(duplicate).orElseThrow(() -> new NotFound("ticket " + duplicate));
		Ticket to = find(into).orElseThrow(() -> new InvalidTicket("merge"));
		if (from.id().equals(to.id()) || !from.account().equals(to.account()) || to.mergedInto() != null) {
			throw new InvalidTicket("merge");
		}
		Instant now = this.clock.instant();
		this.jdbc.sql("update ticket_message set ticket = ? where ticket = ?").params(to.id(), from.id()).update();
		message(to.id(), null, "SYSTEM", false, "Merged " + from.number() + ": " + from.subject(), "SYSTEM", null, null,
				now);
		this.jdbc.sql("""
				update ticket set status = 'CLOSED', merged_into = ?, closed_at = ?, solved_at = coalesce(solved_at, ?),
				  updated_at = ? where id = ?""").params(to.id(), ts(now), ts(now), ts(now), from.id()).update();
		touch(to.id(), now);
		event(from.id(), "MERGED", by, to.number(), now);
	}

	/**
	 * The customer's rating of a solved ticket, once.
	 * @return whether it was taken; false when the ticket was rated before
	 */
	@Transactional
	public boolean rate(Caller caller, String number, int score, @Nullable String comment) {
		Ticket ticket = owned(caller, number);
		if (score < 1 || score > 5) {
			throw new InvalidTicket("score");
		}
		if (ticket.status().active()) {
			throw new InvalidTicket("unsolved");
		}
		String text = (comment == null || comment.isBlank()) ? null : comment.strip();
		if (text != null && text.length() > 2000) {
			throw new InvalidTicket("comment");
		}
		Instant now = this.clock.instant();
		boolean taken = this.jdbc.sql(
				"insert into ticket_rating (ticket, score, comment, rated_at) values (?, ?, ?, ?) on conflict do nothing")
			.params(ticket.id(), score, text, ts(now))
			.update() == 1;
		if (taken) {
			event(ticket.id(), "RATED", caller.account(), String.valueOf(score), now);
			this.events.publishEvent(new TicketRated(ticket.number(), ticket.account(), score, now));
		}
		return taken;
	}

	/**
	 * Records that an agent opened the ticket, which shows them the customer's orders and
	 * invoices: handle time runs from here to their answer, and the audit trail says who
	 * looked at the customer's data and for which ticket, which the customer sees.
	 */
	@Transactional
	public void viewed(UUID agent, String agentEmail, Ticket ticket, String origin) {
		Instant now = this.clock.instant();
		event(ticket.id(), "VIEWED", agent, null, now);
		this.events.publishEvent(new SupportEvents.CustomerDataOpened(agentEmail, ticket.number(), origin, now));
	}

	private Ticket owned(Caller caller, String number) {
		return this.jdbc.sql(SELECT + " where t.number = ? and t.account = ?")
			.params(number, caller.account())
			.query(Tickets::ticket)
			.optional()
			.orElseThrow(() -> new NotFound("ticket " + number));
	}

	/**
	 * The agent whose turn it is: support's agents in turn, by email address.
	 */
	private @Nullable UUID nextAgent() {
		List<UUID> agents = this.accounts.withRole(Role.AGENT).stream().map(AccountView::id).toList();
		if (agents.isEmpty()) {
			return null;
		}
		UUID last = this.jdbc.sql("select last_agent from support_rotation where id = 1 for update")
			.query(UUID.class)
			.optional()
			.orElse(null);
		int index = (last == null) ? -1 : agents.indexOf(last);
		UUID next = agents.get((index + 1) % agents.size());
		this.jdbc.sql("update support_rotation set last_agent = ? where id = 1").param(next).update();
		return next;
	}

	private @Nullable UUID attach(UUID owner, String actor, @Nullable Attachment attachment) {
		if (attachment == null || attachment.content().length == 0) {
			return null;
		}
		return this.documents
			.keep(owner, actor, "support", io.concierge.documents.DocumentKind.GENERAL, attachment.name(),
					attachment.content())
			.id();
	}

	UUID message(UUID ticket, @Nullable UUID author, String kind, boolean internal, String body, String via,
			@Nullable String mailId, @Nullable UUID document, Instant now) {
		return message(ticket, author, kind, internal, body, via, mailId, document, null, now);
	}

	/**
	 * @param opener on whose behalf the system writes it, if it does
	 */
	private UUID message(UUID ticket, @Nullable UUID author, String kind, boolean internal, String body, String via,
			@Nullable String mailId, @Nullable UUID document, Ticket.@Nullable Opener opener, Instant now) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into ticket_message (id, ticket, author, author_kind, internal, body, via, mail_id, document,
				  opener_kind, opener_name, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, ticket, author, kind, internal, body, via, mailId, document,
					(opener != null) ? opener.kind().name() : null, (opener != null) ? opener.name() : null, ts(now))
			.update();
		return id;
	}

	private void touch(UUID ticket, Instant now) {
		this.jdbc.sql("update ticket set updated_at = ? where id = ?").params(ts(now), ticket).update();
	}

	void event(UUID ticket, String kind, @Nullable UUID actor, @Nullable String detail, Instant now) {
		this.jdbc.sql("insert into ticket_event (ticket, kind, actor, detail, occurred_at) values (?, ?, ?, ?, ?)")
			.params(ticket, kind, actor, detail, ts(now))
			.update();
	}

	private List<Ticket.Message> messages(UUID ticket, boolean withNotes) {
		java.util.Map<UUID, String> names = new java.util.HashMap<>();
		return this.jdbc.sql("""
				select id, author, author_kind, internal, body, via, document, created_at, opener_kind, opener_name
				from ticket_message where ticket = ? and (? or not internal) order by created_at, id""")
			.params(ticket, withNotes)
			.query((row, n) -> {
				UUID author = row.getObject(2, UUID.class);
				String name = (author != null) ? names.computeIfAbsent(author,
						(id) -> this.accounts.find(id).map(AccountView::displayName).orElse("")) : null;
				Ticket.Opener opener = (row.getString(9) != null)
						? new Ticket.Opener(Ticket.Opener.Kind.valueOf(row.getString(9)), row.getString(10)) : null;
				return new Ticket.Message(row.getObject(1, UUID.class), author, name, row.getString(3),
						row.getBoolean(4), row.getString(5), row.getString(6), row.getObject(7, UUID.class),
						row.getTimestamp(8).toInstant(), opener);
			})
			.list();
	}

	private @Nullable Integer rating(UUID ticket) {
		return this.jdbc.sql("select score from ticket_rating where ticket = ?")
			.param(ticket)
			.query(Integer.class)
			.optional()
			.orElse(null);
	}

	static String body(String text) {
		String body = text.strip();
		if (body.isEmpty()) {
			throw new InvalidTicket("body");
		}
		if (body.length() > LONGEST_MESSAGE) {
			throw new InvalidTicket("long");
		}
		return body;
	}

	static final String SELECT = """
			select t.id, t.number, t.account, t.email, t.subject, t.category, t.tier, t.status, t.context_kind,
			  t.context_ref, t.order_number, t.assignee, m.number as merged_number, t.created_at, t.updated_at,
			  t.first_response_due, t.resolution_due, t.first_response_at, t.waiting_since, t.solved_at, t.closed_at,
			  t.breached, t.opener_kind, t.opener_name
			from ticket t left join ticket m on m.id = t.merged_into""";

	static Ticket ticket(ResultSet row, int n) throws SQLException {
		return new Ticket(row.getObject("id", UUID.class), row.getString("number"),
				row.getObject("account", UUID.class), row.getString("email"), row.getString("subject"),
				TicketCategory.valueOf(row.getString("category")), row.getString("tier"),
				TicketStatus.valueOf(row.getString("status")), row.getString("context_kind"),
				row.getString("context_ref"), row.getString("order_number"), row.getObject("assignee", UUID.class),
				row.getString("merged_number"), instant(row, "created_at"), instant(row, "updated_at"),
				instant(row, "first_response_due"), instant(row, "resolution_due"),
				nullableInstant(row, "first_response_at"), nullableInstant(row, "waiting_since"),
				nullableInstant(row, "solved_at"), nullableInstant(row, "closed_at"), row.getString("breached"),
				(row.getString("opener_kind") != null) ? new Ticket.Opener(
						Ticket.Opener.Kind.valueOf(row.getString("opener_kind")), row.getString("opener_name")) : null);
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		return row.getTimestamp(column).toInstant();
	}

	private static @Nullable Instant nullableInstant(ResultSet row, String column) throws SQLException {
		Timestamp value = row.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}

}
