package io.concierge.identity;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.concierge.shared.EmailAddress;

/**
 * What other modules and pages may know of an account.
 *
 * @param id the account's identity
 * @param email its verified email address
 * @param displayName the name to greet it by
 * @param role what it may do
 * @param organisationName the company account it belongs to, if any
 * @param createdAt when it was created
 */
public record AccountView(UUID id, EmailAddress email, String displayName, Role role, @Nullable String organisationName,
		Instant createdAt) {

	public boolean isBusinessUser() {
		return this.organisationName != null;
	}

}
