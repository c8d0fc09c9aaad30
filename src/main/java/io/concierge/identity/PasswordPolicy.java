package io.concierge.identity;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.concierge.shared.EmailAddress;

/**
 * The rules a new password must meet, after NIST SP 800-63B: at least 8 characters
 * (counted as Unicode code points after NFKC normalisation, so any character counts as
 * one), up to 128, any characters at all, not a known breached or common password, not
 * the email address.
 */
@Component
public class PasswordPolicy {

	static final int MIN_LENGTH = 8;

	static final int RECOMMENDED_LENGTH = 15;

	static final int MAX_LENGTH = 128;

	private final BreachedPasswords breached;

	PasswordPolicy(BreachedPasswords breached) {
		this.breached = breached;
	}

	public Optional<PasswordProblem> problemWith(String password, EmailAddress email) {
		String normalised = normalise(password);
		int length = normalised.codePointCount(0, normalised.length());
		if (length < MIN_LENGTH) {
			return Optional.of(PasswordProblem.TOO_SHORT);
		}
		if (length > MAX_LENGTH) {
			return Optional.of(PasswordProblem.TOO_LONG);
		}
		String lowered = normalised.toLowerCase(Locale.ROOT);
		if (lowered.equals(email.value()) || lowered.equals(email.value().substring(0, email.value().indexOf('@')))) {
			return Optional.of(PasswordProblem.SAME_AS_EMAIL);
		}
		if (this.breached.contains(normalised)) {
			return Optional.of(PasswordProblem.BREACHED);
		}
		return Optional.empty();
	}

	/**
	 * The form a password is hashed in, so that the same characters typed on another
	 * keyboard (composed or decomposed accents) still match.
	 */
	static String normalise(String password) {
		return Normalizer.normalize(password, Normalizer.Form.NFKC);
	}

}
