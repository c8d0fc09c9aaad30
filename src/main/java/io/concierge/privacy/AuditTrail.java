package io.concierge.privacy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.shared.AuditableEvent;

/**
 * The privacy module's public face for the audit trail: append, browse, verify. Appends
 * take a transaction-scoped lock so the chain stays one line however many nodes and
 * threads write.
 */
@Service
public class AuditTrail {

	private static final long APPEND_LOCK = 0x41554449545f5452L;

	private static final String COLUMNS = "sequence, occurred_at, recorded_at, actor, action, subject, origin, "
			+ "previous_hash, hash, personal_digest, salt";

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditTrail(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional
	public AuditEntry append(AuditableEvent event) {
		this.jdbc.sql("select pg_advisory_xact_lock(?)").param(APPEND_LOCK).query().listOfRows();
		Optional<AuditEntry> last = this.jdbc
			.sql("select " + COLUMNS + " from audit_entry order by sequence desc limit 1")
			.query(AuditTrail::entry)
			.optional();
		AuditEntry entry = AuditEntry.chained(last.map(AuditEntry::sequence).orElse(0L) + 1, micros(event.occurredAt()),
				micros(this.clock.instant()), event.actor(), event.action(), event.subject(), event.origin(),
				last.map(AuditEntry::hash).orElse(AuditEntry.GENESIS));
		this.jdbc.sql("insert into audit_entry (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(entry.sequence(), utc(entry.occurredAt()), utc(entry.recordedAt()), entry.actor(), entry.action(),
					entry.subject(), entry.origin(), entry.previousHash(), entry.hash(), entry.personalDigest(),
					entry.salt())
			.update();
		return entry;
	}

	@Transactional(readOnly = true)
	public AuditPage search(AuditQuery query) {
		String pattern = "%" + query.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		List<AuditEntry> entries = this.jdbc
			.sql("select " + COLUMNS + " from audit_entry where sequence < ?"
					+ " and (actor ilike ? or action ilike ? or subject ilike ?)" + " order by sequence desc limit ?")
			.params((query.before() != null) ? query.before() : Long.MAX_VALUE, pattern, pattern, pattern,
					query.size() + 1)
			.query(AuditTrail::entry)
			.list();
		if (entries.size() <= query.size()) {
			return new AuditPage(entries, null);
		}
		List<AuditEntry> page = entries.subList(0, query.size());
		return new AuditPage(page, page.getLast().sequence());
	}

	/**
	 * The entries about any of these subjects by anyone but the person themselves, newest
	 * first: who looked at or changed their things.
	 */
	@Transactional(readOnly = true)
	public List<AuditEntry> about(java.util.Collection<String> subjects, String exceptActor, int most) {
		if (subjects.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql("select " + COLUMNS + " from audit_entry where subject = any(?) and actor <> ?"
					+ " order by sequence desc limit ?")
			.params(subjects.toArray(String[]::new), exceptActor, most)
			.query(AuditTrail::entry)
			.list();
	}

	/**
	 * Replaces a person's address in the entries that name them with a pseudonym, and
	 * where they acted, their network address too; drops those entries' salts, so that
	 * what was there cannot be guessed and confirmed. Entries recorded before entries
	 * were sealed cannot be changed without breaking the chain: they are counted as kept.
	 * @return how many entries were pseudonymised, and how many name the person unsealed
	 */
	@Transactional
	public long[] pseudonymise(String email, String pseudonym) {
		long changed = this.jdbc.sql("""
				update audit_entry set
				  actor = case when actor = :email then :pseudonym else actor end,
				  origin = case when actor = :email then 'erased' else origin end,
				  subject = replace(subject, :email, :pseudonym),
				  salt = null
				where salt is not null and (actor = :email or strpos(subject, :email) > 0)""")
			.param("email", email)
			.param("pseudonym", pseudonym)
			.update();
		long unsealed = this.jdbc
			.sql("select count(*) from audit_entry where personal_digest is null"
					+ " and (actor = ? or strpos(subject, ?) > 0)")
			.params(email, email)
			.query(Long.class)
			.single();
		return new long[] { changed, unsealed };
	}

	/**
	 * Reads the whole trail in order and recomputes every hash.
	 */
	@Transactional(readOnly = true)
	public ChainVerification verify() {
		try (Stream<AuditEntry> entries = this.jdbc.sql("select " + COLUMNS + " from audit_entry order by sequence")
			.withFetchSize(1000)
			.query(AuditTrail::entry)
			.stream()) {
			return ChainVerification.of(entries.iterator(), this.clock.instant());
		}
	}

	private static AuditEntry entry(ResultSet row, int number) throws SQLException {
		return new AuditEntry(row.getLong("sequence"), row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				row.getObject("recorded_at", OffsetDateTime.class).toInstant(), row.getString("actor"),
				row.getString("action"), row.getString("subject"), row.getString("origin"),
				row.getString("previous_hash"), row.getString("hash"), row.getString("personal_digest"),
				row.getString("salt"));
	}

	/**
	 * PostgreSQL keeps microseconds; the hash must cover exactly what is stored.
	 */
	private static Instant micros(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS);
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
