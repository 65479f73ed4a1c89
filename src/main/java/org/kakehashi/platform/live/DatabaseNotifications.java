package org.kakehashi.platform.live;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One per node: holds its own PostgreSQL connection (outside the pool, which must never lend a connection for
 * ever) doing {@code LISTEN} on every channel a module subscribed to, and hands each notification's payload (an
 * id) to that channel's subscribers, whichever node sent it. Modules send with {@link #notify} inside their
 * transaction, so PostgreSQL delivers at commit and never for a rollback. If the connection drops it reconnects
 * with growing back-off; a notification sent while it was down is not replayed (clients catch up from the data
 * itself on their next page load or stream reconnect).
 */
@Component
public class DatabaseNotifications implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DatabaseNotifications.class);
	private static final int POLL_MILLIS = 5_000;
	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private final String url;
	private final @Nullable String user;
	private final @Nullable String password;
	private final Map<String, List<Consumer<UUID>>> subscribers = new ConcurrentHashMap<>();
	private volatile boolean running;
	private volatile boolean listening;
	private @Nullable Thread thread;

	DatabaseNotifications(DataSource dataSource) throws SQLException {
		if (!dataSource.isWrapperFor(HikariDataSource.class)) {
			throw new IllegalStateException("The notification listener needs the application's Hikari data source to open its "
					+ "own LISTEN connection; got " + dataSource.getClass().getName());
		}
		var hikari = dataSource.unwrap(HikariDataSource.class);
		this.url = hikari.getJdbcUrl();
		this.user = hikari.getUsername();
		this.password = hikari.getPassword();
	}

	/**
	 * Called on the listener's thread for every id sent on {@code channel}; subscribers must not block for long.
	 * Subscribe while the context starts (constructors, {@code @PostConstruct}): the channel list is read when the
	 * connection (re)opens.
	 */
	public void subscribe(String channel, Consumer<UUID> subscriber) {
		requireChannelName(channel);
		subscribers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(subscriber);
	}

	/**
	 * Announces {@code id} on {@code channel} to every node; runs in the caller's transaction and reaches listeners
	 * only when it commits.
	 */
	public static void notify(JdbcClient jdbc, String channel, UUID id) {
		requireChannelName(channel);
		jdbc.sql("select pg_notify(:channel, :id)").param("channel", channel).param("id", id.toString())
			.query((rs, n) -> 1).list();
	}

	private static void requireChannelName(String channel) {
		// Channel names go into LISTEN unquoted.
		if (!channel.matches("[a-z_]{1,63}")) {
			throw new IllegalArgumentException("Channel names are lower-case letters and underscores: " + channel);
		}
	}

	/** Whether the LISTEN is in place right now (false while reconnecting). */
	public boolean listening() {
		return listening;
	}

	@Override
	public void start() {
		running = true;
		var worker = new Thread(this::run, "kakehashi-listen");
		worker.setDaemon(true);
		worker.start();
		thread = worker;
	}

	@Override
	public void stop() {
		running = false;
		var worker = thread;
		if (worker != null) {
			worker.interrupt();
			try {
				worker.join(POLL_MILLIS + 1_000L);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void run() {
		var backoff = Duration.ofMillis(500);
		while (running) {
			try (var connection = DriverManager.getConnection(url, user, password)) {
				listen(connection);
				backoff = Duration.ofMillis(500);
				receive(connection);
			}
			catch (SQLException e) {
				listening = false;
				if (!running) {
					return;
				}
				log.warn("Notification listener lost its PostgreSQL connection ({}); reconnecting in {} ms", e.getMessage(),
						backoff.toMillis());
				try {
					Thread.sleep(backoff.toMillis());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
				backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
			}
		}
		listening = false;
	}

	private void listen(Connection connection) throws SQLException {
		connection.setAutoCommit(true);
		try (var statement = connection.createStatement()) {
			for (var channel : subscribers.keySet()) {
				statement.execute("LISTEN " + channel);
			}
		}
		listening = true;
	}

	private void receive(Connection connection) throws SQLException {
		var pg = connection.unwrap(PGConnection.class);
		while (running && !Thread.currentThread().isInterrupted()) {
			// Blocks on the socket up to the timeout; a dead connection throws here and we reconnect.
			var notifications = pg.getNotifications(POLL_MILLIS);
			if (notifications == null) {
				continue;
			}
			for (var notification : notifications) {
				UUID id;
				try {
					id = UUID.fromString(notification.getParameter());
				}
				catch (IllegalArgumentException e) {
					log.warn("Ignoring a malformed {} notification", notification.getName());
					continue;
				}
				for (var subscriber : subscribers.getOrDefault(notification.getName(), List.of())) {
					try {
						subscriber.accept(id);
					}
					catch (RuntimeException e) {
						log.warn("A {} subscriber failed on {}", notification.getName(), id, e);
					}
				}
			}
		}
	}
}
