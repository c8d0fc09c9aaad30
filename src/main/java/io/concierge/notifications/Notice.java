package io.concierge.notifications;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Something to tell a customer about one of their orders.
 *
 * @param event the rule it falls under ({@code order.shipped})
 * @param key what makes it this one and no other, whatever the event is replayed
 * @param account the customer's account, if the order has one
 * @param guestEmail the address to mail when it has none
 * @param orderNumber the order it is about
 * @param occurredAt when it happened; what is long past is not told
 * @param arguments the template's arguments, in the reader's language
 * @param path the portal page it links to; the order's page when null
 */
record Notice(String event, String key, @Nullable UUID account, @Nullable String guestEmail, String orderNumber,
		Instant occurredAt, Function<Locale, Object[]> arguments, @Nullable String path) {

	Notice(String event, String key, @Nullable UUID account, @Nullable String guestEmail, String orderNumber,
			Instant occurredAt, Function<Locale, Object[]> arguments) {
		this(event, key, account, guestEmail, orderNumber, occurredAt, arguments, null);
	}

}
