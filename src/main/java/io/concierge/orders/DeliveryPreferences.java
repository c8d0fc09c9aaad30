package io.concierge.orders;

import java.time.LocalDate;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import org.jspecify.annotations.Nullable;

/**
 * How a customer wants their parcel handed over.
 *
 * @param safePlace where it may be left when nobody is in ("behind the side gate")
 * @param neighbour who may take it in ("Mrs Berger, no. 14")
 * @param window when in the day it is best
 * @param date the day they chose, where the carrier lets them choose
 */
@Embeddable
public record DeliveryPreferences(@Nullable String safePlace, @Nullable String neighbour,
		@Enumerated(EnumType.STRING) @Nullable DeliveryWindow window, @Nullable LocalDate date) {

	public static final int MAX_TEXT = 200;

	public DeliveryPreferences {
		safePlace = blankToNull(safePlace);
		neighbour = blankToNull(neighbour);
		if ((safePlace != null && safePlace.length() > MAX_TEXT)
				|| (neighbour != null && neighbour.length() > MAX_TEXT)) {
			throw new IllegalArgumentException("A safe place or neighbour is at most " + MAX_TEXT + " characters");
		}
	}

	public boolean isEmpty() {
		return this.safePlace == null && this.neighbour == null && this.window == null && this.date == null;
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	/**
	 * A part of the day carriers deliver in.
	 */
	public enum DeliveryWindow {

		MORNING, AFTERNOON, EVENING

	}

}
