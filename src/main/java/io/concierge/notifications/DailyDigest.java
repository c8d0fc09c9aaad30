package io.concierge.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;

/**
 * Mails the customers who chose a daily digest what gathered for them: once a day, at the
 * digest hour of their time zone or after it (and after their quiet hours), one mail
 * listing every notification since the last.
 */
@Component
class DailyDigest {

	private record Waiting(UUID id, String title) {

	}

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final NotificationPreferences preferences;

	private final MailOutbox outbox;

	private final MailRenderer renderer;

	private final MessageSource messages;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final int hour;

	private final MailLinks portal;

	DailyDigest(JdbcClient jdbc, Accounts accounts, NotificationPreferences preferences, MailOutbox outbox,
			MailRenderer renderer, MessageSource messages, TransactionTemplate transactions, Clock clock,
			@Value("${concierge.notifications.digest-hour:8}") int hour, MailLinks portal) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.preferences = preferences;
		this.outbox = outbox;
		this.renderer = renderer;
		this.messages = messages;
		this.transactions = transactions;
		this.clock = clock;
		this.hour = hour;
		this.portal = portal;
	}

	@Scheduled(initialDelayString = "${concierge.notifications.digest-delay:PT1M}",
			fixedDelayString = "${concierge.notifications.digest-interval:PT5M}")
	void look() {
		sendDue();
	}

	/**
	 * @return how many digests went out
	 */
	int sendDue() {
		List<UUID> waiting = this.jdbc
			.sql("select distinct account from notification where in_digest and mail_message is null")
			.query(UUID.class)
			.list();
		int sent = 0;
		for (UUID account : waiting) {
			if (Boolean.TRUE.equals(this.transactions.execute((status) -> sendTo(account)))) {
				sent++;
			}
		}
		return sent;
	}

	private boolean sendTo(UUID account) {
		AccountView customer = this.accounts.find(account).orElse(null);
		if (customer == null) {
			return false;
		}
		Instant now = this.clock.instant();
		ZoneId zone = Notifier.zone(customer);
		LocalDateTime local = LocalDateTime.ofInstant(now, zone);
		// one node at a time per customer: the setting's row is locked until this commits
		OffsetDateTime last = this.jdbc
			.sql("select last_digest_at from notification_setting where account = ? for update")
			.param(account)
			.query((row, number) -> row.getObject(1, OffsetDateTime.class))
			.optional()
			.orElse(null);
		if (local.getHour() < this.hour || (last != null
				&& LocalDateTime.ofInstant(last.toInstant(), zone).toLocalDate().equals(local.toLocalDate()))) {
			return false;
		}
		List<Waiting> items = this.jdbc.sql("""
				select id, title from notification where account = ? and in_digest and mail_message is null
				order by created_at, id for update""")
			.param(account)
			.query((row, number) -> new Waiting(row.getObject(1, UUID.class), row.getString(2)))
			.list();
		if (items.isEmpty()) {
			return false;
		}
		Locale locale = Locale.of((customer.language() != null) ? customer.language() : "en");
		String subject = this.messages.getMessage("notify.digest.subject", new Object[] { items.size() }, locale);
		MailRenderer.Mail mail = new MailRenderer.Mail(customer.displayName(),
				items.stream().map(Waiting::title).toList(),
				this.messages.getMessage("notify.digest.action", null, locale), this.portal.of("/notifications"),
				this.portal.of("/account/notifications"), null);
		MailMessage message = this.outbox.send(customer.email(), subject, this.renderer.text(mail, locale),
				this.renderer.html(mail, subject, locale), null,
				Notifier.quietUntil(this.preferences.settings(account), zone, now));
		this.jdbc.sql("update notification set mail_message = :message where id in (:ids)")
			.param("message", message.getId())
			.param("ids", items.stream().map(Waiting::id).toList())
			.update();
		this.jdbc.sql("update notification_setting set last_digest_at = ? where account = ?")
			.params(Timestamp.from(now), account)
			.update();
		return true;
	}

}
