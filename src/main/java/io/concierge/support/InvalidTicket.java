package io.concierge.support;

/**
 * A ticket or message that is refused, and why: the reason is the end of a message key
 * ({@code support.refused.<reason>}).
 */
public class InvalidTicket extends RuntimeException {

	private final String reason;

	public InvalidTicket(String reason) {
		super("Ticket refused: " + reason);
		this.reason = reason;
	}

	public String reason() {
		return this.reason;
	}

}
