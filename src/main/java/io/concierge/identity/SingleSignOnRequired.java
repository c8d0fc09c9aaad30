package io.concierge.identity;

import org.springframework.security.authentication.AccountStatusException;

/**
 * The password was right, but the account's company makes its users sign in with its
 * provider.
 */
public class SingleSignOnRequired extends AccountStatusException {

	public SingleSignOnRequired() {
		super("This account signs in through its company's provider");
	}

}
