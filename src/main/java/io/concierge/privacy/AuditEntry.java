package io.concierge.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One entry of the audit trail. Its hash covers its own content and the hash of the entry
 * before it, so changing, removing or reordering any entry breaks every hash after it.
 *
 * @param sequence its place in the trail, from 1 without gaps
 * @param occurredAt when it happened
 * @param recordedAt when the trail recorded it
 * @param actor who acted
 * @param action what happened
 * @param subject what it happened to
 * @param origin where the actor was
 * @param previousHash the hash of the entry before, or {@link #GENESIS} for the first
 * @param hash this entry's hash
 */
public record AuditEntry(long sequence, Instant occurredAt, Instant recordedAt, String actor, String action,
		String subject, String origin, String previousHash, String hash) {

	/** The "previous hash" of the first entry. */
	public static final String GENESIS = "0".repeat(64);

	static AuditEntry chained(long sequence, Instant occurredAt, Instant recordedAt, String actor, String action,
			String subject, String origin, String previousHash) {
		AuditEntry unsealed = new AuditEntry(sequence, occurredAt, recordedAt, actor, action, subject, origin,
				previousHash, "");
		return new AuditEntry(sequence, occurredAt, recordedAt, actor, action, subject, origin, previousHash,
				unsealed.expectedHash());
	}

	/**
	 * The hash this entry's content should have. Each field is written with its length
	 * first, so no two different entries can produce the same input by moving text
	 * between fields.
	 */
	String expectedHash() {
		StringBuilder content = new StringBuilder();
		for (String field : new String[] { Long.toString(this.sequence), this.occurredAt.toString(),
				this.recordedAt.toString(), this.actor, this.action, this.subject, this.origin, this.previousHash }) {
			content.append(field.length()).append(':').append(field).append(';');
		}
		return sha256(content.toString());
	}

	private static String sha256(String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
