package io.concierge.identity;

import java.time.Instant;

import io.concierge.shared.AuditableEvent;

/**
 * A sign-in was refused.
 *
 * @param actor the email address that was tried (it may name no account)
 * @param subject why, in a word: {@code bad-credentials}, {@code disabled}, …
 * @param origin the network address it came from
 * @param occurredAt when
 */
public record SignInFailed(String actor, String subject, String origin, Instant occurredAt) implements AuditableEvent {

	@Override
	public String action() {
		return "identity.sign-in.failed";
	}

}
