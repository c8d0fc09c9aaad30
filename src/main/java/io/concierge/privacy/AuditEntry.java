package io.concierge.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * One entry of the audit trail. Its hash covers its own content and the hash of the entry
 * before it, so changing, removing or reordering any entry breaks every hash after it.
 * <p>
 * Entries recorded since erasure came ({@link #personalDigest} present) seal the personal
 * fields, actor, subject and origin, in a digest with a salt of their own, and the hash
 * covers the digest: erasing a person replaces those fields with a pseudonym and drops
 * the salt, and the chain still verifies. While the salt is there, the fields are checked
 * against the digest too.
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
 * @param personalDigest the seal over the personal fields, or {@code null} for an entry
 * recorded before there were seals
 * @param salt the seal's salt, or {@code null} once the person was erased
 */
public record AuditEntry(long sequence, Instant occurredAt, Instant recordedAt, String actor, String action,
		String subject, String origin, String previousHash, String hash, @Nullable String personalDigest,
		@Nullable String salt) {

	/** The "previous hash" of the first entry. */
	public static final String GENESIS = "0".repeat(64);

	private static final SecureRandom random = new SecureRandom();

	static AuditEntry chained(long sequence, Instant occurredAt, Instant recordedAt, String actor, String action,
			String subject, String origin, String previousHash) {
		byte[] salt = new byte[16];
		random.nextBytes(salt);
		String saltHex = HexFormat.of().formatHex(salt);
		String digest = digest(saltHex, actor, subject, origin);
		AuditEntry unsealed = new AuditEntry(sequence, occurredAt, recordedAt, actor, action, subject, origin,
				previousHash, "", digest, saltHex);
		return new AuditEntry(sequence, occurredAt, recordedAt, actor, action, subject, origin, previousHash,
				unsealed.expectedHash(), digest, saltHex);
	}

	/**
	 * Whether its personal fields were replaced by a pseudonym.
	 */
	public boolean pseudonymised() {
		return this.personalDigest != null && this.salt == null;
	}

	/**
	 * The hash this entry's content should have. Each field is written with its length
	 * first, so no two different entries can produce the same input by moving text
	 * between fields.
	 */
	String expectedHash() {
		if (this.personalDigest == null) {
			return sha256(this.sequence, this.occurredAt, this.recordedAt, this.actor, this.action, this.subject,
					this.origin, this.previousHash);
		}
		return sha256(this.sequence, this.occurredAt, this.recordedAt, this.action, this.personalDigest,
				this.previousHash);
	}

	/**
	 * Whether the personal fields still match their seal; a pseudonymised entry's cannot
	 * be checked any more, which is the point of erasing them.
	 */
	boolean personalFieldsIntact() {
		return this.personalDigest == null || this.salt == null
				|| this.personalDigest.equals(digest(this.salt, this.actor, this.subject, this.origin));
	}

	private static String digest(String salt, String actor, String subject, String origin) {
		return sha256(salt, actor, subject, origin);
	}

	private static String sha256(Object... fields) {
		StringBuilder content = new StringBuilder();
		for (Object field : fields) {
			String text = field.toString();
			content.append(text.length()).append(':').append(text).append(';');
		}
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(content.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
