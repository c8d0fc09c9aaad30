package io.concierge.intake;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.intake.Submissions.State;
import io.concierge.shared.AuditableEvent;
import io.concierge.shared.NotFound;

/**
 * What operations look after: submissions held by a check, rejected, or dead after their
 * attempts. Grouped by cause and sorted by what is at stake, so the costliest problem is
 * first: their value weighted by their channel's priority (key accounts' channels have
 * the higher ones), then the oldest; each can be approved (held), corrected, replayed
 * after a fix, or discarded with a reason, and every such decision goes to the audit
 * trail.
 */
@Service
public class DeadLetters {

	/** How many of a group's submissions a page shows. */
	private static final int SHOWN = 20;

	private final JdbcClient jdbc;

	private final SubmissionWorkers workers;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	DeadLetters(JdbcClient jdbc, SubmissionWorkers workers, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.workers = workers;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Submissions that share a state and a cause, e.g. 42 held for "Unknown SKU ABC-1".
	 *
	 * @param value the sum of their grand totals (currencies mixed only when the channels
	 * are)
	 */
	public record Group(State state, String reasonCode, String reason, int count, BigDecimal value, Instant oldest,
			List<Letter> letters) {

	}

	/**
	 * @param format what the channel sent
	 * @param sentBy who sent it, when the sender signed in (a vendor's person or system)
	 * rather than signed it
	 */
	public record Letter(UUID id, String channel, String externalReference, BigDecimal total, String currency,
			Instant receivedAt, State state, String reasonCode, String reason, @Nullable String warnings, int attempts,
			Format format, @Nullable String sentBy) {

		/**
		 * Whether operations may correct it: a vendor's purchase order is the vendor's to
		 * correct and send again.
		 */
		public boolean correctable() {
			return this.format != Format.VENDOR_X12;
		}

	}

	/**
	 * A decision about a submission, for the audit trail.
	 */
	public record SubmissionHandled(String actor, String subject, String change, String origin,
			Instant occurredAt) implements AuditableEvent {

		@Override
		public String action() {
			return "intake.submission." + this.change;
		}

	}

	@Transactional(readOnly = true)
	public List<Group> groups() {
		List<Group> groups = new ArrayList<>();
		this.jdbc.sql("""
				select state, reason_code, reason, count(*) as count, sum(order_total) as value,
				  min(received_at) as oldest
				from intake_submission where state in ('HELD', 'REJECTED', 'DEAD')
				group by state, reason_code, reason
				order by sum(order_total * priority) desc, min(received_at) limit 50""")
			.query((rs, n) -> new Group(State.valueOf(rs.getString("state")), rs.getString("reason_code"),
					rs.getString("reason"), rs.getInt("count"), rs.getBigDecimal("value"),
					rs.getObject("oldest", OffsetDateTime.class).toInstant(), List.of()))
			.list()
			.forEach((group) -> groups.add(new Group(group.state(), group.reasonCode(), group.reason(), group.count(),
					group.value(), group.oldest(), letters(group))));
		return groups;
	}

	private List<Letter> letters(Group group) {
		return this.jdbc.sql("""
				select * from intake_submission where state = ? and reason_code = ? and reason = ?
				order by order_total * priority desc, received_at limit ?""")
			.params(group.state().name(), group.reasonCode(), group.reason(), SHOWN)
			.query((rs, n) -> letter(rs))
			.list();
	}

	@Transactional(readOnly = true)
	public Optional<Letter> find(UUID id) {
		return this.jdbc.sql("select * from intake_submission where id = ?")
			.param(id)
			.query((rs, n) -> letter(rs))
			.optional();
	}

	/**
	 * The submission as it came, as text (bytes that are not UTF-8 replaced), for reading
	 * and correcting; at most 200,000 characters.
	 */
	@Transactional(readOnly = true)
	public String payload(UUID id) {
		byte[] payload = this.jdbc.sql("select payload from intake_submission where id = ?")
			.param(id)
			.query(byte[].class)
			.optional()
			.orElseThrow(() -> new NotFound("submission " + id));
		String text = new String(payload, StandardCharsets.UTF_8);
		return (text.length() > 200_000) ? text.substring(0, 200_000) : text;
	}

	/**
	 * Makes a held submission an order although a check held it.
	 * @throws NotFound when it is not held
	 */
	@Transactional
	public void approve(UUID id, String actor, String origin) {
		SubmissionWorkers.Claimed claimed = this.jdbc.sql("""
				select id, channel_key, format, organisation_id, payload from intake_submission
				where id = ? and state = 'HELD' for update""")
			.param(id)
			.query(SubmissionWorkers.Claimed::read)
			.optional()
			.orElseThrow(() -> new NotFound("held submission " + id));
		this.workers.convert(claimed, actor);
		handled(id, actor, "approved", origin);
	}

	/**
	 * Puts a held, rejected or dead submission back in the queue, with fresh attempts,
	 * after its rule or mapping was fixed.
	 * @throws NotFound when it is not one of those
	 */
	@Transactional
	public void replay(UUID id, String actor, String origin) {
		if (requeue(id) == 0) {
			throw new NotFound("dead letter " + id);
		}
		handled(id, actor, "replayed", origin);
	}

	/**
	 * Replays every submission of a group.
	 * @return how many
	 */
	@Transactional
	public int replayAll(State state, String reasonCode, String reason, String actor, String origin) {
		List<UUID> ids = this.jdbc.sql("""
				select id from intake_submission where state = ? and reason_code = ? and reason = ?
				and state in ('HELD', 'REJECTED', 'DEAD') for update""")
			.params(state.name(), reasonCode, reason)
			.query(UUID.class)
			.list();
		ids.forEach((id) -> {
			requeue(id);
			handled(id, actor, "replayed", origin);
		});
		return ids.size();
	}

	/**
	 * Corrects a submission's body and replays it.
	 * @throws MalformedSubmission when the new body cannot be read; nothing changes
	 */
	@Transactional
	public void correct(UUID id, String body, String actor, String origin) {
		Letter letter = find(id).filter((found) -> found.state() != State.ACCEPTED && found.state() != State.RECEIVED)
			.orElseThrow(() -> new NotFound("dead letter " + id));
		SubmissionWorkers.Claimed stored = this.jdbc
			.sql("select id, channel_key, format, organisation_id, payload from intake_submission where id = ?")
			.param(id)
			.query(SubmissionWorkers.Claimed::read)
			.single();
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		var order = stored.format().read(bytes, stored.organisation());
		if (!letter.externalReference().equals(order.externalReference())) {
			throw new MalformedSubmission(null, "the order's own id must stay " + letter.externalReference());
		}
		this.jdbc.sql("update intake_submission set payload = ?, order_total = ?, currency = ? where id = ?")
			.params(bytes, order.totals().grandTotal().amount(),
					order.totals().grandTotal().currency().getCurrencyCode(), id)
			.update();
		requeue(id);
		handled(id, actor, "corrected", origin);
	}

	/**
	 * A company's user corrects one of the company's rejected submissions and sends it
	 * again.
	 * @throws NotFound unless it is the company's and rejected
	 * @throws MalformedSubmission when the new body cannot be read; nothing changes
	 */
	@Transactional
	public void correctOwn(UUID organisation, UUID id, String body, String actor, String origin) {
		int own = this.jdbc
			.sql("select count(*) from intake_submission where id = ? and organisation_id = ? and state = 'REJECTED'")
			.params(id, organisation)
			.query(Integer.class)
			.single();
		if (own == 0) {
			throw new NotFound("rejected submission " + id);
		}
		correct(id, body, actor, origin);
	}

	/**
	 * Decides a held, rejected or dead submission will not become an order.
	 * @throws IllegalArgumentException without a reason
	 */
	@Transactional
	public void discard(UUID id, String why, String actor, String origin) {
		if (why.isBlank() || why.length() > 500) {
			throw new IllegalArgumentException("Say in up to 500 characters why it is discarded");
		}
		int changed = this.jdbc.sql("""
				update intake_submission set state = 'DISCARDED', reason_code = 'DISCARDED', reason = ?,
				  handled_by = ?, handled_at = ? where id = ? and state in ('HELD', 'REJECTED', 'DEAD')""")
			.params(why.strip(), actor, now(), id)
			.update();
		if (changed == 0) {
			throw new NotFound("dead letter " + id);
		}
		handled(id, actor, "discarded", origin);
	}

	private int requeue(UUID id) {
		int changed = this.jdbc.sql("""
				update intake_submission set state = 'RECEIVED', attempts = 0, next_attempt_at = ?,
				  reason_code = null, reason = null, reason_details = null, warnings = null
				where state in ('HELD', 'REJECTED', 'DEAD') and id = ?""").params(now(), id).update();
		if (changed > 0) {
			this.workers.wakeUp();
		}
		return changed;
	}

	private void handled(UUID id, String actor, String change, String origin) {
		this.events.publishEvent(new SubmissionHandled(actor, id.toString(), change, origin, this.clock.instant()));
	}

	private OffsetDateTime now() {
		return this.clock.instant().atOffset(ZoneOffset.UTC);
	}

	private static Letter letter(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Letter(rs.getObject("id", UUID.class), rs.getString("channel_key"),
				rs.getString("external_reference"), rs.getBigDecimal("order_total").stripTrailingZeros(),
				rs.getString("currency"), rs.getObject("received_at", OffsetDateTime.class).toInstant(),
				State.valueOf(rs.getString("state")), rs.getString("reason_code"), rs.getString("reason"),
				rs.getString("warnings"), rs.getInt("attempts"), Format.valueOf(rs.getString("format")),
				rs.getString("sent_by"));
	}

}
