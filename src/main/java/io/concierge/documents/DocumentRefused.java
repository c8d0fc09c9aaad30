package io.concierge.documents;

import java.util.List;

/**
 * A document that is not kept, or not served, and why: the reason is the end of a message
 * key ({@code documents.refused.<reason>}), its arguments fill it in.
 */
public class DocumentRefused extends RuntimeException {

	private final String reason;

	private final List<Object> arguments;

	public DocumentRefused(String reason, Object... arguments) {
		super("Document refused: " + reason);
		this.reason = reason;
		this.arguments = List.of(arguments);
	}

	public String reason() {
		return this.reason;
	}

	public Object[] arguments() {
		return this.arguments.toArray();
	}

}
