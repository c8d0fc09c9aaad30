package io.concierge.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.concierge.shared.IntegrationEvent;

/**
 * Takes in every integration event once its publisher's transaction has committed and
 * keeps one delivery of it for each enabled subscriber of its type; {@link WebhookSender}
 * sends them. Modulith's publication registry hands the event over again after a restart
 * if this did not complete.
 */
@Component
class WebhookOutbox {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	WebhookOutbox(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(IntegrationEvent event) {
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		this.jdbc
			.sql("""
					insert into webhook_delivery (id, subscription_id, event_id, event_type, subject, payload, status,
					  attempts, next_attempt_at, created_at)
					select gen_random_uuid(), s.id, ?, ?, ?, ?, 'PENDING', 0, ?, ?
					from webhook_subscription s
					where s.enabled and (s.event_types = '' or position(',' || ? || ',' in ',' || s.event_types || ',') > 0)""")
			.params(id, event.eventType(), event.subject(), payload(id, event), WebhookSubscriptions.utc(now),
					WebhookSubscriptions.utc(now), event.eventType())
			.update();
	}

	/**
	 * The body subscribers receive: the envelope they can rely on for every type, and the
	 * event itself as {@code data}.
	 */
	String payload(UUID id, IntegrationEvent event) {
		ObjectNode body = this.json.createObjectNode();
		body.put("id", id.toString());
		body.put("type", event.eventType());
		body.put("subject", event.subject());
		body.put("occurredAt", event.occurredAt().toString());
		body.set("data", this.json.valueToTree(event));
		return this.json.writeValueAsString(body);
	}

}
