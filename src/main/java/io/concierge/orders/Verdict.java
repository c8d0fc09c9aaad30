package io.concierge.orders;

import java.util.List;

/**
 * What the {@link ChangePolicy} says about an action on a line, and why, in a form the
 * page turns into the customer's words: {@code reason} is the end of a message key
 * ({@code policy.<reason>}), {@code arguments} fill it in.
 */
public record Verdict(Kind kind, String reason, List<Object> arguments) {

	public enum Kind {

		/** Done at once. */
		INSTANT,

		/** Asked for; someone of the shop's team decides. */
		APPROVAL,

		/** Not possible now. */
		REFUSED

	}

	public Verdict {
		arguments = List.copyOf(arguments);
	}

	static Verdict instant() {
		return new Verdict(Kind.INSTANT, "now", List.of());
	}

	static Verdict approval(String reason, Object... arguments) {
		return new Verdict(Kind.APPROVAL, reason, List.of(arguments));
	}

	static Verdict refused(String reason, Object... arguments) {
		return new Verdict(Kind.REFUSED, reason, List.of(arguments));
	}

	public boolean allowed() {
		return this.kind != Kind.REFUSED;
	}

	public boolean isInstant() {
		return this.kind == Kind.INSTANT;
	}

	/**
	 * The message key of the reason.
	 */
	public String messageKey() {
		return "policy." + this.kind.name().toLowerCase(java.util.Locale.ROOT) + "." + this.reason;
	}

	/**
	 * The stricter of the two: refused over approval over instant; the first one when
	 * they are as strict.
	 */
	Verdict stricter(Verdict other) {
		return (other.kind.ordinal() > this.kind.ordinal()) ? other : this;
	}

}
