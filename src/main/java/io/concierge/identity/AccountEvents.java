package io.concierge.identity;

import java.time.Instant;

import io.concierge.shared.AuditableEvent;
import io.concierge.shared.EmailAddress;

/**
 * What happens to accounts, as events other modules listen to: the audit trail records
 * them, the notifications module mails the links and notices.
 */
public final class AccountEvents {

	private AccountEvents() {
	}

	/**
	 * Who an email about an account goes to.
	 *
	 * @param email their address
	 * @param name the name to greet them by
	 * @param language the language to write in
	 */
	public record Recipient(EmailAddress email, String name, String language) {

	}

	/**
	 * Someone opened an account; its address is not verified yet.
	 */
	public record AccountRegistered(String actor, String origin, Instant occurredAt) implements AuditableEvent {

		@Override
		public String action() {
			return "identity.account.registered";
		}

	}

	/**
	 * A verification link is to be mailed.
	 */
	public record EmailVerificationRequested(Recipient to, String link) {

	}

	/**
	 * Someone tried to register with an address that has an account: its owner is told,
	 * and nobody else learns it exists.
	 */
	public record RegistrationAttemptedForExistingAccount(Recipient to, String resetLink) {

	}

	/**
	 * An account's owner followed the verification link.
	 */
	public record EmailVerified(String actor, String origin, Instant occurredAt) implements AuditableEvent {

		@Override
		public String action() {
			return "identity.email.verified";
		}

	}

	/**
	 * A password reset link is to be mailed.
	 */
	public record PasswordResetRequested(Recipient to, String link, String origin,
			Instant occurredAt) implements AuditableEvent {

		@Override
		public String actor() {
			return this.to.email().value();
		}

		@Override
		public String action() {
			return "identity.password.reset-requested";
		}

	}

	/**
	 * An account's password was changed, by its owner or through a reset link; the owner
	 * is told.
	 */
	public record PasswordChanged(Recipient to, boolean throughReset, String origin,
			Instant occurredAt) implements AuditableEvent {

		@Override
		public String actor() {
			return this.to.email().value();
		}

		@Override
		public String action() {
			return this.throughReset ? "identity.password.reset" : "identity.password.changed";
		}

	}

	/**
	 * Too many failed sign-ins locked an account for a while; its owner is told.
	 */
	public record AccountLockedOut(Recipient to, String origin, Instant occurredAt) implements AuditableEvent {

		@Override
		public String actor() {
			return this.to.email().value();
		}

		@Override
		public String action() {
			return "identity.account.locked-out";
		}

	}

	/**
	 * An account signed in from a browser it had not used before; its owner is told.
	 */
	public record NewDeviceSignIn(Recipient to, String device, String origin,
			Instant occurredAt) implements AuditableEvent {

		@Override
		public String actor() {
			return this.to.email().value();
		}

		@Override
		public String action() {
			return "identity.sign-in.new-device";
		}

		@Override
		public String subject() {
			return this.device;
		}

	}

	/**
	 * An account's owner ended one of their sessions, or all but the current one.
	 */
	public record SessionsRevoked(String actor, int count, String origin,
			Instant occurredAt) implements AuditableEvent {

		@Override
		public String action() {
			return "identity.sessions.revoked";
		}

		@Override
		public String subject() {
			return this.count + " session(s)";
		}

	}

	/**
	 * An account's second factor changed: {@code enrolled}, {@code disabled},
	 * {@code recovery-codes-regenerated} or {@code recovery-code-used}; its owner is
	 * told.
	 */
	public record SecondFactorChanged(Recipient to, String change, String origin,
			Instant occurredAt) implements AuditableEvent {

		@Override
		public String actor() {
			return this.to.email().value();
		}

		@Override
		public String action() {
			return "identity.mfa." + this.change;
		}

	}

	/**
	 * Someone is invited to join a company account; the invitation is mailed.
	 */
	public record InvitationSent(EmailAddress email, String organisation, String invitedBy, String link,
			String language) {

	}

	/**
	 * A company account's membership changed: {@code invited}, {@code joined},
	 * {@code roles-changed}, {@code removed} or {@code invitation-revoked}.
	 */
	public record MembershipChanged(String actor, String change, String subject, String origin,
			Instant occurredAt) implements AuditableEvent {

		@Override
		public String action() {
			return "identity.organisation." + this.change;
		}

	}

	/**
	 * An account's owner asked to move it to another address: the new one gets a link,
	 * the old one a notice.
	 */
	public record EmailChangeRequested(Recipient to, EmailAddress newEmail, String link, String origin,
			Instant occurredAt) implements AuditableEvent {

		@Override
		public String actor() {
			return this.to.email().value();
		}

		@Override
		public String action() {
			return "identity.email.change-requested";
		}

		@Override
		public String subject() {
			return this.newEmail.value();
		}

	}

	/**
	 * An account moved to a new address; the old one is told.
	 */
	public record EmailChanged(Recipient formerly, EmailAddress newEmail, String origin,
			Instant occurredAt) implements AuditableEvent {

		@Override
		public String actor() {
			return this.newEmail.value();
		}

		@Override
		public String action() {
			return "identity.email.changed";
		}

		@Override
		public String subject() {
			return this.formerly.email().value() + " → " + this.newEmail.value();
		}

	}

	/**
	 * An administrator changed the sign-in settings.
	 */
	public record IdentitySettingsChanged(String actor, String subject, String origin,
			Instant occurredAt) implements AuditableEvent {

		@Override
		public String action() {
			return "identity.settings.changed";
		}

	}

	/**
	 * An account was linked to a user of an OpenID Connect provider.
	 */
	public record ExternalIdentityLinked(String actor, String subject, String origin,
			Instant occurredAt) implements AuditableEvent {

		@Override
		public String action() {
			return "identity.sso.linked";
		}

	}

	/**
	 * An account's owner changed their profile.
	 */
	public record ProfileUpdated(String actor, String origin, Instant occurredAt) implements AuditableEvent {

		@Override
		public String action() {
			return "identity.profile.updated";
		}

	}

	/**
	 * An administrator changed a person's access: {@code sessions-ended},
	 * {@code disabled} or {@code enabled}.
	 */
	public record AccountAccessChanged(String actor, String change, String subject, String origin,
			Instant occurredAt) implements AuditableEvent {

		@Override
		public String action() {
			return "identity.account." + this.change;
		}

	}

}
