package io.concierge.intake;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.concierge.orders.NewOrder;
import io.concierge.shared.Money;
import io.concierge.shared.NotFound;

/**
 * Takes submissions in: checks the signature, reads the order to answer a malformed one
 * at once, recognises a resend, and stores the submission exactly as it came. Converting
 * it into an order is the {@link SubmissionWorkers}' job.
 */
@Service
public class Submissions {

	/** The channel key of batches uploaded by companies' users in the portal. */
	public static final String PORTAL = "portal-upload";

	private final IntakeChannels channels;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SubmissionWorkers workers;

	private final Acknowledgements acknowledgements;

	private final ObjectProvider<KafkaQueue> kafka;

	Submissions(IntakeChannels channels, JdbcClient jdbc, Clock clock, SubmissionWorkers workers,
			Acknowledgements acknowledgements, ObjectProvider<KafkaQueue> kafka) {
		this.channels = channels;
		this.jdbc = jdbc;
		this.clock = clock;
		this.workers = workers;
		this.acknowledgements = acknowledgements;
		this.kafka = kafka;
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
	 * What became of a batch: a receipt per order read, and the rows that could not be
	 * read, by line (for X12, by segment). Orders with a bad row are not stored.
	 *
	 * @param leftOut the header and the rows not taken in, as CSV to correct and send
	 * again
	 * @param acknowledgement the 997 answering an X12 interchange
	 */
	public record BatchReceipt(List<Receipt> orders, List<CsvOrders.Problem> problems, @Nullable String leftOut,
			@Nullable UUID acknowledgement) {

	}

	/**
	 * Takes one order in.
	 * @param headers the request's headers by name
	 * @throws NotFound when there is no such channel
	 * @throws NotSigned when the signature is missing or wrong; nothing is stored
	 * @throws MalformedSubmission when the order cannot be read; nothing is stored
	 * @throws Backlogged when too many of the channel's submissions are waiting
	 */
	@Transactional
	public Receipt submit(String channelKey, byte[] body, UnaryOperator<@Nullable String> headers) {
		IntakeChannels.Channel channel = signed(channelKey, body, headers);
		Format format = channel.format();
		if (format == Format.CSV || format == Format.X12) {
			throw new MalformedSubmission(null, "this channel takes batches of orders");
		}
		if (format == Format.AMAZON) {
			throw new MalformedSubmission(null, "this channel's orders are fetched from the marketplace");
		}
		NewOrder order = format.read(body, channel.organisation());
		String delivery = headers.apply(format.deliveryHeader);
		if (delivery == null) {
			delivery = headers.apply(format.olderDeliveryHeader);
		}
		if (delivery != null && (delivery.isBlank() || delivery.length() > 200)) {
			throw new MalformedSubmission(format.deliveryHeader, "must be 1 to 200 characters");
		}
		return store(channelKey, format, channel.organisation(), delivery, order, body, channel.priority(),
				channel.maxBacklog());
	}

	/**
	 * Takes a CSV batch in from a signed channel: each order that can be read is stored
	 * as a submission of its own; the rows that cannot are reported.
	 * @throws MalformedSubmission when the file as a whole cannot be read
	 * @see #submit
	 */
	@Transactional
	public BatchReceipt submitBatch(String channelKey, byte[] body, UnaryOperator<@Nullable String> headers) {
		IntakeChannels.Channel channel = signed(channelKey, body, headers);
		if (channel.format() != Format.CSV) {
			throw new MalformedSubmission(null, "this channel takes one order at a time");
		}
		return batch(channelKey, channel.organisation(), body, channel.priority(), channel.maxBacklog(),
				channel.mapping());
	}

	/**
	 * Takes a CSV batch in that a company's user uploaded in the portal: its orders are
	 * the company's.
	 */
	@Transactional
	public BatchReceipt upload(UUID organisation, byte[] body) {
		return batch(PORTAL, organisation, body, 5, 10_000, CsvColumns.Mapping.NONE);
	}

	/**
	 * What an upload would take in, without taking anything in: the orders it holds, the
	 * rows that cannot be read, and the columns taken under another name.
	 * @throws MalformedSubmission when the file as a whole cannot be read
	 */
	public Preview preview(UUID organisation, byte[] body) {
		CsvOrders.Batch batch = CsvOrders.read(body, organisation, CsvColumns.Mapping.NONE);
		return new Preview(batch.orders()
			.stream()
			.map((order) -> new Preview.Order(order.reference(), order.order().placedAt(), order.order().lines().size(),
					order.order().totals().grandTotal()))
			.toList(), batch.problems(), batch.renamed());
	}

	/**
	 * What a CSV file holds.
	 *
	 * @param renamed the file's columns taken as one of Concierge's, with its name
	 */
	public record Preview(List<Order> orders, List<CsvOrders.Problem> problems, Map<String, String> renamed) {

		/**
		 * An order of the file.
		 */
		public record Order(String reference, Instant placedAt, int lines, Money total) {

		}

	}

	private BatchReceipt batch(String channelKey, @Nullable UUID organisation, byte[] body, int priority,
			int maxBacklog, CsvColumns.Mapping mapping) {
		CsvOrders.Batch batch = CsvOrders.read(body, organisation, mapping);
		List<Receipt> receipts = new ArrayList<>();
		for (CsvOrders.Order order : batch.orders()) {
			receipts.add(store(channelKey, Format.CSV, organisation, null, order.order(), order.csv(), priority,
					maxBacklog));
		}
		return new BatchReceipt(receipts, batch.problems(), batch.leftOut(), null);
	}

	/**
	 * Takes an X12 interchange in from a signed channel: each purchase order that can be
	 * read is stored as a submission of its own, and a 997 answers the whole interchange,
	 * stored even when nothing else is.
	 * @throws MalformedSubmission when it is not an X12 interchange at all
	 * @see #submit
	 */
	@Transactional
	public BatchReceipt submitInterchange(String channelKey, byte[] body, UnaryOperator<@Nullable String> headers) {
		return interchange(channelKey, signed(channelKey, body, headers), body);
	}

	/**
	 * Takes an X12 interchange in from the channel's inbound folder.
	 * @see #submitInterchange
	 */
	@Transactional
	BatchReceipt receiveInterchange(String channelKey, byte[] body) {
		return interchange(channelKey, this.channels.find(channelKey).orElseThrow(), body);
	}

	private BatchReceipt interchange(String channelKey, IntakeChannels.Channel channel, byte[] body) {
		if (channel.format() != Format.X12) {
			throw new MalformedSubmission(null, "this channel does not take X12");
		}
		X12Orders.Interchange interchange = X12Orders.read(body, channel.organisation());
		List<Receipt> receipts = new ArrayList<>();
		List<CsvOrders.Problem> problems = new ArrayList<>();
		interchange.problems().forEach((problem) -> problems.add(problem.asRow()));
		for (X12Orders.Group group : interchange.groups()) {
			group.problems().forEach((problem) -> problems.add(problem.asRow()));
			for (X12Orders.Transaction transaction : group.transactions()) {
				transaction.problems().forEach((problem) -> problems.add(problem.asRow()));
				if (transaction.accepted() && group.problems().isEmpty() && interchange.accepted()) {
					receipts.add(store(channelKey, Format.X12, channel.organisation(), null, transaction.order(),
							X12Orders.alone(interchange, group, transaction), channel.priority(),
							channel.maxBacklog()));
				}
			}
		}
		return new BatchReceipt(receipts, problems, null, this.acknowledgements.functional(channelKey, interchange));
	}

	/**
	 * Stores an order a poller fetched. One that cannot be read is stored too, for the
	 * workers to reject with the reason: no one else would hear of it.
	 * @throws Backlogged when too many of the channel's submissions are waiting
	 */
	void polled(String channelKey, IntakeChannels.Channel channel, String reference, byte[] payload) {
		Money total;
		try {
			total = channel.format().read(payload, channel.organisation()).totals().grandTotal();
		}
		catch (MalformedSubmission ex) {
			total = Money.zero(Currency.getInstance("XXX"));
		}
		store(channelKey, channel.format(), channel.organisation(), null, reference, total, payload, channel.priority(),
				channel.maxBacklog());
	}

	private IntakeChannels.Channel signed(String channelKey, byte[] body, UnaryOperator<@Nullable String> headers) {
		IntakeChannels.Channel channel = this.channels.find(channelKey)
			.orElseThrow(() -> new NotFound("intake channel " + channelKey));
		if (channel.secret() == null
				|| !Format.signed(body, headers.apply(channel.format().signatureHeader), channel.secret())) {
			throw new NotSigned();
		}
		return channel;
	}

	private Receipt store(String channelKey, Format format, @Nullable UUID organisation, @Nullable String delivery,
			NewOrder order, byte[] payload, int priority, int maxBacklog) {
		return store(channelKey, format, organisation, delivery, String.valueOf(order.externalReference()),
				order.totals().grandTotal(), payload, priority, maxBacklog);
	}

	private Receipt store(String channelKey, Format format, @Nullable UUID organisation, @Nullable String delivery,
			String reference, Money total, byte[] payload, int priority, int maxBacklog) {
		return store(channelKey, format, organisation, delivery, reference, total, payload, priority, maxBacklog, null,
				null);
	}

	/**
	 * Stores a submission as it came, unless it is a resend: the same delivery id or the
	 * same reference on the channel.
	 * @param sentBy who sent it, when the sender signed in rather than signed it
	 * @param sentFrom the address it came from, then
	 * @return the receipt, of the earlier submission for a resend
	 * @throws Backlogged when too many of the channel's submissions are waiting
	 */
	Receipt store(String channelKey, Format format, @Nullable UUID organisation, @Nullable String delivery,
			String reference, Money total, byte[] payload, int priority, int maxBacklog, @Nullable String sentBy,
			@Nullable String sentFrom) {
		Optional<Receipt> earlier = find(channelKey, delivery, reference);
		if (earlier.isPresent()) {
			return earlier.get();
		}
		long waiting = this.jdbc.sql("""
				select count(*) from (select 1 from intake_submission
				where channel_key = ? and state = 'RECEIVED' limit ?) waiting""")
			.params(channelKey, maxBacklog + 1)
			.query(Long.class)
			.single();
		if (waiting >= maxBacklog) {
			throw new Backlogged();
		}
		UUID id = UUID.randomUUID();
		var now = this.clock.instant().atOffset(ZoneOffset.UTC);
		int stored = this.jdbc.sql("""
				insert into intake_submission (id, channel_key, format, organisation_id, delivery_id,
				  external_reference, payload, order_total, currency, received_at, priority, state, next_attempt_at,
				  sent_by, sent_from)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?, ?) on conflict do nothing""")
			.params(id, channelKey, format.name(), organisation, delivery, reference, payload, total.amount(),
					total.currency().getCurrencyCode(), now, priority, now, sentBy, sentFrom)
			.update();
		if (stored == 0) {
			// sent twice at the same moment: the other one was stored
			return find(channelKey, delivery, reference).orElseThrow();
		}
		boolean throughKafka = this.channels.find(channelKey)
			.map((channel) -> channel.queue() == IntakeChannels.Queue.KAFKA)
			.orElse(false);
		KafkaQueue kafka = throughKafka ? this.kafka.getIfAvailable() : null;
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				if (kafka != null) {
					kafka.send(channelKey, reference, id);
				}
				else {
					Submissions.this.workers.wakeUp();
				}
			}
		});
		return new Receipt(id, channelKey, State.RECEIVED, false, null, null, null, null);
	}

	/**
	 * An order a company sent, uploaded or through its own channel (CSV, EDI), and what
	 * became of it.
	 */
	public record Upload(UUID id, String channel, String reference, Instant receivedAt, State state,
			@Nullable String orderNumber, @Nullable String reason) {

		/**
		 * Whether the company may correct it and send it again: it was rejected.
		 */
		public boolean correctable() {
			return this.state == State.REJECTED;
		}

	}

	/**
	 * The company's latest submissions from every channel, newest first.
	 */
	@Transactional(readOnly = true)
	public List<Upload> uploads(@Nullable UUID organisation, int latest) {
		return this.jdbc.sql("""
				select id, channel_key, external_reference, received_at, state, order_number, reason
				from intake_submission where organisation_id = ? order by received_at desc limit ?""")
			.params(organisation, latest)
			.query((rs, n) -> upload(rs))
			.list();
	}

	/**
	 * A company's submission and what it held, as text.
	 */
	public record Sent(Upload upload, String body) {

	}

	/**
	 * One of the company's submissions.
	 */
	@Transactional(readOnly = true)
	public Optional<Sent> upload(UUID organisation, UUID id) {
		return this.jdbc.sql("""
				select id, channel_key, external_reference, received_at, state, order_number, reason, payload
				from intake_submission where organisation_id = ? and id = ?""")
			.params(organisation, id)
			.query((rs, n) -> new Sent(upload(rs), new String(rs.getBytes("payload"), StandardCharsets.UTF_8)))
			.optional();
	}

	private static Upload upload(ResultSet rs) throws SQLException {
		return new Upload(rs.getObject("id", UUID.class), rs.getString("channel_key"),
				rs.getString("external_reference"), rs.getObject("received_at", OffsetDateTime.class).toInstant(),
				State.valueOf(rs.getString("state")), rs.getString("order_number"), rs.getString("reason"));
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

		public NotSigned() {
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
