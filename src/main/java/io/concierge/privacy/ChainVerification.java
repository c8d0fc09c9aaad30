package io.concierge.privacy;

import java.time.Instant;
import java.util.Iterator;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of checking the audit trail's hash chain.
 *
 * @param entriesChecked how many entries were read
 * @param brokenAt the first entry that does not fit, if any
 * @param problem what is wrong there, if anything
 * @param checkedAt when the check ran
 */
public record ChainVerification(long entriesChecked, @Nullable Long brokenAt, @Nullable Problem problem,
		Instant checkedAt) {

	/**
	 * What can be wrong with an entry.
	 */
	public enum Problem {

		/** An entry is missing before this one. */
		GAP,

		/** It does not point at the hash of the entry before it. */
		BROKEN_LINK,

		/** Its content was changed after it was recorded. */
		ALTERED

	}

	public boolean intact() {
		return this.brokenAt == null;
	}

	/**
	 * Walks entries in sequence order and stops at the first that does not fit.
	 */
	static ChainVerification of(Iterator<AuditEntry> entries, Instant now) {
		long expectedSequence = 1;
		String expectedPrevious = AuditEntry.GENESIS;
		long checked = 0;
		while (entries.hasNext()) {
			AuditEntry entry = entries.next();
			checked++;
			Problem problem = (entry.sequence() != expectedSequence) ? Problem.GAP
					: !entry.previousHash().equals(expectedPrevious) ? Problem.BROKEN_LINK
							: (!entry.hash().equals(entry.expectedHash()) || !entry.personalFieldsIntact())
									? Problem.ALTERED : null;
			if (problem != null) {
				return new ChainVerification(checked, entry.sequence(), problem, now);
			}
			expectedSequence++;
			expectedPrevious = entry.hash();
		}
		return new ChainVerification(checked, null, null, now);
	}

}
