package io.concierge.analytics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adds new raw events to the sums per day and metric ({@code analytics_daily}), from the
 * last event id added (the watermark) on, at most {@link #BATCH} events per transaction;
 * and decides drafts for deflection once they are 72 hours old. The analytics page reads
 * only these sums, so it costs the same after years of events.
 */
@Service
public class Rollups {

	private static final Logger log = LoggerFactory.getLogger(Rollups.class);

	static final long BATCH = 200_000;

	static final Duration DECIDED_AFTER = Duration.ofHours(72);

	/** Customer interactions: what counts towards adoption and active customers. */
	static final String INTERACTIONS = "('STATUS_CHECK', 'ARTICLE_VIEW', 'ASSISTANT_CHAT', 'TICKET_OPENED', "
			+ "'RETURN_REQUESTED', 'CHANGE_REQUESTED')";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Rollups(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${concierge.analytics.rollup-interval:PT1M}",
			initialDelayString = "${concierge.analytics.rollup-interval:PT1M}")
	void scheduled() {
		catchUp();
	}

	/**
	 * Adds every event written so far; returns how many.
	 */
	public long catchUp() {
		long added = 0;
		long step;
		do {
			step = this.transactions.execute((status) -> step());
			added += step;
		}
		while (step >= BATCH);
		if (added > 0) {
			log.debug("Added {} analytics events to the daily sums", added);
		}
		return added;
	}

	private long step() {
		// waits for the writers in flight; new ones wait for this transaction
		this.jdbc.sql("select 1 from (select pg_advisory_xact_lock(?)) locked")
			.param(EventLog.LOCK)
			.query(Integer.class)
			.single();
		long from = this.jdbc.sql("select last_id from analytics_watermark where name = 'rollup' for update")
			.query(Long.class)
			.single();
		long to = this.jdbc.sql("select least(coalesce(max(id), ?), ?) from analytics_event")
			.params(from, from + BATCH)
			.query(Long.class)
			.single();
		if (to > from) {
			addEvents(from, to);
			addActiveCustomers(from, to);
			this.jdbc.sql("update analytics_watermark set last_id = ? where name = 'rollup'").param(to).update();
		}
		decideDrafts();
		return to - from;
	}

	private void addEvents(long from, long to) {
		this.jdbc.sql("""
				insert into analytics_daily as d (day, metric, dimension, count, sum)
				select (e.occurred_at at time zone 'UTC')::date, m.metric, left(coalesce(m.dimension, ''), 100),
				       count(*), coalesce(sum(m.amount), 0)
				from analytics_event e cross join lateral (values
				  ('interactions', e.channel, null::double precision,
				     e.kind in %1$s and e.channel is not null),
				  ('needs', case when e.channel = 'PORTAL' then 'self' else 'agent' end, null,
				     e.kind in ('STATUS_CHECK', 'TICKET_OPENED', 'RETURN_REQUESTED', 'CHANGE_REQUESTED')
				     or (e.kind = 'ASSISTANT_CHAT' and e.value = 1)),
				  ('status_checks', e.channel, null, e.kind = 'STATUS_CHECK'),
				  ('orders', '', null, e.kind = 'ORDER_PLACED'),
				  ('tickets', '', null, e.kind = 'TICKET_OPENED'),
				  ('articles', e.subject, null, e.kind = 'ARTICLE_VIEW'),
				  ('searches', lower(trim(e.subject)), e.value, e.kind = 'SEARCH'),
				  ('zero_searches', lower(trim(e.subject)), null, e.kind = 'SEARCH' and e.value = 0),
				  ('return_reasons', e.detail, null, e.kind = 'RETURN_REQUESTED'),
				  ('handle_time', '', e.value, e.kind = 'AGENT_REPLY' and e.value is not null),
				  ('resolution_time', '', e.value, e.kind = 'TICKET_SOLVED' and e.value is not null),
				  ('first_contact', e.detail, null, e.kind = 'TICKET_SOLVED' and e.detail is not null),
				  ('csat', round(e.value)::int::text, e.value, e.kind = 'CSAT'),
				  ('nps', case when e.value >= 9 then 'promoter' when e.value >= 7 then 'passive' else 'detractor' end,
				     e.value, e.kind = 'NPS'),
				  ('parcels_delivered', e.detail, null, e.kind = 'PARCEL_DELIVERED'),
				  ('misdeliveries', case when e.kind = 'PARCEL_RETURNED' then 'returned' else 'discrepancy' end, null,
				     e.kind in ('PARCEL_RETURNED', 'PARCEL_DISCREPANCY')),
				  ('pickups_booked', e.detail, null, e.kind = 'PICKUP_BOOKED'),
				  ('pickups_on_time', e.detail, null, e.kind = 'PICKUP_COLLECTED' and e.value = 1),
				  ('order_to_ship', '', e.value, e.kind = 'ORDER_SHIPPED' and e.value is not null),
				  ('po_to_ship', '', e.value, e.kind = 'PO_SHIPPED' and e.value is not null)
				) as m(metric, dimension, amount, applies)
				where e.id > ? and e.id <= ? and m.applies
				group by 1, 2, 3
				on conflict (day, metric, dimension)
				do update set count = d.count + excluded.count, sum = d.sum + excluded.sum""".formatted(INTERACTIONS))
			.params(from, to)
			.update();
	}

	/**
	 * Customers active on a day, and those of them active through the portal: each
	 * counted once a day, however many events they had.
	 */
	private void addActiveCustomers(long from, long to) {
		this.jdbc
			.sql("""
					with fresh as (
					  select (occurred_at at time zone 'UTC')::date as day, account, bool_or(channel = 'PORTAL') as portal
					  from analytics_event
					  where id > ? and id <= ? and account is not null and kind in %1$s
					  group by 1, 2
					), changed as (
					  insert into analytics_active as a (day, account, portal)
					  select day, account, portal from fresh
					  on conflict (day, account) do update set portal = true where not a.portal and excluded.portal
					  returning a.day, (a.xmax = 0) as inserted, a.portal
					)
					insert into analytics_daily as d (day, metric, dimension, count, sum)
					select c.day, 'active_customers', v.dimension, count(*), 0
					from changed c cross join lateral (values ('all', c.inserted), ('portal', c.portal)) as v(dimension, applies)
					where v.applies
					group by 1, 3
					on conflict (day, metric, dimension)
					do update set count = d.count + excluded.count, sum = d.sum + excluded.sum"""
				.formatted(INTERACTIONS))
			.params(from, to)
			.update();
	}

	/**
	 * Support's deflection formula (see {@code io.concierge.support.Deflection}) on the
	 * raw events: a draft is deflected when the customer was helped (an article opened or
	 * the order's state shown: a {@code DRAFT_HELPED} event, or a simulated draft's value
	 * 1) and no ticket of theirs followed within 72 hours about the same order (about
	 * anything, when the draft named none). Support names the drafts each new ticket
	 * undoes ({@code DRAFT_TICKET}), which decides a draft kept without its customer too;
	 * the account rule decides the simulated ones. Drafts are decided once, when 72 hours
	 * old, in the order they started.
	 */
	private void decideDrafts() {
		Instant until = this.clock.instant().minus(DECIDED_AFTER);
		Timestamp since = this.jdbc.sql(
				"select coalesce(decided_until, (select min(occurred_at) from analytics_event where kind = 'DRAFT_STARTED')) "
						+ "from analytics_watermark where name = 'rollup'")
			.query((row, n) -> row.getTimestamp(1))
			.list()
			.stream()
			.filter(java.util.Objects::nonNull)
			.findFirst()
			.orElse(null);
		if (since == null || !since.toInstant().isBefore(until)) {
			return;
		}
		int decided = this.jdbc.sql("""
				insert into analytics_daily as d (day, metric, dimension, count, sum)
				select (s.occurred_at at time zone 'UTC')::date, 'deflection',
				       case when (s.value = 1 or exists (
				         select 1 from analytics_event h where h.kind = 'DRAFT_HELPED' and h.subject = s.subject))
				         and not exists (
				         select 1 from analytics_event o where o.kind = 'DRAFT_TICKET' and o.subject = s.subject)
				         and not exists (
				         select 1 from analytics_event t where t.kind = 'TICKET_OPENED' and t.account = s.account
				           and t.occurred_at between s.occurred_at and s.occurred_at + interval '72 hours'
				           and (s.detail is null or t.detail = s.detail))
				       then 'deflected' else 'not deflected' end, count(*), 0
				from analytics_event s
				where s.kind = 'DRAFT_STARTED' and s.occurred_at >= ? and s.occurred_at < ?
				group by 1, 3
				on conflict (day, metric, dimension)
				do update set count = d.count + excluded.count, sum = d.sum + excluded.sum""")
			.params(since, Timestamp.from(until))
			.update();
		if (decided == 0) {
			// nothing to decide yet: the watermark stays, so the sums' version (which the
			// page's reports are kept by) moves only when the sums do
			return;
		}
		this.jdbc.sql("update analytics_watermark set decided_until = ? where name = 'rollup'")
			.param(Timestamp.from(until))
			.update();
	}

	/**
	 * The time up to which drafts are decided, if any were.
	 */
	public Instant decidedUntil() {
		return this.jdbc.sql("select coalesce(decided_until, 'epoch') from analytics_watermark where name = 'rollup'")
			.query(Timestamp.class)
			.single()
			.toInstant();
	}

}
