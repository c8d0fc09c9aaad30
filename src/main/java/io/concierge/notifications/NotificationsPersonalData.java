package io.concierge.notifications;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.concierge.shared.DataSubject;
import io.concierge.shared.ExportRows;
import io.concierge.shared.PersonalData;

/**
 * What notifications keep about a person: what they were told in the portal and by mail,
 * their notification settings, and the mails sent to (or about) their address. An erasure
 * removes all of it.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 2)
class NotificationsPersonalData implements PersonalData {

	static final Duration MAIL_KEPT = Duration.ofDays(90);

	/** Mails to the address given as the parameter, or that name it. */
	private static final String MAILS = """
			select id from mail_message where lower(recipient) = lower(:email) or strpos(subject, :email) > 0
			  or strpos(body, :email) > 0 or strpos(html, :email) > 0""";

	private final JdbcClient jdbc;

	NotificationsPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public String section() {
		return "notifications";
	}

	@Override
	public Map<String, List<Map<String, Object>>> export(DataSubject subject) {
		Map<String, List<Map<String, Object>>> data = new LinkedHashMap<>();
		if (subject.isCompany()) {
			return data;
		}
		UUID account = subject.account();
		data.put("notifications", ExportRows.of(this.jdbc.sql("""
				select channel, kind, title, body, link, created_at, read_at from notification
				where account = ? or lower(email) = lower(?) order by created_at""").params(account, subject.email())));
		data.put("preferences",
				ExportRows.of(this.jdbc
					.sql("select kind, email, in_app from notification_preference where account = ? order by kind")
					.param(account)));
		data.put("settings", ExportRows.of(
				this.jdbc
					.sql("select daily_digest, quiet_from, quiet_until, last_digest_at from notification_setting"
							+ " where account = ?")
					.param(account)));
		data.put("unsubscribed", ExportRows.of(this.jdbc
			.sql("select kind, created_at from mail_suppression where lower(email) = lower(?) order by created_at")
			.param(subject.email())));
		data.put("mails", ExportRows.of(this.jdbc.sql("""
				select recipient, subject, body, status, created_at, sent_at from mail_message
				where lower(recipient) = lower(?) order by created_at""").param(subject.email())));
		return data;
	}

	@Override
	public List<Erased> erase(DataSubject subject, String pseudonym) {
		UUID account = subject.account();
		String email = subject.email();
		long messages = this.jdbc.sql("delete from notification where account = ? or lower(email) = lower(?)")
			.params(account, email)
			.update();
		messages += this.jdbc.sql("delete from notification_preference where account = ?").param(account).update();
		messages += this.jdbc.sql("delete from notification_setting where account = ?").param(account).update();
		messages += this.jdbc.sql("delete from mail_suppression where lower(email) = lower(?)").param(email).update();
		this.jdbc.sql("delete from mail_bounce where lower(email) = lower(:email) or mail_message in (" + MAILS + ")")
			.param("email", email)
			.update();
		long mails = this.jdbc.sql("delete from mail_message where id in (" + MAILS + ")")
			.param("email", email)
			.update();
		return List.of(Erased.erased("notifications.messages", messages), Erased.erased("notifications.mail", mails));
	}

	/**
	 * Mails sent (or kept, without SMTP) 90 days ago, with their bounces.
	 */
	@Override
	public List<Erased> expire(Instant now) {
		List<UUID> old = this.jdbc
			.sql("select id from mail_message where status in ('SENT', 'KEPT') and created_at < ? limit ?")
			.params(now.minus(MAIL_KEPT).atOffset(ZoneOffset.UTC), EXPIRY_BATCH)
			.query(UUID.class)
			.list();
		if (old.isEmpty()) {
			return List.of(Erased.erased("notifications.mail-expired", 0));
		}
		this.jdbc.sql("delete from mail_bounce where mail_message in (:old)").param("old", old).update();
		long mails = this.jdbc.sql("delete from mail_message where id in (:old)").param("old", old).update();
		return List.of(Erased.erased("notifications.mail-expired", mails));
	}

}
