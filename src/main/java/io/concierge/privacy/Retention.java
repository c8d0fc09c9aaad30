package io.concierge.privacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.shared.PersonalData;
import io.concierge.shared.PersonalData.Erased;

/**
 * The retention jobs: due erasures, expired exports, and whatever each module lets
 * expire, each in batches committed on their own, so a node killed midway leaves the next
 * run to go on from where it was ({@code PrivacyCrashTests}). One node runs them at a
 * time (a PostgreSQL advisory lock held for the run; the others skip it), and every run's
 * removals are recorded for the administrators.
 */
@Service
public class Retention {

	private static final Logger logger = LoggerFactory.getLogger(Retention.class);

	private static final long LOCK = 0x5245_5445_4e54_494fL;

	/**
	 * The most batches of one module a run removes (5,000 records each): a module that
	 * kept reporting removals would otherwise hold the run forever.
	 */
	private static final int MAX_BATCHES = 1_000;

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final Erasures erasures;

	private final DataExports exports;

	private final List<PersonalData> modules;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Retention(JdbcClient jdbc, DataSource dataSource, Erasures erasures, DataExports exports,
			List<PersonalData> modules, TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.erasures = erasures;
		this.exports = exports;
		this.modules = modules;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * One line of a run's report.
	 */
	public record Removal(Instant ranAt, String dataClass, String outcome, long removed) {

	}

	@Scheduled(fixedDelayString = "${concierge.privacy.retention-check:PT1H}",
			initialDelayString = "${concierge.privacy.retention-delay:PT2M}")
	void scheduled() {
		run();
	}

	/**
	 * Runs every job once, unless another node is running them.
	 * @return what was removed, or empty when another node holds the lock
	 */
	public List<Erased> run() {
		// a session lock, so it is taken and given back on one connection held for the
		// run
		try (Connection connection = this.dataSource.getConnection()) {
			if (!lock(connection, "select pg_try_advisory_lock(?)")) {
				return List.of();
			}
			try {
				return runLocked();
			}
			finally {
				lock(connection, "select pg_advisory_unlock(?)");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The retention lock cannot be taken", ex);
		}
	}

	private static boolean lock(Connection connection, String sql) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setLong(1, LOCK);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	private List<Erased> runLocked() {
		List<Erased> removed = new ArrayList<>();
		removed.add(Erased.erased("privacy.accounts", this.erasures.runDue()));
		removed.add(Erased.erased("privacy.exports-expired", this.exports.expire()));
		Instant now = this.clock.instant();
		for (PersonalData module : this.modules) {
			try {
				removed.addAll(expire(module, now));
			}
			catch (RuntimeException ex) {
				logger.error("The retention job of {} failed", module.section(), ex);
			}
		}
		record(now, removed);
		return removed;
	}

	/**
	 * What a module lets expire, a batch at a time until a batch removes nothing, each
	 * batch committed on its own: a run killed midway keeps what it removed and the next
	 * goes on from there rather than starting over in one transaction as large as the
	 * backlog.
	 * @return what was removed, summed per data class
	 */
	private List<Erased> expire(PersonalData module, Instant now) {
		Map<String, Erased> sums = new LinkedHashMap<>();
		for (int batch = 0; batch < MAX_BATCHES; batch++) {
			List<Erased> expired = this.transactions.execute((status) -> module.expire(now));
			long rows = 0;
			for (Erased erased : (expired != null) ? expired : List.<Erased>of()) {
				sums.merge(erased.dataClass(), erased,
						(sum, more) -> new Erased(sum.dataClass(), sum.outcome(), sum.rows() + more.rows()));
				rows += erased.rows();
			}
			if (rows == 0) {
				break;
			}
		}
		return new ArrayList<>(sums.values());
	}

	@Transactional(readOnly = true)
	public List<Removal> recent() {
		return this.jdbc.sql("""
				select ran_at, data_class, outcome, removed from retention_run
				order by ran_at desc, data_class limit 60""")
			.query((rs, n) -> new Removal(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2),
					rs.getString(3), rs.getLong(4)))
			.list();
	}

	private void record(Instant now, List<Erased> removed) {
		for (Erased erased : removed) {
			this.jdbc.sql("insert into retention_run (ran_at, data_class, outcome, removed) values (?, ?, ?, ?)")
				.params(now.atOffset(ZoneOffset.UTC), erased.dataClass(), erased.outcome().name(), erased.rows())
				.update();
		}
		this.jdbc.sql("delete from retention_run where ran_at < ?")
			.param(now.minus(java.time.Duration.ofDays(90)).atOffset(ZoneOffset.UTC))
			.update();
	}

}
