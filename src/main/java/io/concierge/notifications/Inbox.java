package io.concierge.notifications;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.concierge.shared.Followers;
import io.concierge.shared.PostgresListener;

/**
 * The in-app notifications under the bell: each customer's own, newest first, and who is
 * following them live. A new one is announced by a PostgreSQL NOTIFY when its transaction
 * commits, so the bell moves on whichever node the customer's page is open.
 */
@Service
public class Inbox implements SmartLifecycle {

	/**
	 * One notification as its reader sees it.
	 *
	 * @param link the page it is about, a path within the portal
	 */
	public record Entry(UUID id, NotificationKind kind, String title, String body, String link, Instant createdAt,
			boolean read) {

	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final PostgresListener listener;

	private final Followers<UUID, UUID> followers = new Followers<>();

	Inbox(JdbcClient jdbc, Clock clock, @Value("${spring.datasource.url}") String url,
			@Value("${spring.datasource.username:}") String username,
			@Value("${spring.datasource.password:}") String password) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.listener = new PostgresListener(Notifier.CHANNEL, url, username, password, this::added);
	}

	@Transactional(readOnly = true)
	public int unread(UUID account) {
		return this.jdbc
			.sql("select count(*) from notification where account = ? and channel = 'IN_APP' and read_at is null")
			.param(account)
			.query(Integer.class)
			.single();
	}

	@Transactional(readOnly = true)
	public List<Entry> recent(UUID account, int limit) {
		return this.jdbc.sql("""
				select id, kind, title, body, link, created_at, read_at is not null from notification
				where account = ? and channel = 'IN_APP' order by created_at desc, id limit ?""")
			.params(account, Math.clamp(limit, 1, 200))
			.query((row, number) -> new Entry(row.getObject(1, UUID.class), NotificationKind.valueOf(row.getString(2)),
					row.getString(3), row.getString(4), row.getString(5),
					row.getObject(6, OffsetDateTime.class).toInstant(), row.getBoolean(7)))
			.list();
	}

	/**
	 * Marks what the reader has now seen as read.
	 */
	@Transactional
	public int markRead(UUID account, List<UUID> seen) {
		if (seen.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql("""
				update notification set read_at = :now
				where account = :account and channel = 'IN_APP' and read_at is null and id in (:seen)""")
			.param("now", OffsetDateTime.now(this.clock))
			.param("account", account)
			.param("seen", seen)
			.update();
	}

	/**
	 * Calls the follower with the account each time a notification is added for it, until
	 * {@link #unfollow}.
	 */
	public void follow(UUID account, Consumer<UUID> follower) {
		this.followers.follow(account, follower);
	}

	public void unfollow(UUID account, Consumer<UUID> follower) {
		this.followers.unfollow(account, follower);
	}

	private void added(String payload) {
		UUID account = UUID.fromString(payload);
		this.followers.tell(account, account);
	}

	@Override
	public void start() {
		this.listener.start();
	}

	@Override
	public void stop() {
		this.listener.stop();
	}

	@Override
	public boolean isRunning() {
		return this.listener.isRunning();
	}

}
