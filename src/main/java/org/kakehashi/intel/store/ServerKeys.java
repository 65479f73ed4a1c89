package org.kakehashi.intel.store;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.kakehashi.platform.Secrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Random keys kept in the database so that every node of a cluster uses the same one and a restart does not
 * invalidate what was signed with it. The first node to ask creates the key.
 */
@Repository
public class ServerKeys {

	private final JdbcClient jdbc;
	private final Clock clock;

	ServerKeys(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The 256-bit key with this name, created on first use. */
	public byte[] key(String name) {
		var fresh = new byte[32];
		Secrets.random().nextBytes(fresh);
		jdbc.sql("insert into intel_server_key (name, key_bytes, created_at) values (:name, :key, :now) on conflict (name) do nothing")
			.param("name", name)
			.param("key", fresh)
			.param("now", Timestamp.from(Instant.now(clock)))
			.update();
		return jdbc.sql("select key_bytes from intel_server_key where name = :name")
			.param("name", name)
			.query(byte[].class)
			.single();
	}
}
