package io.concierge.shared;

import java.time.Instant;

/**
 * An event that belongs in the audit trail. Modules publish these; the privacy module
 * records each one as an entry of who did what, when and from where.
 */
public interface AuditableEvent {

	/**
	 * Who acted: an email address, an integration client or {@code system}.
	 */
	String actor();

	/**
	 * What happened, as a stable dotted key such as {@code identity.sign-in.succeeded}.
	 */
	String action();

	/**
	 * What it happened to, or an empty string.
	 */
	default String subject() {
		return "";
	}

	/**
	 * Where the actor was: a network address, or {@code system}.
	 */
	String origin();

	Instant occurredAt();

}
