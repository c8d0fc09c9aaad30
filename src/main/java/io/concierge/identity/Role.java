package io.concierge.identity;

/**
 * What an account may do in Concierge.
 */
public enum Role {

	/**
	 * A shopper or a user of a company account: sees their own or their organisation's
	 * data.
	 */
	CUSTOMER,

	/** Works the support queue. */
	AGENT,

	/** Watches channels and the intake dead-letter queue. */
	OPERATIONS,

	/** Configures the product and reads the audit trail. */
	ADMINISTRATOR,

	/**
	 * Works for a carrier or a vendor: sees its own shipments, pickups, purchase orders
	 * and stock in the partner portal, nothing of customers beyond what those need.
	 */
	PARTNER;

	/**
	 * What an account gets instead of its role until its email address is verified:
	 * enough to sign in and ask for another link, nothing else.
	 */
	public static final String UNVERIFIED_AUTHORITY = "ROLE_UNVERIFIED";

	/**
	 * What an account has between its password and its second factor: enough to enter the
	 * code.
	 */
	public static final String PENDING_SECOND_FACTOR = "PENDING_SECOND_FACTOR";

	/**
	 * What an account that must have a second factor but has none gets: enough to set one
	 * up.
	 */
	public static final String SECOND_FACTOR_REQUIRED = "SECOND_FACTOR_REQUIRED";

	public String authority() {
		return "ROLE_" + name();
	}

}
