package io.concierge.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import org.jspecify.annotations.Nullable;

/**
 * A single-use token behind a link sent by email. Only its SHA-256 hash is stored, so a
 * copy of the database opens no account.
 */
@Entity
class AccountToken {

	/**
	 * What a token is good for, and for how long.
	 */
	enum Purpose {

		VERIFY_EMAIL(java.time.Duration.ofHours(24)),

		RESET_PASSWORD(java.time.Duration.ofMinutes(30)),

		CHANGE_EMAIL(java.time.Duration.ofHours(24));

		private final java.time.Duration validity;

		Purpose(java.time.Duration validity) {
			this.validity = validity;
		}

		java.time.Duration validity() {
			return this.validity;
		}

	}

	@Id
	private String tokenHash;

	private UUID accountId;

	@Enumerated(EnumType.STRING)
	private Purpose purpose;

	private Instant createdAt;

	private Instant expiresAt;

	private @Nullable Instant usedAt;

	private @Nullable String newEmail;

	AccountToken(String tokenHash, UUID accountId, Purpose purpose, @Nullable String newEmail, Instant now) {
		this.tokenHash = tokenHash;
		this.newEmail = newEmail;
		this.accountId = accountId;
		this.purpose = purpose;
		this.createdAt = now;
		this.expiresAt = now.plus(purpose.validity());
	}

	protected AccountToken() {
		this.tokenHash = "";
		this.accountId = UUID.randomUUID();
		this.purpose = Purpose.VERIFY_EMAIL;
		this.createdAt = Instant.EPOCH;
		this.expiresAt = Instant.EPOCH;
	}

	boolean usableAt(Instant now) {
		return this.usedAt == null && now.isBefore(this.expiresAt);
	}

	void use(Instant now) {
		this.usedAt = now;
	}

	UUID accountId() {
		return this.accountId;
	}

	Purpose purpose() {
		return this.purpose;
	}

	@Nullable String newEmail() {
		return this.newEmail;
	}

}
