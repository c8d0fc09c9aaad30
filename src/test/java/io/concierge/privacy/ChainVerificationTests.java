package io.concierge.privacy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.concierge.privacy.ChainVerification.Problem;

import static org.assertj.core.api.Assertions.assertThat;

class ChainVerificationTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	@Test
	void findsAnUntouchedChainIntact() {
		ChainVerification verification = verify(chain(5));
		assertThat(verification.intact()).isTrue();
		assertThat(verification.entriesChecked()).isEqualTo(5);
	}

	@Test
	void findsAnEmptyTrailIntact() {
		assertThat(verify(List.of()).intact()).isTrue();
	}

	@Test
	void detectsAnEntryWhoseContentWasChanged() {
		List<AuditEntry> entries = chain(5);
		AuditEntry third = entries.get(2);
		entries.set(2,
				new AuditEntry(third.sequence(), third.occurredAt(), third.recordedAt(), "mallory@example.com",
						third.action(), third.subject(), third.origin(), third.previousHash(), third.hash(),
						third.personalDigest(), third.salt()));
		assertThat(verify(entries)).extracting(ChainVerification::brokenAt, ChainVerification::problem)
			.containsExactly(3L, Problem.ALTERED);
	}

	@Test
	void detectsARemovedEntry() {
		List<AuditEntry> entries = chain(5);
		entries.remove(1);
		assertThat(verify(entries)).extracting(ChainVerification::brokenAt, ChainVerification::problem)
			.containsExactly(3L, Problem.GAP);
	}

	@Test
	void detectsAnEntryRewrittenWithAFreshHashButNotItsSuccessors() {
		List<AuditEntry> entries = chain(5);
		AuditEntry second = entries.get(1);
		entries.set(1, AuditEntry.chained(2, second.occurredAt(), second.recordedAt(), "mallory@example.com",
				second.action(), second.subject(), second.origin(), second.previousHash()));
		assertThat(verify(entries)).extracting(ChainVerification::brokenAt, ChainVerification::problem)
			.containsExactly(3L, Problem.BROKEN_LINK);
	}

	@Test
	void fieldBoundariesCannotBeShiftedWithoutChangingTheHash() {
		AuditEntry original = AuditEntry.chained(1, NOW, NOW, "ab", "c", "", "x", AuditEntry.GENESIS);
		AuditEntry shifted = AuditEntry.chained(1, NOW, NOW, "a", "bc", "", "x", AuditEntry.GENESIS);
		assertThat(original.hash()).isNotEqualTo(shifted.hash());
	}

	private static List<AuditEntry> chain(int length) {
		List<AuditEntry> entries = new ArrayList<>();
		String previous = AuditEntry.GENESIS;
		for (int sequence = 1; sequence <= length; sequence++) {
			AuditEntry entry = AuditEntry.chained(sequence, NOW.plusSeconds(sequence), NOW.plusSeconds(sequence),
					"user" + sequence + "@example.com", "identity.sign-in.succeeded", "", "127.0.0.1", previous);
			entries.add(entry);
			previous = entry.hash();
		}
		return entries;
	}

	private static ChainVerification verify(List<AuditEntry> entries) {
		return ChainVerification.of(entries.iterator(), NOW);
	}

	@Test
	void keepsVerifyingEntriesWhosePersonFieldsWerePseudonymised() {
		List<AuditEntry> entries = chain(4);
		AuditEntry second = entries.get(1);
		entries.set(1, new AuditEntry(second.sequence(), second.occurredAt(), second.recordedAt(), "erased-1",
				second.action(), "", "erased", second.previousHash(), second.hash(), second.personalDigest(), null));
		assertThat(verify(entries).intact()).isTrue();
		assertThat(entries.get(1).pseudonymised()).isTrue();
	}

	@Test
	void detectsAnActionChangedUnderAPseudonym() {
		List<AuditEntry> entries = chain(4);
		AuditEntry second = entries.get(1);
		entries.set(1,
				new AuditEntry(second.sequence(), second.occurredAt(), second.recordedAt(), "erased-1",
						"identity.password.reset", "", "erased", second.previousHash(), second.hash(),
						second.personalDigest(), null));
		assertThat(verify(entries)).extracting(ChainVerification::brokenAt, ChainVerification::problem)
			.containsExactly(2L, Problem.ALTERED);
	}

}
