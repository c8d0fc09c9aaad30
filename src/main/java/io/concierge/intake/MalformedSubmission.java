package io.concierge.intake;

import org.jspecify.annotations.Nullable;

/**
 * A submission that cannot be read: nothing was stored.
 */
public class MalformedSubmission extends RuntimeException {

	private final @Nullable String where;

	/**
	 * @param where the field ({@code line_items[2].price}) or the place in the text
	 * ({@code line 3, column 14}) it went wrong at
	 */
	MalformedSubmission(@Nullable String where, String message) {
		super((where != null) ? where + ": " + message : message);
		this.where = where;
	}

	public @Nullable String where() {
		return this.where;
	}

}
