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
	ADMINISTRATOR;

	public String authority() {
		return "ROLE_" + name();
	}

}
