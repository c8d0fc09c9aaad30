package io.concierge.support;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.support.SupportEvents.TicketBreached;

/**
 * The agents' queue: tickets filtered by status, category, assignee and breach, the most
 * urgent first; the agents' saved views of it; and the watch that flags tickets past
 * their service level and tells whom they are assigned to.
 */
@Service
public class SupportQueue {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SupportQueue(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * @param status a status, {@code ACTIVE} (new, open or waiting: the default) or
	 * {@code ALL}
	 * @param assignee {@code me}, {@code none}, or null for anyone
	 * @param breached only those past a service level
	 * @param text words of the subject, a ticket's, order's or customer's email
	 */
	public record Filter(@Nullable String status, @Nullable TicketCategory category, @Nullable String assignee,
			boolean breached, @Nullable String text) {

		public String query() {
			StringBuilder query = new StringBuilder();
			append(query, "status", this.status);
			append(query, "category", (this.category != null) ? this.category.name() : null);
			append(query, "assignee", this.assignee);
			append(query, "breached", this.breached ? "true" : null);
			append(query, "text", this.text);
			return query.toString();
		}

		private static void append(StringBuilder query, String name, @Nullable String value) {
			if (value != null && !value.isBlank()) {
				query.append(query.isEmpty() ? "" : "&")
					.append(name)
					.append('=')
					.append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
			}
		}

	}

	@Transactional(readOnly = true)
	public List<Ticket> list(UUID agent, Filter filter) {
		StringBuilder where = new StringBuilder(" where true");
		List<Object> params = new ArrayList<>();
		String status = (filter.status() == null || filter.status().isBlank()) ? "ACTIVE" : filter.status();
		if ("ACTIVE".equals(status)) {
			where.append(" and t.status in ('NEW', 'OPEN', 'WAITING')");
		}
		else if (java.util.Arrays.stream(TicketStatus.values()).anyMatch((known) -> known.name().equals(status))) {
			where.append(" and t.status = ?");
			params.add(status);
		}
		if (filter.category() != null) {
			where.append(" and t.category = ?");
			params.add(filter.category().name());
		}
		if ("me".equals(filter.assignee())) {
			where.append(" and t.assignee = ?");
			params.add(agent);
		}
		else if ("none".equals(filter.assignee())) {
			where.append(" and t.assignee is null");
		}
		if (filter.breached()) {
			where.append(" and t.breached is not null");
		}
		if (filter.text() != null && !filter.text().isBlank()) {
			String like = "%" + filter.text()
				.strip()
				.toLowerCase(java.util.Locale.ROOT)
				.replace("\\", "\\\\")
				.replace("%", "\\%")
				.replace("_", "\\_") + "%";
			where.append(" and (lower(t.subject) like ? or lower(t.number) like ? or lower(t.email) like ?"
					+ " or lower(coalesce(t.order_number, '')) like ?)");
			params.add(like);
			params.add(like);
			params.add(like);
			params.add(like);
		}
		return this.jdbc
			.sql(Tickets.SELECT + where + " order by (t.breached is null), t.status = 'WAITING',"
					+ " least(case when t.first_response_at is null then t.first_response_due end, t.resolution_due)"
					+ " limit 200")
			.params(params)
			.query(Tickets::ticket)
			.list();
	}

	public record SavedView(UUID id, String name, String query) {
	}

	@Transactional(readOnly = true)
	public List<SavedView> views(UUID agent) {
		return this.jdbc.sql("select id, name, query from support_saved_view where agent = ? order by name")
			.param(agent)
			.query((row, n) -> new SavedView(row.getObject(1, UUID.class), row.getString(2), row.getString(3)))
			.list();
	}

	@Transactional
	public void saveView(UUID agent, String name, Filter filter) {
		String title = name.strip();
		if (title.isEmpty() || title.length() > 60) {
			throw new InvalidTicket("view");
		}
		this.jdbc.sql("""
				insert into support_saved_view (id, agent, name, query) values (?, ?, ?, ?)
				on conflict (agent, name) do update set query = excluded.query""")
			.params(UUID.randomUUID(), agent, title, filter.query())
			.update();
	}

	public record CannedReply(UUID id, String title, String body) {
	}

	@Transactional(readOnly = true)
	public List<CannedReply> cannedReplies() {
		return this.jdbc.sql("select id, title, body from canned_reply order by title")
			.query((row, n) -> new CannedReply(row.getObject(1, UUID.class), row.getString(2), row.getString(3)))
			.list();
	}

	/**
	 * Flags the active tickets that have just missed a service level (one statement: two
	 * nodes never flag one twice) and tells whom each is assigned to.
	 */
	@Scheduled(fixedDelayString = "${concierge.support.sla-check:PT1M}", initialDelayString = "PT30S")
	@Transactional
	public int flagBreaches() {
		Instant now = this.clock.instant();
		List<TicketBreached> breached = this.jdbc.sql("""
				update ticket set breached = case when first_response_at is null and first_response_due < ?
				  then 'FIRST_RESPONSE' else 'RESOLUTION' end
				where breached is null and status in ('NEW', 'OPEN')
				  and ((first_response_at is null and first_response_due < ?) or resolution_due < ?)
				returning id, number, assignee, breached, subject""")
			.params(Timestamp.from(now), Timestamp.from(now), Timestamp.from(now))
			.query((row, n) -> new TicketBreached(row.getObject(1, UUID.class), row.getString(2),
					row.getObject(3, UUID.class), row.getString(4), row.getString(5), now))
			.list();
		for (TicketBreached event : breached) {
			this.jdbc.sql("insert into ticket_event (ticket, kind, detail, occurred_at) values (?, 'BREACHED', ?, ?)")
				.params(event.ticket(), event.which(), Timestamp.from(now))
				.update();
			this.events.publishEvent(event);
		}
		return breached.size();
	}

}
