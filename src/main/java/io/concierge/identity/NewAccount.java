package io.concierge.identity;

import org.jspecify.annotations.Nullable;

import io.concierge.shared.EmailAddress;

/**
 * A request to open an account.
 *
 * @param email the address it signs in with
 * @param displayName the name to greet it by
 * @param password the password in plain text, hashed before it is stored
 * @param role what it may do
 * @param organisationName the company account it joins (created when new), if any
 */
public record NewAccount(EmailAddress email, String displayName, String password, Role role,
		@Nullable String organisationName) {

	@Override
	public String toString() {
		return "NewAccount[" + this.email + ", " + this.role + "]";
	}

}
