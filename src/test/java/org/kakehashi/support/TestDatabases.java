package org.kakehashi.support;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Where a test context's database lives. With {@code KAKEHASHI_DB_URL} set (CI's second run) every context
 * gets a fresh database on that server; otherwise an embedded PostgreSQL in its own temporary folder.
 */
public final class TestDatabases {

	private TestDatabases() {
	}

	public static void fresh(DynamicPropertyRegistry registry, String purpose) {
		var external = System.getenv("KAKEHASHI_DB_URL");
		var dataDir = Path.of("target", "test-data", purpose + "-" + UUID.randomUUID()).toAbsolutePath();
		registry.add("kakehashi.data-dir", dataDir::toString);
		registry.add("logging.file.name", () -> dataDir.resolve("kakehashi.log").toString());
		if (external == null || external.isBlank()) {
			return;
		}
		var name = "kakehashi_test_" + purpose.replaceAll("[^a-z0-9]", "_") + "_" + UUID.randomUUID().toString().substring(0, 8);
		var user = System.getenv("KAKEHASHI_DB_USER");
		var password = System.getenv("KAKEHASHI_DB_PASSWORD");
		try (var connection = DriverManager.getConnection(external, user, password);
				var statement = connection.createStatement()) {
			statement.execute("create database " + name);
		} catch (SQLException e) {
			throw new IllegalStateException("Could not create a test database on " + external, e);
		}
		var url = external.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
		registry.add("kakehashi.db.url", () -> url);
	}
}
