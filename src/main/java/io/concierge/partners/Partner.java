package io.concierge.partners;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A carrier or a vendor that serves itself in the partner portal.
 *
 * @param carrier for a carrier, the name its parcels are shipped with ({@code DHL})
 */
public record Partner(UUID id, Kind kind, String name, @Nullable String carrier, Instant createdAt) {

	public enum Kind {

		CARRIER, VENDOR

	}

	public boolean isCarrier() {
		return this.kind == Kind.CARRIER;
	}

}
