package org.kakehashi.sharing.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
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
import org.springframework.stereotype.Component;

/**
 * One per node: holds its own PostgreSQL connection (outside the pool, which must never lend a connection for
 * ever) doing {@code LISTEN kakehashi_sharing}, and hands every published item's id to the subscribers, whichever
 * node published it. If the connection drops it reconnects with growing back-off; a publication announced while
 * it was down is not replayed (clients catch up from the inbox itself on their next page load or reconnect).
 */
@Component
public class PublicationListener implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PublicationListener.class);
	private static final int POLL_MILLIS = 5_000;
	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private final String url;
	private final @Nullable String user;
	private final @Nullable String password;
	private final List<Consumer<UUID>> subscribers = new CopyOnWriteArrayList<>();
	private volatile boolean running;
	private volatile boolean listening;
	private @Nullable Thread thread;

	PublicationListener(DataSource dataSource) throws SQLException {
		if (!dataSource.isWrapperFor(HikariDataSource.class)) {
			throw new IllegalStateException("The inbox listener needs the application's Hikari data source to open its "
					+ "own LISTEN connection; got " + dataSource.getClass().getName());
		}
		var hikari = dataSource.unwrap(HikariDataSource.class);
		this.url = hikari.getJdbcUrl();
		this.user = hikari.getUsername();
		this.password = hikari.getPassword();
	}

	/** Called on the listener's thread for every published item; subscribers must not block for long. */
	public void subscribe(Consumer<UUID> subscriber) {
		subscribers.add(subscriber);
	}

	/** Whether the LISTEN is in place right now (false while reconnecting). */
	public boolean listening() {
		return listening;
	}

	@Override
	public void start() {
		running = true;
		var worker = new Thread(this::run, "kakehashi-sharing-listen");
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
				log.warn("Inbox listener lost its PostgreSQL connection ({}); reconnecting in {} ms", e.getMessage(),
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
			statement.execute("LISTEN " + SharingDao.CHANNEL);
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
					log.warn("Ignoring a malformed {} notification", SharingDao.CHANNEL);
					continue;
				}
				for (var subscriber : subscribers) {
					try {
						subscriber.accept(id);
					}
					catch (RuntimeException e) {
						log.warn("An inbox subscriber failed on item {}", id, e);
					}
				}
			}
		}
	}
}
