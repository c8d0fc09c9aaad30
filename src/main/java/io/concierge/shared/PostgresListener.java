package io.concierge.shared;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on one PostgreSQL channel, on a connection of its own and a virtual thread, and
 * passes each notification's payload on; a lost connection is opened again after a
 * second. What a node NOTIFYs in a transaction reaches every node once it commits.
 */
public final class PostgresListener {

	private static final Logger log = LoggerFactory.getLogger(PostgresListener.class);

	private final String channel;

	private final String url;

	private final String username;

	private final String password;

	private final Consumer<String> receiver;

	private volatile boolean running;

	private volatile @Nullable Thread thread;

	/**
	 * @param channel a plain identifier: it is written into the {@code LISTEN} statement
	 * @param receiver runs on the listener's thread, so it must be quick
	 */
	public PostgresListener(String channel, String url, String username, String password, Consumer<String> receiver) {
		if (!channel.matches("[a-z_]+")) {
			throw new IllegalArgumentException("Not a plain channel name: " + channel);
		}
		this.channel = channel;
		this.url = url;
		this.username = username;
		this.password = password;
		this.receiver = receiver;
	}

	public void start() {
		this.running = true;
		this.thread = Thread.ofVirtual().name(this.channel).start(this::listen);
	}

	public void stop() {
		this.running = false;
		Thread listening = this.thread;
		if (listening != null) {
			listening.interrupt();
		}
	}

	public boolean isRunning() {
		return this.running;
	}

	private void listen() {
		while (this.running) {
			try (Connection connection = DriverManager.getConnection(this.url, this.username, this.password)) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("listen " + this.channel);
				}
				PGConnection postgres = connection.unwrap(PGConnection.class);
				while (this.running) {
					PGNotification[] notifications = postgres.getNotifications(1_000);
					if (notifications != null) {
						for (PGNotification notification : notifications) {
							this.receiver.accept(notification.getParameter());
						}
					}
				}
			}
			catch (SQLException ex) {
				if (this.running) {
					log.warn("Lost the connection listening on {}; reconnecting in 1 s", this.channel, ex);
					pause();
				}
			}
		}
	}

	private static void pause() {
		try {
			Thread.sleep(1_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
