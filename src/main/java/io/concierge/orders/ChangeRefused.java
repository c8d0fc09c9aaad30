package io.concierge.orders;

/**
 * The change policy does not allow the change now; {@link #verdict()} says why.
 */
public class ChangeRefused extends RuntimeException {

	private final Verdict verdict;

	ChangeRefused(Verdict verdict) {
		super("Refused by the change policy: " + verdict.messageKey() + " " + verdict.arguments());
		this.verdict = verdict;
	}

	public Verdict verdict() {
		return this.verdict;
	}

}
