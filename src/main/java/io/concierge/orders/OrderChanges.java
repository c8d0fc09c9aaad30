package io.concierge.orders;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.concierge.shared.Followers;
import io.concierge.shared.PostgresListener;

/**
 * Tells open order pages that their order changed, whichever node changed it: a change
 * sends a PostgreSQL NOTIFY with the order number when its transaction commits, and every
 * node LISTENs on one connection of its own and passes the number to the pages that
 * follow that order.
 */
@Component
public class OrderChanges implements SmartLifecycle {

	static final String CHANNEL = "order_changed";

	private final Followers<String, String> followers = new Followers<>();

	private final Set<Consumer<String>> othersChanges = ConcurrentHashMap.newKeySet();

	/** This node, in the notifications it sends, so it can tell its own from others'. */
	private final String node = UUID.randomUUID().toString();

	private final JdbcClient jdbc;

	private final PostgresListener listener;

	OrderChanges(JdbcClient jdbc, @Value("${spring.datasource.url}") String url,
			@Value("${spring.datasource.username:}") String username,
			@Value("${spring.datasource.password:}") String password) {
		this.jdbc = jdbc;
		this.listener = new PostgresListener(CHANNEL, url, username, password, this::tell);
	}

	/**
	 * Calls the follower with the order number each time the order changes, until
	 * {@link #unfollow}.
	 */
	public void follow(String number, Consumer<String> follower) {
		this.followers.follow(number, follower);
	}

	/**
	 * Calls the follower with the number of every order that another node changes. It
	 * runs on the listener's thread, so it must be quick.
	 */
	void followOtherNodes(Consumer<String> follower) {
		this.othersChanges.add(follower);
	}

	public void unfollow(String number, Consumer<String> follower) {
		this.followers.unfollow(number, follower);
	}

	/**
	 * Announces a change; delivered when the current transaction commits, not at all if
	 * it rolls back.
	 */
	void changed(String number) {
		this.jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, this.node + "|" + number).query((row, n) -> 1).list();
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

	/**
	 * @param payload the sending node and the order number, or the number alone
	 */
	private void tell(String payload) {
		int bar = payload.indexOf('|');
		String number = payload.substring(bar + 1);
		if (bar < 0 || !payload.startsWith(this.node + "|")) {
			this.othersChanges.forEach((follower) -> follower.accept(number));
		}
		this.followers.tell(number, number);
	}

}
