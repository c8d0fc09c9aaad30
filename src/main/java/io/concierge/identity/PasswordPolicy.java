package io.concierge.identity;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.concierge.shared.EmailAddress;

/**
 * The rules a new password must meet, after NIST SP 800-63B: at least 8 characters
 * (counted as Unicode code points after NFKC normalisation, so any character counts as
 * one), up to 128, any characters at all, not a known breached or common password, not
 * the email address, and not made only of words anyone who knows the account would try
 * first (ASVS V6.2.11).
 */
@Component
public class PasswordPolicy {

	static final int MIN_LENGTH = 8;

	static final int RECOMMENDED_LENGTH = 15;

	static final int MAX_LENGTH = 128;

	/**
	 * The context-specific words every password is checked against, besides the account's
	 * own (the person's name, the company's name, the email address's parts).
	 */
	static final List<String> PORTAL_WORDS = List.of("concierge");

	private final BreachedPasswords breached;

	PasswordPolicy(BreachedPasswords breached) {
		this.breached = breached;
	}

	public Optional<PasswordProblem> problemWith(String password, EmailAddress email) {
		return problemWith(password, email, List.of());
	}

	/**
	 * @param names the person's name and the company's name, when known: a password made
	 * only of their words is refused
	 */
	public Optional<PasswordProblem> problemWith(String password, EmailAddress email, List<@Nullable String> names) {
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
		if (madeOfWords(plain(lowered), contextWords(email, names))) {
			return Optional.of(PasswordProblem.CONTEXT_WORDS);
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

	/**
	 * "concierge", the words of the names and of the email address, of two letters or
	 * more, lower case, without accents and with umlauts spelled out.
	 */
	static Set<String> contextWords(EmailAddress email, List<@Nullable String> names) {
		List<String> sources = new ArrayList<>(PORTAL_WORDS);
		String address = email.value();
		sources.add(address.substring(0, address.indexOf('@')));
		sources.add(address.substring(address.indexOf('@') + 1));
		names.stream().filter((name) -> name != null && !name.isBlank()).forEach(sources::add);
		Set<String> words = new LinkedHashSet<>();
		for (String source : sources) {
			String lowered = normalise(source).toLowerCase(Locale.ROOT);
			// "Müller" is typed "muller" and "mueller" alike
			String spelledOut = lowered.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss");
			for (String form : List.of(plain(lowered), spelledOut)) {
				for (String word : form.split("[^\\p{L}]+")) {
					if (word.length() >= 2) {
						words.add(word);
					}
				}
			}
		}
		return words;
	}

	/**
	 * Whether the password is nothing but those words, in any order and number, maybe
	 * apart ({@code " .-_"}), with common letter-for-digit or symbol swaps
	 * ({@code c0nc1erg3}), with digits or symbols before or after them
	 * ({@code Concierge2026!}).
	 */
	static boolean madeOfWords(String password, Set<String> words) {
		int n = password.length();
		// before[i]: password[0, i) is digits and symbols only; after[i]: at least one
		// word and what may lie between words
		boolean[] before = new boolean[n + 1];
		boolean[] after = new boolean[n + 1];
		before[0] = true;
		for (int i = 0; i < n; i++) {
			char c = password.charAt(i);
			if (before[i] && !Character.isLetter(c)) {
				before[i + 1] = true;
			}
			if (after[i] && " .-_".indexOf(c) >= 0) {
				after[i + 1] = true;
			}
			if (before[i] || after[i]) {
				for (String word : words) {
					if (matchesAt(password, i, word)) {
						after[i + word.length()] = true;
					}
				}
			}
		}
		for (int i = n; i >= 0; i--) {
			if (after[i]) {
				return true;
			}
			if (i > 0 && Character.isLetter(password.charAt(i - 1))) {
				return false;
			}
		}
		return false;
	}

	private static boolean matchesAt(String password, int start, String word) {
		if (start + word.length() > password.length()) {
			return false;
		}
		for (int k = 0; k < word.length(); k++) {
			char c = password.charAt(start + k);
			char letter = word.charAt(k);
			if (c != letter && leet(c).indexOf(letter) < 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The letters a digit or symbol is commonly typed for.
	 */
	private static String leet(char c) {
		return switch (c) {
			case '0' -> "o";
			case '1', '!', '|' -> "il";
			case '3' -> "e";
			case '4', '@' -> "a";
			case '5', '$' -> "s";
			case '7', '+' -> "t";
			case '8' -> "b";
			case '9', '6' -> "g";
			case 'ß' -> "s";
			default -> "";
		};
	}

	/**
	 * Without accents, so "Müller" is the same word as "Muller".
	 */
	private static String plain(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
	}

}
