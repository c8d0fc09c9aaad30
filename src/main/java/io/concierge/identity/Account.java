package io.concierge.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import org.jspecify.annotations.Nullable;

import io.concierge.shared.EmailAddress;

/**
 * A person who signs in: a customer, a company user or a member of staff.
 */
@Entity
class Account {

	@Id
	private UUID id;

	private String email;

	private String displayName;

	private String passwordHash;

	@Enumerated(EnumType.STRING)
	private Role role;

	@ManyToOne(fetch = FetchType.LAZY)
	@JoinColumn(name = "organisation_id")
	private @Nullable Organisation organisation;

	private @Nullable String preferredLanguage;

	private boolean enabled;

	private boolean emailVerified;

	private @Nullable String phone;

	private @Nullable String timeZone;

	private Instant createdAt;

	Account(EmailAddress email, String displayName, String passwordHash, Role role, @Nullable Organisation organisation,
			boolean emailVerified, @Nullable String preferredLanguage, Instant createdAt) {
		this.id = UUID.randomUUID();
		this.email = email.value();
		this.displayName = displayName;
		this.passwordHash = passwordHash;
		this.role = role;
		this.organisation = organisation;
		this.enabled = true;
		this.emailVerified = emailVerified;
		this.preferredLanguage = preferredLanguage;
		this.createdAt = createdAt;
	}

	protected Account() {
		this.id = UUID.randomUUID();
		this.email = "";
		this.displayName = "";
		this.passwordHash = "";
		this.role = Role.CUSTOMER;
		this.createdAt = Instant.EPOCH;
	}

	AccountView view() {
		return new AccountView(this.id, new EmailAddress(this.email), this.displayName, this.role,
				(this.organisation != null) ? this.organisation.name() : null, this.emailVerified, this.phone,
				this.preferredLanguage, this.timeZone, this.createdAt);
	}

	void verifyEmail() {
		this.emailVerified = true;
	}

	void changeEmail(EmailAddress email) {
		this.email = email.value();
		this.emailVerified = true;
	}

	void changePasswordHash(String passwordHash) {
		this.passwordHash = passwordHash;
	}

	void updateProfile(ProfileChange change) {
		this.displayName = change.displayName();
		this.phone = change.phone();
		this.preferredLanguage = change.language();
		this.timeZone = change.timeZone();
	}

	UUID id() {
		return this.id;
	}

	@Nullable UUID organisationId() {
		return (this.organisation != null) ? this.organisation.id() : null;
	}

	void joinOrganisation(Organisation organisation) {
		this.organisation = organisation;
	}

	void leaveOrganisation() {
		this.organisation = null;
	}

	String displayName() {
		return this.displayName;
	}

	String language() {
		return (this.preferredLanguage != null) ? this.preferredLanguage : "en";
	}

	boolean emailVerified() {
		return this.emailVerified;
	}

	String email() {
		return this.email;
	}

	String passwordHash() {
		return this.passwordHash;
	}

	Role role() {
		return this.role;
	}

	boolean enabled() {
		return this.enabled;
	}

}
