package io.concierge.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.identity.AccountEvents.Recipient;
import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.privacy.PrivacyEvents.AccountErased;
import io.concierge.privacy.PrivacyEvents.ErasureCancelled;
import io.concierge.privacy.PrivacyEvents.ErasureScheduled;
import io.concierge.shared.DataSubject;
import io.concierge.shared.PersonalData;
import io.concierge.shared.PersonalData.Blocker;
import io.concierge.shared.PersonalData.Erased;

/**
 * Deleting an account: asked for by its owner, done after a grace period in which it can
 * be cancelled, put off while an order is open or an invoice unpaid (the customer is told
 * what), then every module erases or pseudonymises what it keeps about the person in one
 * transaction, and a signed receipt says what was erased and what is kept by law.
 */
@Service
public class Erasures {

	private static final Logger logger = LoggerFactory.getLogger(Erasures.class);

	/** How long a due erasure waits for what must be settled before it is tried again. */
	static final Duration RETRY = Duration.ofDays(1);

	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final List<PersonalData> modules;

	private final DeletionReceipts receipts;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final PrivacySettings settings;

	private final Clock clock;

	Erasures(JdbcClient jdbc, Accounts accounts, List<PersonalData> modules, DeletionReceipts receipts,
			ApplicationEventPublisher events, TransactionTemplate transactions, PrivacySettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.modules = modules;
		this.receipts = receipts;
		this.events = events;
		this.transactions = transactions;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * An account's deletion as its owner sees it.
	 *
	 * @param waitingFor what held it up at the last try, as message keys with arguments
	 */
	public record Erasure(UUID account, String status, Instant requestedAt, Instant dueAt, List<Blocker> waitingFor,
			@Nullable Instant completedAt) {

		public boolean scheduled() {
			return this.status.equals("SCHEDULED");
		}

	}

	/**
	 * A receipt as its link shows it.
	 */
	public record ReceiptView(String status, Instant dueAt, @Nullable Instant completedAt, @Nullable String receipt) {

	}

	/**
	 * What a request scheduled: the erasure and the link to its receipt, shown once.
	 */
	public record Scheduled(Erasure erasure, String receiptLink) {

	}

	/**
	 * Schedules the deletion of the caller's account after the grace period. Asked again
	 * while scheduled, it changes nothing.
	 * @return the erasure, and the receipt's link when this request scheduled it
	 */
	@Transactional
	public Scheduled request(UUID account, String origin) {
		Optional<Erasure> existing = find(account).filter(Erasure::scheduled);
		if (existing.isPresent()) {
			return new Scheduled(existing.get(), "");
		}
		AccountView view = this.accounts.find(account).orElseThrow();
		Instant now = this.clock.instant();
		Instant due = now.plus(this.settings.gracePeriod());
		byte[] secret = new byte[32];
		random.nextBytes(secret);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		List<Blocker> blockers = blockers(subject(view));
		this.jdbc.sql("""
				insert into erasure_request (account_id, status, requested_at, due_at, waiting_for, receipt_token_hash)
				values (?, 'SCHEDULED', ?, ?, ?, ?)
				on conflict (account_id) do update set status = 'SCHEDULED', requested_at = excluded.requested_at,
				  due_at = excluded.due_at, waiting_for = excluded.waiting_for,
				  receipt_token_hash = excluded.receipt_token_hash, completed_at = null, receipt = null
				where erasure_request.status = 'CANCELLED'""")
			.params(account, now.atOffset(ZoneOffset.UTC), due.atOffset(ZoneOffset.UTC), encode(blockers), hash(token))
			.update();
		String link = "/privacy/receipts/" + token;
		this.events.publishEvent(new ErasureScheduled(
				new Recipient(view.email(), view.displayName(), (view.language() != null) ? view.language() : "en"),
				account, due, link, origin, now));
		return new Scheduled(find(account).orElseThrow(), link);
	}

	/**
	 * Cancels a scheduled deletion.
	 * @return whether there was one to cancel
	 */
	@Transactional
	public boolean cancel(UUID account, String actor, String origin) {
		boolean cancelled = this.jdbc
			.sql("update erasure_request set status = 'CANCELLED' where account_id = ? and status = 'SCHEDULED'")
			.param(account)
			.update() == 1;
		if (cancelled) {
			this.events.publishEvent(new ErasureCancelled(actor, account, origin, this.clock.instant()));
		}
		return cancelled;
	}

	@Transactional(readOnly = true)
	public Optional<Erasure> find(UUID account) {
		return this.jdbc.sql("select * from erasure_request where account_id = ?")
			.param(account)
			.query((rs, n) -> new Erasure(account, rs.getString("status"),
					rs.getObject("requested_at", OffsetDateTime.class).toInstant(),
					rs.getObject("due_at", OffsetDateTime.class).toInstant(), decode(rs.getString("waiting_for")),
					Optional.ofNullable(rs.getObject("completed_at", OffsetDateTime.class))
						.map(OffsetDateTime::toInstant)
						.orElse(null)))
			.optional();
	}

	/**
	 * What settles before the person can be erased, from every module.
	 */
	public List<Blocker> blockers(DataSubject subject) {
		List<Blocker> blockers = new ArrayList<>();
		this.modules.forEach((module) -> blockers.addAll(module.blockers(subject)));
		return blockers;
	}

	/**
	 * The receipt behind a link, whoever holds it: the link is the customer's proof.
	 */
	@Transactional(readOnly = true)
	public Optional<ReceiptView> receipt(String token) {
		return this.jdbc
			.sql("select status, due_at, completed_at, receipt from erasure_request where receipt_token_hash = ?")
			.param(hash(token))
			.query((rs, n) -> new ReceiptView(rs.getString("status"),
					rs.getObject("due_at", OffsetDateTime.class).toInstant(),
					Optional.ofNullable(rs.getObject("completed_at", OffsetDateTime.class))
						.map(OffsetDateTime::toInstant)
						.orElse(null),
					rs.getString("receipt")))
			.optional();
	}

	/** How many due erasures are read at a time. */
	static final int BATCH = 100;

	/**
	 * Does the erasures that are due, each in its own transaction; one that must wait is
	 * put off by a day with what it waits for.
	 * <p>
	 * Batch after batch until none is left, not one batch per run: a run killed midway
	 * leaves the rest to the next, which must then finish them rather than take another
	 * hundred and wait an hour ({@code PrivacyCrashTests}). The batches follow a cursor
	 * on (due, account), so one whose erasure failed is passed over, not read again in a
	 * loop; it is tried again at the next run.
	 * @return how many accounts were erased
	 */
	public long runDue() {
		long done = 0;
		OffsetDateTime now = this.clock.instant().atOffset(ZoneOffset.UTC);
		OffsetDateTime afterDue = java.time.Instant.EPOCH.atOffset(ZoneOffset.UTC);
		UUID afterAccount = new UUID(0, 0);
		while (true) {
			List<Object[]> due = this.jdbc.sql("""
					select account_id, due_at from erasure_request
					where status = 'SCHEDULED' and due_at <= ? and (due_at, account_id) > (?, ?)
					order by due_at, account_id limit ?""")
				.params(now, afterDue, afterAccount, BATCH)
				.query((rs, n) -> new Object[] { rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class) })
				.list();
			for (Object[] row : due) {
				UUID account = (UUID) row[0];
				try {
					List<Erased> erased = this.transactions.execute((status) -> eraseIfSettled(account));
					if (erased != null) {
						done++;
					}
				}
				catch (RuntimeException ex) {
					logger.error("The erasure of account {} failed; it is tried again at the next run", account, ex);
				}
			}
			if (due.size() < BATCH) {
				return done;
			}
			afterDue = (OffsetDateTime) due.getLast()[1];
			afterAccount = (UUID) due.getLast()[0];
		}
	}

