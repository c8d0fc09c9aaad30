package io.concierge.billing;

/**
 * A payment Concierge does not start or accept, with the message key
 * ({@code billing.error.<reason>}) and arguments that say why.
 */
public class InvalidPayment extends RuntimeException {

	private final String reason;

	private final transient Object[] arguments;

	InvalidPayment(String reason, Object... arguments) {
		super("billing.error." + reason);
		this.reason = reason;
		this.arguments = arguments;
	}

	public String reason() {
		return this.reason;
	}

	public String messageKey() {
		return "billing.error." + this.reason;
	}

	public Object[] arguments() {
		return this.arguments.clone();
	}

}
