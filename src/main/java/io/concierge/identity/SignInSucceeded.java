package io.concierge.identity;

import java.time.Instant;

import io.concierge.shared.AuditableEvent;

/**
 * Someone signed in.
 *
 * @param actor the account's email address
 * @param origin the network address they came from
 * @param occurredAt when
 */
public record SignInSucceeded(String actor, String origin, Instant occurredAt) implements AuditableEvent {

	@Override
	public String action() {
		return "identity.sign-in.succeeded";
	}

}
