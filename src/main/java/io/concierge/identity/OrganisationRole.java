package io.concierge.identity;

/**
 * What a user may do within their company account.
 */
public enum OrganisationRole {

	/** Invites and removes users and assigns their roles. */
	ADMIN,

	/** Places, changes, cancels and returns orders. */
	BUYER,

	/** Reads orders, invoices and tickets, changes nothing. */
	VIEWER,

	/** Sees and pays invoices, statements and the balance. */
	FINANCE;

	public String authority() {
		return "ORG_" + name();
	}

}
