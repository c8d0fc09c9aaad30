package io.concierge.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.notifications.NotificationPreferences.Choice;
import io.concierge.notifications.NotificationPreferences.Settings;
import io.concierge.notifications.NotificationRules.Rule;
import io.concierge.shared.EmailAddress;

/**
 * Tells a customer what a rule says, through the channels they chose: under the bell, and
 * by mail (now, after their quiet hours, or in tomorrow's digest).
 * <p>
 * Each (event, recipient, channel) is written once: the row's unique key makes a replayed
 * event (after a crash, or when the event registry resubmits it) a no-op, and the mail is
 * written to the outbox in the same transaction as that row, so a crash before it commits
 * leaves nothing and the event is replayed, and a crash after it leaves the mail to the
 * outbox, which sends it.
 */
@Component
class Notifier {

	static final String CHANNEL = "notification_added";

	private static final Logger log = LoggerFactory.getLogger(Notifier.class);

	private final NotificationRules rules;

	private final NotificationPreferences preferences;

	private final Accounts accounts;

	private final MailOutbox outbox;

	private final MailRenderer renderer;

	private final MessageSource messages;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration staleAfter;

	private final MailLinks portal;

	Notifier(NotificationRules rules, NotificationPreferences preferences, Accounts accounts, MailOutbox outbox,
			MailRenderer renderer, MessageSource messages, JdbcClient jdbc, Clock clock,
			@Value("${concierge.notifications.stale-after:P2D}") Duration staleAfter, MailLinks portal) {
		this.rules = rules;
		this.preferences = preferences;
		this.accounts = accounts;
		this.outbox = outbox;
		this.renderer = renderer;
		this.messages = messages;
		this.jdbc = jdbc;
		this.clock = clock;
		this.staleAfter = staleAfter;
		this.portal = portal;
	}

	@Transactional
	void tell(Notice notice) {
		Rule rule = this.rules.find(notice.event()).orElse(null);
		if (rule == null || !rule.enabled()) {
			return;
		}
		Instant now = this.clock.instant();
		if (notice.occurredAt().isBefore(now.minus(this.staleAfter))) {
			// an order imported from the past, or a backlog replayed: old news tells
			// nobody
			log.debug("Not telling {} of {}: it happened at {}", notice.orderNumber(), notice.event(),
					notice.occurredAt());
			return;
		}
		AccountView customer = (notice.account() != null) ? this.accounts.find(notice.account()).orElse(null) : null;
		if (customer != null) {
			tellCustomer(notice, rule, customer, now);
		}
		else if (notice.guestEmail() != null) {
			EmailAddress guest = EmailAddress.of(notice.guestEmail());
			if (rule.email() && !this.preferences.suppressed(guest, rule.kind())) {
				Locale locale = Locale.ENGLISH;
				UUID id = UUID.randomUUID();
				String subject = title(rule, notice, locale);
				String link = this.portal.of("/track");
				if (insert(id, notice, rule, null, guest.value(), "EMAIL", subject, body(rule, notice, locale), link,
						now)) {
					mail(id, guest, null, subject, rule, notice, locale, link, now);
				}
			}
		}
	}

	private void tellCustomer(Notice notice, Rule rule, AccountView customer, Instant now) {
		Choice choice = this.preferences.choice(customer.id(), rule);
		Locale locale = Locale.of((customer.language() != null) ? customer.language() : "en");
		String subject = title(rule, notice, locale);
		String body = body(rule, notice, locale);
		String path = (notice.path() != null) ? notice.path() : "/orders/" + notice.orderNumber();
		if (choice.inApp()
				&& insert(UUID.randomUUID(), notice, rule, customer.id(), null, "IN_APP", subject, body, path, now)) {
			this.jdbc.sql("select pg_notify(?, ?)")
				.params(CHANNEL, customer.id().toString())
				.query((row, n) -> 1)
				.list();
		}
		UUID id = UUID.randomUUID();
		if (choice.email() && insert(id, notice, rule, customer.id(), customer.email().value(), "EMAIL", subject, body,
				this.portal.of(path), now)) {
			Settings settings = this.preferences.settings(customer.id());
			if (settings.dailyDigest()) {
				this.jdbc.sql("update notification set in_digest = true where id = ?").param(id).update();
			}
			else {
				mail(id, customer.email(), customer, subject, rule, notice, locale, this.portal.of(path),
						quietUntil(settings, zone(customer), now));
			}
		}
	}

	/**
	 * @return whether the row is new; {@code false} when this event was told to this
	 * recipient through this channel before
	 */
	private boolean insert(UUID id, Notice notice, Rule rule, @Nullable UUID account, @Nullable String email,
			String channel, String title, String body, String link, Instant now) {
		return this.jdbc.sql("""
				insert into notification (id, event_key, account, email, channel, kind, title, body, link, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
			.params(id, notice.key(), account, email, channel, rule.kind().name(), title, body, link,
					Timestamp.from(now))
			.update() == 1;
	}

	private void mail(UUID notification, EmailAddress to, @Nullable AccountView customer, String subject, Rule rule,
			Notice notice, Locale locale, String link, Instant notBefore) {
		String token = UnsubscribeToken.create();
		String unsubscribe = this.portal.of("/notifications/unsubscribe/" + token);
		MailRenderer.Mail mail = new MailRenderer.Mail((customer != null) ? customer.displayName() : null,
				MailRenderer.paragraphs(body(rule, notice, locale)),
				message((customer != null) ? "notify.mail.action" : "notify.mail.actionGuest", locale), link,
				(customer != null) ? this.portal.of("/account/notifications") : null, unsubscribe);
		MailMessage message = this.outbox.send(to, subject, this.renderer.text(mail, locale),
				this.renderer.html(mail, subject, locale), unsubscribe, notBefore, notice.threading());
		this.jdbc.sql("update notification set mail_message = ?, unsubscribe_hash = ? where id = ?")
			.params(message.getId(), UnsubscribeToken.hash(token), notification)
			.update();
	}

	/**
	 * When a mail written now may go: now, or at the end of the customer's quiet hours
	 * when now is within them.
	 */
	static Instant quietUntil(Settings settings, ZoneId zone, Instant now) {
		LocalTime from = settings.quietFrom();
		LocalTime until = settings.quietUntil();
		if (from == null || until == null) {
			return now;
		}
		LocalDateTime local = LocalDateTime.ofInstant(now, zone);
		LocalTime time = local.toLocalTime();
		boolean quiet = from.isBefore(until) ? !time.isBefore(from) && time.isBefore(until)
				: !time.isBefore(from) || time.isBefore(until);
		if (!quiet) {
			return now;
		}
		LocalDateTime end = local.toLocalDate().atTime(until);
		if (!end.isAfter(local)) {
			end = end.plusDays(1);
		}
		return end.atZone(zone).toInstant();
	}

	static ZoneId zone(AccountView customer) {
		try {
			return (customer.timeZone() != null) ? ZoneId.of(customer.timeZone()) : ZoneOffset.UTC;
		}
		catch (java.time.DateTimeException ex) {
			return ZoneOffset.UTC;
		}
	}

	private String title(Rule rule, Notice notice, Locale locale) {
		return this.messages.getMessage("notify." + rule.template() + ".title", notice.arguments().apply(locale),
				locale);
	}

	private String body(Rule rule, Notice notice, Locale locale) {
		return this.messages.getMessage("notify." + rule.template() + ".body", notice.arguments().apply(locale),
				locale);
	}

	private String message(String key, Locale locale) {
		return this.messages.getMessage(key, null, locale);
	}

}