	private @Nullable List<Erased> eraseIfSettled(UUID account) {
		Optional<OffsetDateTime> requested = this.jdbc
			.sql("select requested_at from erasure_request where account_id = ? and status = 'SCHEDULED'"
					+ " for update skip locked")
			.param(account)
			.query(OffsetDateTime.class)
			.optional();
		Optional<AccountView> view = this.accounts.find(account);
		if (requested.isEmpty() || view.isEmpty()) {
			return null;
		}
		DataSubject subject = subject(view.get());
		Instant now = this.clock.instant();
		List<Blocker> blockers = blockers(subject);
		if (!blockers.isEmpty()) {
			this.jdbc.sql("update erasure_request set due_at = ?, waiting_for = ? where account_id = ?")
				.params(now.plus(RETRY).atOffset(ZoneOffset.UTC), encode(blockers), account)
				.update();
			return null;
		}
		String pseudonym = pseudonym(account);
		List<Erased> erased = new ArrayList<>();
		for (PersonalData module : this.modules) {
			erased.addAll(module.erase(subject, pseudonym));
		}
		String receipt = this.receipts.sign(account, requested.get().toInstant(), erased);
		this.jdbc.sql("""
				update erasure_request set status = 'DONE', completed_at = ?, waiting_for = null, receipt = ?
				where account_id = ?""").params(now.atOffset(ZoneOffset.UTC), receipt, account).update();
		this.events.publishEvent(new AccountErased(account, now));
		return erased;
	}

	/**
	 * What stands for an erased person where a record must say who: their account's
	 * random identifier, which names nobody once the account is erased.
	 */
	static String pseudonym(UUID account) {
		return "erased-" + account;
	}

	static DataSubject subject(AccountView view) {
		return new DataSubject(view.id(), view.email().value(), view.displayName(), null);
	}

	private static @Nullable String encode(List<Blocker> blockers) {
		if (blockers.isEmpty()) {
			return null;
		}
		StringBuilder text = new StringBuilder();
		for (Blocker blocker : blockers) {
			text.append(blocker.message());
			blocker.arguments().forEach((argument) -> text.append('\u001f').append(argument));
			text.append('\n');
		}
		return text.toString();
	}

	private static List<Blocker> decode(@Nullable String text) {
		if (text == null || text.isEmpty()) {
			return List.of();
		}
		return text.lines().map((line) -> {
			String[] parts = line.split("\u001f");
			return new Blocker(parts[0],
					List.<Object>of((Object[]) java.util.Arrays.copyOfRange(parts, 1, parts.length)));
		}).toList();
	}

	static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
