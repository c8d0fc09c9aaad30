package io.concierge.shared;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Someone looked at where an order is: the customer on its page, or an agent on a ticket
 * beside the customer's orders. Analytics counts these "where is my order" checks per
 * order and channel.
 *
 * @param account the customer whose order it is (the viewer, on the portal)
 */
public record StatusChecked(String orderNumber, @Nullable UUID account, Channel channel, Instant occurredAt) {

	public enum Channel {

		PORTAL, AGENT

	}

}
