package io.concierge.intake;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.concierge.orders.NewOrder;
import io.concierge.shared.NotFound;

/**
 * Takes submissions in: checks the signature, reads the order to answer a malformed one
 * at once, recognises a resend, and stores the submission exactly as it came. Converting
 * it into an order is the {@link SubmissionWorkers}' job.
 */
@Service
public class Submissions {

	private final IntakeChannels channels;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SubmissionWorkers workers;

	Submissions(IntakeChannels channels, JdbcClient jdbc, Clock clock, SubmissionWorkers workers) {
		this.channels = channels;
		this.jdbc = jdbc;
		this.clock = clock;
		this.workers = workers;
	}

	/**
	 * Where a submission stands.
	 */
	public enum State {

		/** Stored, waiting to become an order. */
		RECEIVED,

		/** It is an order now. */
		ACCEPTED,

		/** A check holds it for operations to look at; the reason says why. */
		HELD,

		/** It cannot become an order; the reason says why. */
		REJECTED,

		/** Converting it kept failing. */
		DEAD,

		/** Operations decided it will not become an order. */
		DISCARDED

	}

	/**
	 * @param duplicate whether this answers a resend, with what became of the first
	 * @param orderNumber the order it became, once accepted
	 * @param reason why it was held, rejected, discarded or is dead
	 * @param warnings what the checks noted without stopping it
	 */
	public record Receipt(UUID id, String channel, State state, boolean duplicate, @Nullable String orderNumber,
			@Nullable String reasonCode, @Nullable String reason, @Nullable String warnings) {

	}

	/**
	 * @param headers the request's headers by name
	 * @throws NotFound when there is no such channel
	 * @throws NotSigned when the signature is missing or wrong; nothing is stored
	 * @throws MalformedSubmission when the order cannot be read; nothing is stored
	 * @throws Backlogged when too many of the channel's submissions are waiting
	 */
	@Transactional
	public Receipt submit(String channelKey, byte[] body, UnaryOperator<@Nullable String> headers) {
		IntakeChannels.Channel channel = this.channels.find(channelKey)
			.orElseThrow(() -> new NotFound("intake channel " + channelKey));
		Format format = channel.format();
		if (channel.secret() == null || !Format.signed(body, headers.apply(format.signatureHeader), channel.secret())) {
			throw new NotSigned();
		}
		NewOrder order = format.read(body, channel.organisation());
		String reference = order.externalReference();
		String delivery = headers.apply(format.deliveryHeader);
		if (delivery == null) {
			delivery = headers.apply(format.olderDeliveryHeader);
		}
		if (delivery != null && (delivery.isBlank() || delivery.length() > 200)) {
			throw new MalformedSubmission(format.deliveryHeader, "must be 1 to 200 characters");
		}
		Optional<Receipt> earlier = find(channelKey, delivery, reference);
		if (earlier.isPresent()) {
			return earlier.get();
		}
		long waiting = this.jdbc.sql("""
				select count(*) from (select 1 from intake_submission
				where channel_key = ? and state = 'RECEIVED' limit ?) waiting""")
			.params(channelKey, channel.maxBacklog() + 1)
			.query(Long.class)
			.single();
		if (waiting >= channel.maxBacklog()) {
			throw new Backlogged();
		}
		UUID id = UUID.randomUUID();
		var now = this.clock.instant().atOffset(ZoneOffset.UTC);
		int stored = this.jdbc.sql("""
				insert into intake_submission (id, channel_key, format, organisation_id, delivery_id,
				  external_reference, payload, order_total, currency, received_at, priority, state, next_attempt_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?) on conflict do nothing""")
			.params(id, channelKey, format.name(), channel.organisation(), delivery, reference, body,
					order.totals().grandTotal().amount(), order.totals().grandTotal().currency().getCurrencyCode(), now,
					channel.priority(), now)
			.update();
		if (stored == 0) {
			// sent twice at the same moment: the other one was stored
			return find(channelKey, delivery, reference).orElseThrow();
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				Submissions.this.workers.wakeUp();
			}
		});
		return new Receipt(id, channelKey, State.RECEIVED, false, null, null, null, null);
	}

	/**
	 * What became of a submission to this channel.
	 */
	@Transactional(readOnly = true)
	public Optional<Receipt> find(String channelKey, UUID id) {
		return this.jdbc.sql("select * from intake_submission where channel_key = ? and id = ?")
			.params(channelKey, id)
			.query((rs, n) -> receipt(rs, false))
			.optional();
	}

	private Optional<Receipt> find(String channelKey, @Nullable String delivery, String reference) {
		return this.jdbc.sql("""
				select * from intake_submission where channel_key = :channel
				and (delivery_id = :delivery or external_reference = :reference) limit 1""")
			.param("channel", channelKey)
			.param("delivery", delivery)
			.param("reference", reference)
			.query((rs, n) -> receipt(rs, true))
			.optional();
	}

	private static Receipt receipt(ResultSet rs, boolean duplicate) throws SQLException {
		return new Receipt(rs.getObject("id", UUID.class), rs.getString("channel_key"),
				State.valueOf(rs.getString("state")), duplicate, rs.getString("order_number"),
				rs.getString("reason_code"), rs.getString("reason"), rs.getString("warnings"));
	}

	/**
	 * The signature is missing or does not match the body.
	 */
	public static class NotSigned extends RuntimeException {

		NotSigned() {
			super("The signature is missing or does not match the body");
		}

	}

	/**
	 * Too many of the channel's submissions are waiting.
	 */
	public static class Backlogged extends RuntimeException {

		Backlogged() {
			super("Too many submissions are waiting");
		}

	}

}
