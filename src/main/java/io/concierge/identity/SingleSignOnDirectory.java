package io.concierge.identity;

import java.util.Optional;
import java.util.UUID;

import io.concierge.shared.EmailAddress;

/**
 * Organisations other modules keep (partners' carriers and vendors) that are bound to a
 * provider and an email domain, as a company is. {@link SingleSignOn} asks every bean of
 * this type, so identity knows no module that contributes one: the contributor keeps the
 * binding and its members, identity the accounts.
 */
public interface SingleSignOnDirectory {

	/**
	 * A bound organisation's provider (a client registration id) and email domain.
	 */
	record Binding(String provider, String domain) {

	}

	/**
	 * The binding of the organisation this account is a member of, if it is bound: the
	 * account then signs in only through that provider.
	 */
	Optional<Binding> bindingOf(EmailAddress account);

	/**
	 * The role a newcomer's account gets when an organisation is bound to this provider
	 * and the domain of their (provider-verified) address; empty when none is.
	 */
	Optional<Role> takesIn(String provider, EmailAddress email);

	/**
	 * The account {@link #takesIn} accepted has just been opened: make it a member of
	 * that organisation.
	 */
	void joined(String provider, EmailAddress email, UUID account, String origin);

}
