package io.concierge.identity;

/**
 * Why a new password is refused (NIST SP 800-63B: length and known passwords, no
 * composition rules).
 */
public enum PasswordProblem {

	/** Fewer than {@value PasswordPolicy#MIN_LENGTH} characters. */
	TOO_SHORT,

	/** More than {@value PasswordPolicy#MAX_LENGTH} characters. */
	TOO_LONG,

	/** Found in the list of breached and common passwords. */
	BREACHED,

	/** The same as the account's email address. */
	SAME_AS_EMAIL,

	/**
	 * Made only of "concierge", the person's or the company's name or the email address's
	 * words, with digits or symbols ({@link PasswordPolicy#contextWords}).
	 */
	CONTEXT_WORDS

}
