package io.concierge.privacy;

import org.jspecify.annotations.Nullable;

/**
 * Which part of the trail to show, newest first.
 *
 * @param text words to find in the actor, action or subject; empty for all
 * @param before show entries older than this sequence, or from the newest when null
 * @param size how many
 */
public record AuditQuery(String text, @Nullable Long before, int size) {

	public AuditQuery {
		text = (text == null) ? "" : text.strip();
		size = Math.clamp(size, 1, 200);
	}

}
