package io.concierge.webhooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.concierge.shared.DataSubject;
import io.concierge.shared.ExportRows;
import io.concierge.shared.PersonalData;

/**
 * What webhooks keep about a person: the events sent to subscribers that carry their
 * address, and the subscriptions they are the contact of. An erasure removes those
 * deliveries with their attempts, and pseudonymises the contact.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 2)
class WebhooksPersonalData implements PersonalData {

	private final JdbcClient jdbc;

	WebhooksPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String section() {
		return "webhooks";
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject subject) {
		Map<String, List<Map<String, Object>>> data = new LinkedHashMap<>();
		if (subject.isCompany()) {
			return data;
		}
		data.put("deliveries", ExportRows.of(this.jdbc.sql("""
				select s.name as subscriber, d.event_type, d.subject, d.payload, d.status, d.created_at,
				  d.delivered_at
				from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id
				where strpos(d.payload, ?) > 0 order by d.created_at""").param(subject.email())));
		data.put("subscriptions", ExportRows.of(this.jdbc.sql("""
				select name, url, contact_email, created_at from webhook_subscription
				where lower(contact_email) = lower(?) or created_by = ? order by created_at""")
			.params(subject.email(), subject.email())));
		return data;
	}

	@Override
	public List<Erased> erase(DataSubject subject, String pseudonym) {
		String address = pseudonym + "@erased.invalid";
		long deliveries = this.jdbc.sql("delete from webhook_delivery where strpos(payload, ?) > 0")
			.param(subject.email())
			.update();
		long contacts = this.jdbc.sql("""
				update webhook_subscription set
				  contact_email = case when lower(contact_email) = lower(?) then ? else contact_email end,
				  created_by = case when created_by = ? then ? else created_by end
				where lower(contact_email) = lower(?) or created_by = ?""")
			.params(subject.email(), address, subject.email(), address, subject.email(), subject.email())
			.update();
		return List.of(Erased.erased("webhooks.payloads", deliveries),
				Erased.pseudonymised("webhooks.contacts", contacts));
	}

}
