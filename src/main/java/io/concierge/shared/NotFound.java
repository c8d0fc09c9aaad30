package io.concierge.shared;

/**
 * What was asked for does not exist, or is someone else's: the two are answered alike
 * (404), so nobody learns what others have by trying ids.
 */
public class NotFound extends RuntimeException {

	public NotFound(String what) {
		super(what + " not found");
	}

}
