package io.concierge.notifications;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.notifications.NotificationRules.Rule;
import io.concierge.shared.EmailAddress;

/**
 * What each customer wants to hear, and how: per kind and channel, a daily digest instead
 * of single mails, and quiet hours in which no mail goes out. A customer who has chosen
 * nothing gets what the rules say.
 */
@Service
public class NotificationPreferences {

	/**
	 * Whether a kind is mailed and whether it shows under the bell.
	 */
	public record Choice(NotificationKind kind, boolean email, boolean inApp) {

	}

	/**
	 * @param quietFrom with {@code quietUntil}, the hours in which no mail goes out, in
	 * the customer's time zone; both or neither
	 */
	public record Settings(boolean dailyDigest, @Nullable LocalTime quietFrom, @Nullable LocalTime quietUntil) {

		public Settings {
			if ((quietFrom == null) != (quietUntil == null) || (quietFrom != null && quietFrom.equals(quietUntil))) {
				throw new InvalidQuietHours();
			}
		}

		static final Settings NONE = new Settings(false, null, null);

		public boolean hasQuietHours() {
			return this.quietFrom != null;
		}

	}

	/**
	 * Quiet hours need a start and an end, and not the same time.
	 */
	public static class InvalidQuietHours extends RuntimeException {

		InvalidQuietHours() {
			super("Quiet hours need a start and a different end");
		}

	}

	private final JdbcClient jdbc;

	private final NotificationRules rules;

	private final MailBounces bounces;

	private final Clock clock;

	NotificationPreferences(JdbcClient jdbc, NotificationRules rules, MailBounces bounces, Clock clock) {
		this.jdbc = jdbc;
		this.rules = rules;
		this.bounces = bounces;
		this.clock = clock;
	}

	/**
	 * When the mail server last refused mail to the address, if ever: the customer should
	 * know their mail does not arrive.
	 */
	@Transactional(readOnly = true)
	public Optional<java.time.Instant> lastBounce(EmailAddress email) {
		return this.bounces.lastBounce(email);
	}

	/**
	 * Every kind, as the customer has it now.
	 */
	@Transactional(readOnly = true)
	public List<Choice> choices(UUID account) {
		Map<NotificationKind, Choice> choices = new EnumMap<>(NotificationKind.class);
		for (Rule rule : this.rules.all()) {
			choices.merge(rule.kind(), new Choice(rule.kind(), rule.email(), rule.inApp()),
					(one, other) -> new Choice(one.kind(), one.email() || other.email(), one.inApp() || other.inApp()));
		}
		this.jdbc.sql("select kind, email, in_app from notification_preference where account = ?")
			.param(account)
			.query((row, number) -> new Choice(NotificationKind.valueOf(row.getString(1)), row.getBoolean(2),
					row.getBoolean(3)))
			.list()
			.forEach((chosen) -> choices.put(chosen.kind(), chosen));
		return List.copyOf(choices.values());
	}

	@Transactional(readOnly = true)
	public Settings settings(UUID account) {
		return this.jdbc.sql("select daily_digest, quiet_from, quiet_until from notification_setting where account = ?")
			.param(account)
			.query(NotificationPreferences::settings)
			.optional()
			.orElse(Settings.NONE);
	}

	@Transactional
	public void choose(UUID account, List<Choice> choices, Settings settings) {
		for (Choice choice : choices) {
			this.jdbc.sql("""
					insert into notification_preference (account, kind, email, in_app) values (?, ?, ?, ?)
					on conflict (account, kind) do update set email = excluded.email, in_app = excluded.in_app""")
				.params(account, choice.kind().name(), choice.email(), choice.inApp())
				.update();
		}
		this.jdbc.sql("""
				insert into notification_setting (account, daily_digest, quiet_from, quiet_until) values (?, ?, ?, ?)
				on conflict (account) do update set daily_digest = excluded.daily_digest,
				  quiet_from = excluded.quiet_from, quiet_until = excluded.quiet_until""")
			.params(account, settings.dailyDigest(), settings.quietFrom(), settings.quietUntil())
			.update();
	}

	/**
	 * What one rule does for one customer.
	 */
	Choice choice(UUID account, Rule rule) {
		return this.jdbc.sql("select email, in_app from notification_preference where account = ? and kind = ?")
			.params(account, rule.kind().name())
			.query((row, number) -> new Choice(rule.kind(), row.getBoolean(1), row.getBoolean(2)))
			.optional()
			.orElse(new Choice(rule.kind(), rule.email(), rule.inApp()));
	}

	boolean suppressed(EmailAddress guest, NotificationKind kind) {
		return this.jdbc.sql("select count(*) from mail_suppression where email = ? and kind = ?")
			.params(guest.value().toLowerCase(java.util.Locale.ROOT), kind.name())
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Stops the mails of the kind the notification was, for whoever it was mailed to: the
	 * one click of a mail's unsubscribe link. Clicking again changes nothing.
	 * <p>
	 * The link's last part is a token ({@link UnsubscribeToken}), found by its hash. A
	 * mail sent before tokens names its notification's id instead: that still works, for
	 * the notifications written before only ({@code unsubscribe_by_id}; one written since
	 * is never found by its id), as those mails are out there and a link to stop them
	 * should not stop working; such an id is random too (122 bits).
	 * @param link the last part of the link
	 * @return the kind stopped, or empty when there is no such notification
	 */
	@Transactional
	public Optional<NotificationKind> unsubscribe(String link) {
		Optional<Mailed> mailed = UnsubscribeToken.isToken(link) ? this.jdbc
			.sql("select account, email, kind from notification where unsubscribe_hash = ? and channel = 'EMAIL'")
			.param(UnsubscribeToken.hash(link))
			.query(NotificationPreferences::mailed)
			.optional() : mailedBeforeTokens(link);
		mailed.ifPresent((to) -> {
			if (to.account() != null) {
				boolean inApp = choices(to.account()).stream()
					.filter((choice) -> choice.kind() == to.kind())
					.allMatch(Choice::inApp);
				this.jdbc.sql("""
						insert into notification_preference (account, kind, email, in_app) values (?, ?, false, ?)
						on conflict (account, kind) do update set email = false""")
					.params(to.account(), to.kind().name(), inApp)
					.update();
			}
			else if (to.email() != null) {
				this.jdbc.sql("""
						insert into mail_suppression (email, kind, created_at) values (?, ?, ?)
						on conflict do nothing""")
					.params(to.email().toLowerCase(java.util.Locale.ROOT), to.kind().name(),
							OffsetDateTime.now(this.clock))
					.update();
			}
		});
		return mailed.map(Mailed::kind);
	}

	private Optional<Mailed> mailedBeforeTokens(String link) {
		UUID notification;
		try {
			notification = UUID.fromString(link);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				select account, email, kind from notification
				where id = ? and channel = 'EMAIL' and unsubscribe_by_id""")
			.param(notification)
			.query(NotificationPreferences::mailed)
			.optional();
	}

	private static Mailed mailed(ResultSet row, int number) throws SQLException {
		return new Mailed(row.getObject(1, UUID.class), row.getString(2), NotificationKind.valueOf(row.getString(3)));
	}

	private record Mailed(@Nullable UUID account, @Nullable String email, NotificationKind kind) {

	}

	private static Settings settings(ResultSet row, int number) throws SQLException {
		return new Settings(row.getBoolean(1), row.getObject(2, LocalTime.class), row.getObject(3, LocalTime.class));
	}

}
