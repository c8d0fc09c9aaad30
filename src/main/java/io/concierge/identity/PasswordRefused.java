package io.concierge.identity;

/**
 * A new password does not meet {@link PasswordPolicy}.
 */
public class PasswordRefused extends RuntimeException {

	private final PasswordProblem problem;

	public PasswordRefused(PasswordProblem problem) {
		super("Password refused: " + problem);
		this.problem = problem;
	}

	public PasswordProblem problem() {
		return this.problem;
	}

}
