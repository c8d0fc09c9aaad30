package io.concierge.tracking;

/**
 * A webhook event that cannot be read: nothing was recorded.
 */
public class UnreadableEvent extends RuntimeException {

	public UnreadableEvent(String message) {
		super(message);
	}

}
