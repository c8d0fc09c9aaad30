package io.concierge.notifications;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules table: which event tells customers what, through which channels.
 */
@Component
public class NotificationRules {

	/**
	 * @param event the event it answers
	 * @param kind what customers choose about
	 * @param template the message keys' prefix ({@code notify.<template>.title},
	 * {@code .body})
	 * @param email whether it is mailed, unless the customer says otherwise
	 * @param inApp whether it shows under the bell, unless the customer says otherwise
	 * @param enabled whether it is told at all
	 */
	public record Rule(String event, NotificationKind kind, String template, boolean email, boolean inApp,
			boolean enabled) {

	}

	private final JdbcClient jdbc;

	NotificationRules(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Rule> find(String event) {
		return this.jdbc
			.sql("select event, kind, template, email, in_app, enabled from notification_rule where event = ?")
			.param(event)
			.query(NotificationRules::rule)
			.optional();
	}

	@Transactional(readOnly = true)
	public List<Rule> all() {
		return this.jdbc
			.sql("select event, kind, template, email, in_app, enabled from notification_rule order by kind, event")
			.query(NotificationRules::rule)
			.list();
	}

	/**
	 * Changes a rule's channels; a rule for an event that does not exist is refused.
	 */
	@Transactional
	public void change(String event, boolean email, boolean inApp, boolean enabled) {
		int changed = this.jdbc.sql("update notification_rule set email = ?, in_app = ?, enabled = ? where event = ?")
			.params(email, inApp, enabled, event)
			.update();
		if (changed == 0) {
			throw new IllegalArgumentException("No rule for the event " + event);
		}
	}

	private static Rule rule(java.sql.ResultSet row, int number) throws java.sql.SQLException {
		return new Rule(row.getString(1), NotificationKind.valueOf(row.getString(2)), row.getString(3),
				row.getBoolean(4), row.getBoolean(5), row.getBoolean(6));
	}

}
