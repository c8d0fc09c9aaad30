package io.concierge.privacy;

import java.time.Instant;
import java.util.UUID;

import io.concierge.identity.AccountEvents.Recipient;
import io.concierge.shared.AuditableEvent;

/**
 * What the privacy module tells others: the mails it asks for and the entries of the
 * audit trail.
 */
public final class PrivacyEvents {

	private PrivacyEvents() {
	}

	/**
	 * An export was asked for.
	 */
	public record ExportRequested(String actor, UUID export, boolean company, String origin,
			Instant occurredAt) implements AuditableEvent {

		@Override
		public String action() {
			return this.company ? "privacy.export.company-requested" : "privacy.export.requested";
		}

		@Override
		public String subject() {
			return "export:" + this.export;
		}

	}

	/**
	 * An export is ready: its owner gets the link by mail.
	 *
	 * @param link the signed link, relative to the portal
	 */
	public record ExportReady(Recipient to, String link, Instant expiresAt, Instant occurredAt) {

	}

	/**
	 * An export was downloaded.
	 */
	public record ExportDownloaded(String actor, UUID export, String origin,
			Instant occurredAt) implements AuditableEvent {

		@Override
		public String action() {
			return "privacy.export.downloaded";
		}

		@Override
		public String subject() {
			return "export:" + this.export;
		}

	}

	/**
	 * A customer asked for their account to be deleted.
	 *
	 * @param receiptLink where the receipt will be, relative to the portal
	 */
	public record ErasureScheduled(Recipient to, UUID account, Instant dueAt, String receiptLink, String origin,
			Instant occurredAt) implements AuditableEvent {

		@Override
		public String actor() {
			return this.to.email().value();
		}

		@Override
		public String action() {
			return "privacy.erasure.scheduled";
		}

		@Override
		public String subject() {
			return "account:" + this.account;
		}

	}

	/**
	 * A customer changed their mind within the grace period.
	 */
	public record ErasureCancelled(String actor, UUID account, String origin,
			Instant occurredAt) implements AuditableEvent {

		@Override
		public String action() {
			return "privacy.erasure.cancelled";
		}

		@Override
		public String subject() {
			return "account:" + this.account;
		}

	}

	/**
	 * An account's personal data was erased.
	 */
	public record AccountErased(UUID account, Instant occurredAt) implements AuditableEvent {

		@Override
		public String actor() {
			return "system";
		}

		@Override
		public String action() {
			return "privacy.erasure.done";
		}

		@Override
		public String subject() {
			return "account:" + this.account;
		}

		@Override
		public String origin() {
			return "system";
		}

	}

	/**
	 * A consent was given or withdrawn.
	 */
	public record ConsentDecided(String actor, UUID account, String purpose, int version, boolean granted,
			String origin, Instant occurredAt) implements AuditableEvent {

		@Override
		public String action() {
			return this.granted ? "privacy.consent.given" : "privacy.consent.withdrawn";
		}

		@Override
		public String subject() {
			return "account:" + this.account + " " + this.purpose.toLowerCase(java.util.Locale.ROOT) + " v"
					+ this.version;
		}

	}

}
