package io.concierge.support;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.identity.Caller;

/**
 * Answers that find the customer while they write a ticket, and the measure of how often
 * that spares them the ticket.
 * <p>
 * <b>The formula.</b> A ticket draft is started when the customer first types a subject
 * (one draft id per visit of the form). It is <em>deflected</em> when, after an article
 * or the order's live state was shown to them and they opened an article or were shown
 * the state, no ticket was opened from that draft, and none by the same customer about
 * the same order (about anything, when the draft named no order) within 72 hours of the
 * draft's start. Deflection rate = deflected drafts / started drafts, over drafts started
 * at least 72 hours ago (younger ones are not decided yet). The raw events stay in
 * {@code support_event} for the analytics module.
 * <p>
 * Only tickets the customer opened count against a draft: one the system opened for them
 * on someone else's behalf ({@link Tickets#openFor}: a carrier reporting their parcel
 * damaged) says nothing about whether an article or the order's state answered them, so
 * it neither undoes a draft nor is recorded as {@code TICKET_OPENED}.
 */
@Service
public class Deflection {

	static final Duration DECIDED_AFTER = Duration.ofHours(72);

	private static final Set<String> KINDS = Set.of("TICKET_STARTED", "ARTICLE_SHOWN", "ARTICLE_VIEWED", "STATE_SHOWN",
			"ASSISTANT_ANSWERED", "ASSISTANT_HANDOVER");

	private final KnowledgeBase knowledgeBase;

	private final OrderStates states;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Deflection(KnowledgeBase knowledgeBase, OrderStates states, JdbcClient jdbc, ApplicationEventPublisher events,
			Clock clock) {
		this.knowledgeBase = knowledgeBase;
		this.states = states;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * What the form shows beside the subject as it is typed.
	 *
	 * @param state the order's live state, when the ticket is about an order of the
	 * caller's
	 */
	public record Suggestions(List<KnowledgeBase.Hit> articles, @Nullable String state) {

		public boolean empty() {
			return this.articles.isEmpty() && this.state == null;
		}

	}

	@Transactional
	public Suggestions suggest(Caller caller, UUID draft, String subject, @Nullable String orderNumber, Locale locale,
			ZoneId zone) {
		List<KnowledgeBase.Hit> articles = this.knowledgeBase.suggest(subject, locale.getLanguage(), 3);
		String state = (orderNumber != null && !orderNumber.isBlank())
				? this.states.describe(caller, orderNumber, locale, zone).orElse(null) : null;
		if (subject.strip().length() >= 3) {
			record(caller, draft, "TICKET_STARTED", orderNumber, null);
		}
		for (KnowledgeBase.Hit article : articles) {
			record(caller, draft, "ARTICLE_SHOWN", orderNumber, article.slug());
		}
		if (state != null) {
			record(caller, draft, "STATE_SHOWN", orderNumber, null);
		}
		return new Suggestions(articles, state);
	}

	/**
	 * Records one step of a draft; a draft is started once, an article shown once. The
	 * start and the first evidence of help (an article opened, the state shown) are
	 * announced, for analytics to apply the same formula.
	 */
	@Transactional
	public void record(Caller caller, UUID draft, String kind, @Nullable String orderNumber, @Nullable String article) {
		if (!KINDS.contains(kind)) {
			throw new IllegalArgumentException(kind);
		}
		Instant now = this.clock.instant();
		boolean first = this.jdbc.sql("""
				insert into support_event (kind, draft, account, order_number, article, occurred_at)
				select ?, ?, ?, ?, ?, ? where not exists (
				  select 1 from support_event where draft = ? and kind = ? and coalesce(article, '') = coalesce(?, '')
				    and ? in ('TICKET_STARTED', 'ARTICLE_SHOWN', 'ARTICLE_VIEWED', 'STATE_SHOWN'))""")
			.params(kind, draft, caller.account(), blankToNull(orderNumber), article, Timestamp.from(now), draft, kind,
					article, kind)
			.update() == 1;
		if (first && kind.equals("TICKET_STARTED")) {
			this.events
				.publishEvent(new SupportEvents.DraftStarted(draft, caller.account(), blankToNull(orderNumber), now));
		}
		else if (first && (kind.equals("ARTICLE_VIEWED") || kind.equals("STATE_SHOWN"))) {
			this.events.publishEvent(new SupportEvents.DraftHelped(draft, now));
		}
	}

	public record Rate(long started, long deflected) {

		public double rate() {
			return (this.started == 0) ? 0 : (double) this.deflected / this.started;
		}

	}

	/**
	 * The deflection rate of the drafts started in the period (and decided by now).
	 */
	@Transactional(readOnly = true)
	public Rate rate(Instant from, Instant to) {
		Instant decided = this.clock.instant().minus(DECIDED_AFTER);
		Instant until = to.isBefore(decided) ? to : decided;
		return this.jdbc.sql("""
				with drafts as (
				  select draft, min(account::text)::uuid as account, max(order_number) as order_number,
				         min(occurred_at) as started_at,
				         bool_or(kind in ('ARTICLE_VIEWED', 'STATE_SHOWN')) as helped,
				         bool_or(kind = 'TICKET_OPENED') as opened
				  from support_event where draft is not null group by draft
				  having bool_or(kind = 'TICKET_STARTED')
				)
				select count(*), count(*) filter (where helped and not opened and not exists (
				  select 1 from ticket t where t.account = d.account and t.opener_kind is null
				    and t.created_at between d.started_at and d.started_at + interval '72 hours'
				    and (d.order_number is null or t.order_number = d.order_number)))
				from drafts d where d.started_at >= ? and d.started_at < ?""")
			.params(Timestamp.from(from), Timestamp.from(until))
			.query((row, n) -> new Rate(row.getLong(1), row.getLong(2)))
			.single();
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
