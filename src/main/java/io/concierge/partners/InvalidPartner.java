package io.concierge.partners;

/**
 * A partner or an invitation that cannot be made: {@link #field()} names the input, the
 * message key {@code partners.invalid.<reason>} says why.
 */
public class InvalidPartner extends RuntimeException {

	private final String field;

	private final String reason;

	InvalidPartner(String field, String reason) {
		super("Invalid " + field + ": " + reason);
		this.field = field;
		this.reason = reason;
	}

	public String field() {
		return this.field;
	}

	public String reason() {
		return this.reason;
	}

}
