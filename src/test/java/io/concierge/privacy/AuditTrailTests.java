package io.concierge.privacy;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.IntegrationTest;
import io.concierge.privacy.ChainVerification.Problem;
import io.concierge.shared.AuditableEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@IntegrationTest
class AuditTrailTests {

	@Autowired
	AuditTrail trail;

	@Autowired
	JdbcClient jdbc;

	@Test
	void chainsEachEntryToTheOneBefore() {
		AuditEntry first = this.trail.append(new Happened("chain@example.com", "test.first"));
		AuditEntry second = this.trail.append(new Happened("chain@example.com", "test.second"));
		assertThat(second.sequence()).isEqualTo(first.sequence() + 1);
		assertThat(second.previousHash()).isEqualTo(first.hash());
		assertThat(this.trail.verify().intact()).isTrue();
	}

	@Test
	void theDatabaseRefusesToChangeOrRemoveEntries() {
		AuditEntry entry = this.trail.append(new Happened("immutable@example.com", "test.immutable"));
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql("update audit_entry set actor = 'mallory' where sequence = ?")
				.param(entry.sequence())
				.update())
			.withMessageContaining("append-only");
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(
				() -> this.jdbc.sql("delete from audit_entry where sequence = ?").param(entry.sequence()).update());
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql("truncate audit_entry").update());
	}

	@Test
	@Transactional
	void showsTamperingBySomeoneWhoGotPastTheDatabasesGuard() {
		AuditEntry entry = this.trail.append(new Happened("tamper@example.com", "test.tamper"));
		this.trail.append(new Happened("tamper@example.com", "test.after"));
		this.jdbc.sql("alter table audit_entry disable trigger audit_entry_no_update_or_delete").update();
		this.jdbc.sql("update audit_entry set actor = 'someone-else@example.com' where sequence = ?")
			.param(entry.sequence())
			.update();
		ChainVerification verification = this.trail.verify();
		assertThat(verification.intact()).isFalse();
		assertThat(verification.brokenAt()).isEqualTo(entry.sequence());
		assertThat(verification.problem()).isEqualTo(Problem.ALTERED);
		// the test's transaction rolls back: trigger and entry are as before
	}

	@Test
	void keepsOneUnbrokenChainUnderConcurrentAppends() throws Exception {
		try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
			IntStream.range(0, 80)
				.forEach((n) -> threads
					.submit(() -> this.trail.append(new Happened("load" + n + "@example.com", "test.concurrent"))));
		}
		assertThat(this.trail.search(new AuditQuery("test.concurrent", null, 200)).entries()).hasSize(80);
		assertThat(this.trail.verify().intact()).isTrue();
	}

	@Test
	void findsEntriesByTextAndPagesBackwards() {
		IntStream.range(0, 5).forEach((n) -> this.trail.append(new Happened("pager@example.com", "test.page")));
		AuditPage first = this.trail.search(new AuditQuery("pager@example", null, 3));
		assertThat(first.entries()).hasSize(3);
		assertThat(first.nextBefore()).isNotNull();
		AuditPage second = this.trail.search(new AuditQuery("pager@example", first.nextBefore(), 3));
		assertThat(second.entries()).hasSize(2);
		assertThat(second.nextBefore()).isNull();
		this.trail.append(new Happened("100x-match@example.com", "test.like"));
		this.trail.append(new Happened("100%_match@example.com", "test.like"));
		assertThat(this.trail.search(new AuditQuery("100%_match", null, 3)).entries()).extracting(AuditEntry::actor)
			.containsExactly("100%_match@example.com");
	}

	record Happened(String actor, String action) implements AuditableEvent {

		@Override
		public String origin() {
			return "127.0.0.1";
		}

		@Override
		public Instant occurredAt() {
			return Instant.now();
		}

	}

}
