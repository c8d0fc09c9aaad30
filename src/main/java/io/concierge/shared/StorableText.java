package io.concierge.shared;

import org.jspecify.annotations.Nullable;

/**
 * Text that PostgreSQL can store and UTF-8 can encode. JSON may carry both of what they
 * cannot: a NUL character ({@code \u0000}), which a PostgreSQL text column refuses, and
 * half of a surrogate pair ({@code \ud800}), which is no character at all and would be
 * stored as {@code ?}. Text from outside is checked where it comes in, so the refusal
 * names the field; {@link #printable} makes any text safe to store, for messages that
 * quote it.
 */
public final class StorableText {

	private StorableText() {
	}

	/**
	 * What is wrong with the text, in words for the sender; null when it can be stored.
	 */
	public static @Nullable String problem(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\u0000') {
				return "contains a NUL character (U+0000) at position " + (i + 1) + ", which cannot be stored";
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return "contains half of a surrogate pair (\\u" + Integer.toHexString(c) + ") at position " + (i + 1)
						+ ", which is not a character";
			}
		}
		return null;
	}

	/**
	 * The text with each NUL and each unpaired surrogate replaced by U+FFFD, the
	 * replacement character.
	 */
	public static String printable(String text) {
		if (problem(text) == null) {
			return text;
		}
		StringBuilder safe = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				safe.append(c).append(text.charAt(++i));
			}
			else {
				safe.append((c == '\u0000' || Character.isSurrogate(c)) ? '\uFFFD' : c);
			}
		}
		return safe.toString();
	}

}
