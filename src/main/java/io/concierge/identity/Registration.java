package io.concierge.identity;

import io.concierge.shared.EmailAddress;

/**
 * Someone opening their own customer account.
 *
 * @param email the address to sign in with, verified by a link
 * @param displayName the name to greet them by
 * @param password the chosen password, checked against {@link PasswordPolicy}
 * @param language the language they registered in
 */
public record Registration(EmailAddress email, String displayName, String password, String language) {

	@Override
	public String toString() {
		return "Registration[" + this.email + "]";
	}

}
