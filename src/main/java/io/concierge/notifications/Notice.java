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
 * @param threading how its mail threads into a conversation, if it is part of one
 */
record Notice(String event, String key, @Nullable UUID account, @Nullable String guestEmail, String orderNumber,
		Instant occurredAt, Function<Locale, Object[]> arguments, @Nullable String path,
		@Nullable Threading threading) {

	Notice(String event, String key, @Nullable UUID account, @Nullable String guestEmail, String orderNumber,
			Instant occurredAt, Function<Locale, Object[]> arguments, @Nullable String path) {
		this(event, key, account, guestEmail, orderNumber, occurredAt, arguments, path, null);
	}

	/**
	 * @param replyTo where a reply by mail goes
	 * @param messageKey the mail's Message-ID, before the {@code @domain}
	 * @param inReplyTo the Message-ID (with brackets) of the mail it answers
	 */
	record Threading(String replyTo, String messageKey, @Nullable String inReplyTo) {
	}

	Notice(String event, String key, @Nullable UUID account, @Nullable String guestEmail, String orderNumber,
			Instant occurredAt, Function<Locale, Object[]> arguments) {
		this(event, key, account, guestEmail, orderNumber, occurredAt, arguments, null);
	}

}
