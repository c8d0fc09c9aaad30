package io.concierge.shared;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An email address, trimmed and lower-cased so that one person has one address.
 *
 * @param value the normalised address
 */
public record EmailAddress(String value) {

	private static final Pattern SHAPE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

	public EmailAddress {
		Objects.requireNonNull(value, "value");
		value = value.strip().toLowerCase(Locale.ROOT);
		if (value.length() > 254 || !SHAPE.matcher(value).matches()) {
			throw new IllegalArgumentException("Not an email address: " + value);
		}
	}

	public static EmailAddress of(String value) {
		return new EmailAddress(value);
	}

	public String domain() {
		return this.value.substring(this.value.indexOf('@') + 1);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
