package io.concierge.partners;

import org.jspecify.annotations.Nullable;

import io.concierge.shared.StorableText;

/**
 * A vendor's input that is refused as a whole, nothing changed: the message key
 * {@code partners.vendor.refused.<reason>} says why, with the line (from 1) of a list or
 * file and the value at fault.
 */
public class VendorRefused extends RuntimeException {

	private final String reason;

	private final int line;

	private final String value;

	VendorRefused(String reason, int line, @Nullable String value) {
		super("Refused: " + reason + ((line > 0) ? " on line " + line : "")
				+ ((value != null) ? ": " + quoted(value) : ""));
		this.reason = reason;
		this.line = line;
		this.value = quoted(value);
	}

	VendorRefused(String reason) {
		this(reason, 0, null);
	}

	/**
	 * The value as the refusal quotes it (and the audit trail stores it): at most 200
	 * characters, NUL and half surrogate pairs replaced.
	 */
	static String quoted(@Nullable String value) {
		if (value == null) {
			return "";
		}
		String cut = (value.length() > 200) ? value.substring(0, 200) + "…" : value;
		return StorableText.printable(cut);
	}

	public String reason() {
		return this.reason;
	}

	/**
	 * The line at fault, from 1, or 0 when it is the whole.
	 */
	public int line() {
		return this.line;
	}

	public String value() {
		return this.value;
	}

	/**
	 * The message key that explains the refusal; with a line, its arguments are the line
	 * and the value.
	 */
	public String messageKey() {
		return "partners.vendor.refused." + this.reason;
	}

}
