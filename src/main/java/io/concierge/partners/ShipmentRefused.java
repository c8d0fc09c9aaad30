package io.concierge.partners;

import java.util.List;

/**
 * A carrier's report, proof or pickup that is not taken, and why: the reason is the end
 * of a message key ({@code partners.refused.<reason>}), its arguments fill it in.
 * {@code unknown} means the parcel is not the carrier's (or does not exist), which the
 * pages answer like one that does not exist.
 */
public class ShipmentRefused extends RuntimeException {

	private final String reason;

	private final List<Object> arguments;

	public ShipmentRefused(String reason, Object... arguments) {
		super("Refused: " + reason);
		this.reason = reason;
		this.arguments = List.of(arguments);
	}

	public String reason() {
		return this.reason;
	}

	public Object[] arguments() {
		return this.arguments.toArray();
	}

	public boolean unknown() {
		return this.reason.equals("unknown");
	}

}
