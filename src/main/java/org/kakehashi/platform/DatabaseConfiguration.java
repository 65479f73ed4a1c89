package org.kakehashi.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One PostgreSQL for everything. {@code kakehashi.db.url} (or {@code spring.datasource.url}) points at an
 * external server; with neither set an embedded PostgreSQL is started whose data survives restarts under
 * {@code kakehashi.data-dir}, so {@code java -jar} works on a machine with nothing but a JDK.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

	@Bean
	EmbeddedDatabase embeddedDatabase(KakehashiProperties properties, DataSourceProperties spring) {
		if (properties.db().external() || spring.getUrl() != null) {
			return EmbeddedDatabase.NONE;
		}
		return EmbeddedDatabase.start(properties);
	}

	/**
	 * The application's pool; {@code spring.datasource.hikari.*} settings (pool size, timeouts) are bound onto it after
	 * this method returns, so they override the defaults set here.
	 */
	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	DataSource dataSource(KakehashiProperties properties, DataSourceProperties spring, EmbeddedDatabase embedded) {
		var dataSource = new HikariDataSource();
		dataSource.setPoolName("kakehashi");
		var db = properties.db();
		if (db.external()) {
			dataSource.setJdbcUrl(db.url());
			dataSource.setUsername(db.user());
			dataSource.setPassword(db.password());
		} else if (spring.getUrl() != null) {
			dataSource.setJdbcUrl(spring.getUrl());
			dataSource.setUsername(spring.getUsername());
			dataSource.setPassword(spring.getPassword());
		} else {
			dataSource.setJdbcUrl(embedded.jdbcUrl());
			dataSource.setUsername("postgres");
		}
		if (!dataSource.getJdbcUrl().startsWith("jdbc:postgresql:")) {
			throw new IllegalStateException("kakehashi.db.url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), got: "
					+ dataSource.getJdbcUrl().replaceAll("password=[^&]*", "password=***"));
		}
		dataSource.setMaximumPoolSize(20);
		return dataSource;
	}

	/** The embedded server, or nothing when an external one is configured. */
	static final class EmbeddedDatabase implements DisposableBean {

		static final EmbeddedDatabase NONE = new EmbeddedDatabase(null);

		private final EmbeddedPostgres postgres;

		private EmbeddedDatabase(EmbeddedPostgres postgres) {
			this.postgres = postgres;
		}

		static EmbeddedDatabase start(KakehashiProperties properties) {
			var directory = properties.dataDir().resolve("postgres").toAbsolutePath().normalize();
			try {
				Files.createDirectories(directory.getParent());
				var builder = EmbeddedPostgres.builder()
					.setDataDirectory(directory)
					.setCleanDataDirectory(false)
					// Spring stops it after everything that still needs the database (the event outbox
					// flushes on shutdown); the library's own JVM hook would stop it too early.
					.setRegisterShutdownHook(false)
					.setServerConfig("timezone", "UTC")
					// Bulk intelligence imports write gigabytes of WAL; with the 1 GB default the server checkpoints every
					// few seconds during an import and rewrites whole pages each time.
					.setServerConfig("max_wal_size", "4GB")
					.setServerConfig("synchronous_commit", properties.db().embeddedDurable() ? "on" : "off")
					.setLocaleConfig("encoding", "UTF8");
				if (properties.db().embeddedPort() > 0) {
					builder.setPort(properties.db().embeddedPort());
				}
				var postgres = builder.start();
				log.info("Embedded PostgreSQL running on port {} with data in {}", postgres.getPort(), directory);
				return new EmbeddedDatabase(postgres);
			} catch (IOException e) {
				throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + directory
						+ " (set kakehashi.data-dir to a writable folder, or kakehashi.db.url to use an external server)", e);
			}
		}

		String jdbcUrl() {
			return postgres.getJdbcUrl("postgres", "postgres");
		}

		@Override
		public void destroy() throws IOException {
			if (postgres != null) {
				postgres.close();
			}
		}
	}
}
