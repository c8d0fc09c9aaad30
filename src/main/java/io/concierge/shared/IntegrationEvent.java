package io.concierge.shared;

import java.time.Instant;

/**
 * An event that systems outside Concierge (an ERP, a warehouse) may subscribe to. Modules
 * publish these as records; the webhooks module sends each one, as JSON, to every
 * subscriber of its type.
 */
public interface IntegrationEvent {

	/**
	 * The type subscribers choose, a stable dotted key such as
	 * {@code order.lines_cancelled}.
	 */
	String eventType();

	/**
	 * What it is about, such as an order number.
	 */
	String subject();

	Instant occurredAt();

}
