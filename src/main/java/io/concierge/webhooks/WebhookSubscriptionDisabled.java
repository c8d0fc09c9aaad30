package io.concierge.webhooks;

import java.time.Instant;
import java.util.UUID;

import io.concierge.shared.AuditableEvent;

/**
 * A subscription was switched off because none of its deliveries got through for a day;
 * its contact is told, and its deliveries wait until an administrator enables it again.
 *
 * @param subscription the subscription's id
 * @param name what administrators call it
 * @param url where it was sent
 * @param contactEmail who is told
 * @param reason what went wrong, such as the last answer
 */
public record WebhookSubscriptionDisabled(UUID subscription, String name, String url, String contactEmail,
		String reason, Instant occurredAt) implements AuditableEvent {

	@Override
	public String actor() {
		return "system";
	}

	@Override
	public String action() {
		return "webhooks.subscription.disabled-after-failures";
	}

	@Override
	public String subject() {
		return this.name;
	}

	@Override
	public String origin() {
		return "system";
	}

}
