package io.concierge.identity;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.concierge.shared.EmailAddress;

/**
 * What other modules and pages may know of an account.
 *
 * @param id the account's identity
 * @param email the address it signs in with
 * @param displayName the name to greet it by
 * @param role what it may do
 * @param organisationName the company account it belongs to, if any
 * @param emailVerified whether its owner has followed the verification link
 * @param phone a phone number to reach its owner, if given
 * @param language the language it reads the portal and its emails in ({@code en},
 * {@code de}), if chosen
 * @param timeZone the time zone its times are shown in, if chosen
 * @param createdAt when it was created
 */
public record AccountView(UUID id, EmailAddress email, String displayName, Role role, @Nullable String organisationName,
		boolean emailVerified, @Nullable String phone, @Nullable String language, @Nullable String timeZone,
		Instant createdAt) {

	public boolean isBusinessUser() {
		return this.organisationName != null;
	}

}
