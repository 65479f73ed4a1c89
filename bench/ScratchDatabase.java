package org.kakehashi.bench;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A database of its own on the PostgreSQL server a benchmark is pointed at ({@code bench.db}, {@code bench.user},
 * {@code bench.password}), which Flyway fills and the benchmark drops at the end unless {@code bench.keep} is set.
 */
final class ScratchDatabase {

	static final String SERVER = System.getProperty("bench.db", "jdbc:postgresql://127.0.0.1:5432/postgres");
	static final String USER = System.getProperty("bench.user", "postgres");
	static final String PASSWORD = System.getProperty("bench.password", "");

	private ScratchDatabase() {
	}

	static String newName() {
		return "kakehashi_bench_" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** Creates the database and points the application at it (mail goes nowhere, files under target/). */
	static void create(DynamicPropertyRegistry registry, String database) throws SQLException {
		try (var c = DriverManager.getConnection(SERVER, USER, PASSWORD); var s = c.createStatement()) {
			s.execute("create database " + database);
		}
		registry.add("kakehashi.db.url", () -> SERVER.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1"));
		registry.add("kakehashi.db.user", () -> USER);
		registry.add("kakehashi.db.password", () -> PASSWORD);
		registry.add("kakehashi.data-dir", () -> "target/bench-data");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> "1");
	}

	static void drop(String database) throws SQLException {
		if (Boolean.getBoolean("bench.keep")) {
			System.out.println("kept database " + database);
			return;
		}
		try (var c = DriverManager.getConnection(SERVER, USER, PASSWORD); var s = c.createStatement()) {
			s.execute("drop database if exists " + database + " with (force)");
		}
	}
}
