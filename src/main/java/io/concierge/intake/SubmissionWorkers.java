package io.concierge.intake;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.orders.NewOrder;
import io.concierge.orders.OrderManagement;
import io.concierge.shared.StorableText;

/**
 * Turns stored submissions into orders. Each worker takes the most urgent waiting
 * submission with {@code FOR UPDATE SKIP LOCKED}, so several workers and nodes share the
 * queue, and places its order in the same transaction that marks it accepted: after a
 * crash at any moment a submission is either still waiting or an order, never both, never
 * lost. A submission that cannot become an order is rejected with its reason; one that
 * fails for another reason is tried again later, each time waiting about twice as long,
 * and after the last attempt it is dead.
 */
@Component
class SubmissionWorkers implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SubmissionWorkers.class);

	private static final Duration FIRST_RETRY = Duration.ofSeconds(2);

	private static final Duration LONGEST_RETRY = Duration.ofMinutes(10);

	/**
	 * How long a submission of a channel queued through Kafka is left to its message
	 * before the workers take it anyway: the message may have been lost in a crash.
	 */
	static final Duration KAFKA_GRACE = Duration.ofMinutes(2);

	private final Semaphore work = new Semaphore(0);

	private final List<Thread> threads = new ArrayList<>();

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final OrderManagement orders;

	private final Accounts accounts;

	private final IntakeChannels channels;

	private final IntakeRules rules;

	private final Acknowledgements acknowledgements;

	private final ObjectProvider<PurchaseOrderReceiver> receivers;

	private final Clock clock;

	private final int workers;

	private final int attempts;

	/** How many submissions a worker converts in one transaction. */
	private final int batchSize;

	private volatile boolean running;

	SubmissionWorkers(JdbcClient jdbc, TransactionTemplate transactions, OrderManagement orders, Accounts accounts,
			IntakeChannels channels, IntakeRules rules, Acknowledgements acknowledgements,
			ObjectProvider<PurchaseOrderReceiver> receivers, Clock clock,
			@Value("${concierge.intake.workers:2}") int workers, @Value("${concierge.intake.attempts:8}") int attempts,
			@Value("${concierge.intake.batch-size:20}") int batchSize) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.orders = orders;
		this.accounts = accounts;
		this.channels = channels;
		this.rules = rules;
		this.acknowledgements = acknowledgements;
		this.receivers = receivers;
		this.clock = clock;
		this.workers = workers;
		this.attempts = attempts;
		this.batchSize = batchSize;
	}

	/**
	 * The channels queued through Kafka, separated by commas.
	 */
	private String kafkaChannels() {
		return this.channels.all()
			.entrySet()
			.stream()
			.filter((channel) -> channel.getValue().queue() == IntakeChannels.Queue.KAFKA)
			.map(java.util.Map.Entry::getKey)
			.collect(java.util.stream.Collectors.joining(","));
	}

	/**
	 * Work has come in on this node; other nodes' submissions are found by polling.
	 */
	void wakeUp() {
		this.work.release(this.workers);
	}

	@Override
	public void start() {
		this.running = true;
		for (int i = 0; i < this.workers; i++) {
			this.threads.add(Thread.ofVirtual().name("intake-" + i).start(this::work));
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.threads.forEach(Thread::interrupt);
		this.threads.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void work() {
		while (this.running) {
			try {
				if (!convertNext()) {
					this.work.tryAcquire(1, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				if (this.running) {
					log.warn("Intake worker could not reach the queue; trying again in a second", ex);
					pause();
				}
			}
		}
	}

	/**
	 * @return whether there was a submission to convert
	 */
	boolean convertNext() {
		return convert(this.jdbc.sql("""
				select id, channel_key, format, organisation_id, payload from intake_submission
				where state = 'RECEIVED' and next_attempt_at <= :now
				  and (channel_key <> all(string_to_array(:kafka, ',')) or attempts > 0 or received_at < :unsent)
				order by priority desc, received_at limit :batch for update skip locked""")
			.param("now", now())
			.param("kafka", kafkaChannels())
			.param("unsent", now().minus(KAFKA_GRACE))
			.param("batch", this.batchSize));
	}

	/**
	 * Converts this submission, unless it is no longer waiting or another worker has it:
	 * a message from Kafka, which may come twice.
	 * @return whether there was a submission to convert
	 */
	boolean convert(UUID id) {
		return convert(this.jdbc.sql("""
				select id, channel_key, format, organisation_id, payload from intake_submission
				where id = ? and state = 'RECEIVED' for update skip locked""").param(id));
	}

	/**
	 * Converts the submissions claimed in one transaction, so their orders are written
	 * and indexed together; when one fails, all are rolled back and converted one by one,
	 * so only that one is retried or rejected.
	 */
	private boolean convert(JdbcClient.StatementSpec claim) {
		List<UUID> taken = new ArrayList<>();
		try {
			return Boolean.TRUE.equals(this.transactions.execute((status) -> {
				List<Claimed> claimed = claim.query(Claimed::read).list();
				for (Claimed submission : claimed) {
					taken.add(submission.id());
					convert(submission, null);
				}
				return !claimed.isEmpty();
			}));
		}
		catch (RuntimeException ex) {
			if (taken.isEmpty()) {
				throw ex;
			}
			if (taken.size() == 1) {
				failed(taken.getFirst(), ex);
			}
			else if (ex instanceof PurchaseOrderReceiver.Refused) {
				// the receiver refused the last one taken: rejected now, so that it is
				// not handed over, and its refusal recorded, a second time
				failed(taken.getLast(), ex);
				taken.subList(0, taken.size() - 1).forEach(this::convert);
			}
			else {
				taken.forEach(this::convert);
			}
			return true;
		}
	}

	/**
	 * Reads the submission again, checks it against its channel's rules (unless
	 * operations approved it) and places its order, or holds or rejects it.
	 * @param approver who approved a held submission; null when the rules apply
	 */
	void convert(Claimed claimed, @Nullable String approver) {
		if (claimed.format() == Format.VENDOR_X12) {
			handOver(claimed);
			return;
		}
		NewOrder order = owned(claimed.format().read(claimed.payload(), claimed.organisation()));
		List<IntakeRules.Finding> findings = (approver == null) ? this.channels.find(claimed.channel())
			.map((channel) -> this.rules.check(order, channel))
			.orElse(List.of()) : List.of();
		String warnings = findings.stream()
			.filter((finding) -> finding.action() == IntakeRules.Action.WARN)
			.map(IntakeRules.Finding::reason)
			.reduce((a, b) -> a + "; " + b)
			.orElse(null);
		IntakeRules.Finding stop = findings.stream()
			.filter((finding) -> finding.action() != IntakeRules.Action.WARN)
			.findFirst()
			.orElse(null);
		if (stop != null) {
			stopped(claimed, (stop.action() == IntakeRules.Action.REJECT) ? "REJECTED" : "HELD", stop.code(),
					stop.reason(), warnings);
			return;
		}
		if (approver == null && order.unclaimable()) {
			stopped(claimed, "HELD", "NO_CUSTOMER",
					"No customer: no email address, company or delivery postal code, so nobody could find this order."
							+ " Approve to take it in as it is, or discard it.",
					warnings);
			return;
		}
		String number = this.orders.place(order);
		if (claimed.format() == Format.X12) {
			this.acknowledgements.purchaseOrder(claimed.channel(), claimed.payload(), claimed.organisation(), number);
		}
		this.jdbc.sql("""
				update intake_submission set state = 'ACCEPTED', order_number = ?, warnings = ?, reason_code = null,
				  reason = null, attempts = attempts + 1, processed_at = ? where id = ?""")
			.params(number, warnings, now(), claimed.id())
			.update();
	}

	/**
	 * Hands a vendor's purchase order to its receiver once its envelope is sound, and
	 * answers it with a 997 accepting it.
	 * @throws MalformedSubmission when its segments cannot be read as an 850's
	 * @throws PurchaseOrderReceiver.Refused when the receiver refuses it
	 * @throws IllegalStateException while no module receives purchase orders (tried
	 * again)
	 */
	private void handOver(Claimed claimed) {
		X12Orders.Interchange interchange = X12Orders.envelopes(claimed.payload());
		List<X12Orders.Problem> problems = X12Orders.problems(interchange);
		if (!problems.isEmpty()) {
			throw new MalformedSubmission(null, X12Orders.inWords(problems));
		}
		PurchaseOrderReceiver receiver = this.receivers.getIfAvailable();
		if (receiver == null) {
			throw new IllegalStateException("No module takes vendors' purchase orders in");
		}
		String number = receiver.receive(purchaseOrder(claimed.id(), claimed.channel(), claimed.payload()));
		this.acknowledgements.purchaseOrder(claimed.channel(), claimed.id(), claimed.payload(), true);
		this.jdbc.sql("""
				update intake_submission set state = 'ACCEPTED', order_number = ?, reason_code = null, reason = null,
				  reason_details = null, attempts = attempts + 1, processed_at = ? where id = ?""")
			.params(number, now(), claimed.id())
			.update();
	}

	/**
	 * The vendor's purchase order as the receiver is given it.
	 * @throws IllegalArgumentException when the channel is no vendor's
	 */
	private PurchaseOrderReceiver.PurchaseOrder purchaseOrder(UUID id, String channel, byte[] payload) {
		UUID vendor = PurchaseOrderIntake.vendor(channel);
		if (vendor == null) {
			throw new IllegalArgumentException("The channel " + channel + " is no vendor's");
		}
		return this.jdbc.sql("select sent_by, sent_from from intake_submission where id = ?")
			.param(id)
			.query((rs, n) -> new PurchaseOrderReceiver.PurchaseOrder(id, vendor, payload,
					String.valueOf(rs.getString("sent_by")), String.valueOf(rs.getString("sent_from"))))
			.single();
	}

	private void stopped(Claimed claimed, String state, String code, String reason, @Nullable String warnings) {
		this.jdbc.sql("""
				update intake_submission set state = ?, reason_code = ?, reason = ?, warnings = ?,
				  attempts = attempts + 1, processed_at = ? where id = ?""")
			.params(state, code, reason, warnings, now(), claimed.id())
			.update();
	}

	/**
	 * The order for the customer's account when they have one with that email address,
	 * confirmed; otherwise as it came (the channel's company, or the guest's address).
	 */
	private NewOrder owned(NewOrder order) {
		if (order.customerEmail() == null || order.organisation() != null) {
			return order;
		}
		return this.accounts.findByEmail(order.customerEmail())
			.filter(AccountView::emailVerified)
			.map((account) -> new NewOrder(order.channel(), order.externalReference(), order.purchaseOrder(),
					account.id(), null, order.placedAt(), order.lines(), order.shipTo(), order.billTo(), order.totals(),
					order.notes(), order.customerEmail()))
			.orElse(order);
	}

	/**
	 * Records why the submission could not be converted: rejected when it can never
	 * become an order, tried again later otherwise, dead after the last attempt. When
	 * even that cannot be written, the attempt is still counted, so a submission that
	 * breaks every write still ends dead instead of being taken again and again.
	 * @throws RuntimeException only when the database cannot be written at all
	 */
	private void failed(UUID id, RuntimeException ex) {
		try {
			this.transactions.executeWithoutResult((status) -> outcome(id, ex));
		}
		catch (RuntimeException unwritten) {
			log.error("Intake submission {} failed and its outcome could not be written; counting the attempt", id,
					unwritten);
			this.transactions.executeWithoutResult(
					(status) -> attempted(id, "It could not be converted (" + ex.getClass().getSimpleName()
							+ "), and that could not be recorded (" + unwritten.getClass().getSimpleName() + ")"));
		}
	}

	private void outcome(UUID id, RuntimeException ex) {
		String code = (ex instanceof PurchaseOrderReceiver.Refused refused) ? refused.code()
				: (ex instanceof MalformedSubmission) ? "MALFORMED" : (ex instanceof IllegalArgumentException)
						? "INVALID_ORDER" : (ex instanceof DataIntegrityViolationException) ? "CONFLICT" : null;
		if (code != null) {
			String details = (ex instanceof PurchaseOrderReceiver.Refused refused) ? refused.details() : null;
			int rejected = this.jdbc.sql("""
					update intake_submission set state = 'REJECTED', reason_code = ?, reason = ?, reason_details = ?,
					  attempts = attempts + 1, processed_at = ? where id = ? and state = 'RECEIVED'""")
				.params(code, reason(ex), (details != null) ? StorableText.printable(details) : null, now(), id)
				.update();
			if (rejected > 0) {
				refused(id, ex);
			}
			return;
		}
		int tried = attempted(id, reason(ex));
		if (tried >= this.attempts) {
			log.error("Intake submission {} failed {} times; it is a dead letter now", id, tried, ex);
		}
		else {
			log.warn("Intake submission {} failed (attempt {} of {}); trying again later: {}", id, tried, this.attempts,
					ex.toString());
		}
	}

	/**
	 * Answers a vendor's purchase order rejected with a 997 refusing it, and tells the
	 * receiver when intake rejected it itself; any other submission is left as it is.
	 */
	private void refused(UUID id, RuntimeException ex) {
		Claimed claimed = this.jdbc
			.sql("select id, channel_key, format, organisation_id, payload from intake_submission where id = ?")
			.param(id)
			.query(Claimed::read)
			.single();
		if (claimed.format() != Format.VENDOR_X12) {
			return;
		}
		try {
			this.acknowledgements.purchaseOrder(claimed.channel(), id, claimed.payload(), false);
		}
		catch (MalformedSubmission unreadable) {
			// not X12 at all, so there are no delimiters to answer in
		}
		PurchaseOrderReceiver receiver = this.receivers.getIfAvailable();
		if (receiver != null && !(ex instanceof PurchaseOrderReceiver.Refused)
				&& PurchaseOrderIntake.vendor(claimed.channel()) != null) {
			receiver.rejected(purchaseOrder(id, claimed.channel(), claimed.payload()), reason(ex));
		}
	}

	/**
	 * Counts a failed attempt: the submission waits longer for the next one, or is dead
	 * after the last.
	 * @return the attempts made
	 */
	private int attempted(UUID id, String reason) {
		int tried = this.jdbc.sql("select attempts + 1 from intake_submission where id = ? for update")
			.param(id)
			.query(Integer.class)
			.single();
		if (tried >= this.attempts) {
			this.jdbc.sql("""
					update intake_submission set state = 'DEAD', reason_code = 'FAILED', reason = ?,
					  attempts = ?, processed_at = ? where id = ? and state = 'RECEIVED'""")
				.params(reason, tried, now(), id)
				.update();
		}
		else {
			this.jdbc.sql(
					"update intake_submission set attempts = ?, next_attempt_at = ? where id = ? and state = 'RECEIVED'")
				.params(tried, now().plus(backoff(tried)), id)
				.update();
		}
		return tried;
	}

	/**
	 * Twice as long after each attempt, up to ten minutes, less a random part of up to
	 * half, so submissions that failed together do not all come back together.
	 */
	static Duration backoff(int attempt) {
		long full = Math.min(FIRST_RETRY.toMillis() << Math.min(attempt - 1, 20), LONGEST_RETRY.toMillis());
		return Duration.ofMillis(full - ThreadLocalRandom.current().nextLong(full / 2 + 1));
	}

	/**
	 * The exception's message, short and storable: it may quote the text that failed.
	 */
	private static String reason(RuntimeException ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		return StorableText.printable((message.length() > 500) ? message.substring(0, 500) : message);
	}

	private java.time.OffsetDateTime now() {
		return Instant.now(this.clock).atOffset(ZoneOffset.UTC);
	}

	private void pause() {
		try {
			Thread.sleep(1_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A submission a worker or an operator took to convert, locked.
	 */
	record Claimed(UUID id, String channel, Format format, @Nullable UUID organisation, byte[] payload) {

		static Claimed read(ResultSet rs, int row) throws SQLException {
			return new Claimed(rs.getObject("id", UUID.class), rs.getString("channel_key"),
					Format.valueOf(rs.getString("format")), rs.getObject("organisation_id", UUID.class),
					rs.getBytes("payload"));
		}

	}

}
