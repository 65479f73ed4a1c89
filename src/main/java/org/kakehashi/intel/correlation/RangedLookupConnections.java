package org.kakehashi.intel.correlation;

import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A small pool of its own for correlation lookups over key ranges (subdomains, addresses inside a network), whose
 * sessions always reuse the generic plan of a prepared statement and never start parallel workers. PostgreSQL's own
 * choice keeps planning a ranged lookup for every value, because without the value it estimates a key range at 0.5%
 * of the table; planning costs several times running it (0.5 against 0.1 ms at a million observables), and the same
 * overestimate makes a generic plan over ten million rows start parallel workers, which alone take milliseconds. On
 * the application's pool these settings would need a transaction and three more round trips per lookup, or would leak
 * into every other query that borrows the connection next. The connection settings are copied from that pool.
 */
@Component
class RangedLookupConnections implements DisposableBean {

	static final String SESSION = "set plan_cache_mode = force_generic_plan; set max_parallel_workers_per_gather = 0";

	private final HikariDataSource pool;
	private final JdbcClient jdbc;

	RangedLookupConnections(DataSource dataSource) throws SQLException {
		var config = new HikariConfig();
		dataSource.unwrap(HikariDataSource.class).copyStateTo(config);
		config.setPoolName("kakehashi-lookups");
		config.setMaximumPoolSize(4);
		config.setMinimumIdle(0);
		// Lookups come in bursts (a report page, an API client); idle connections go back to the server soon.
		config.setIdleTimeout(60_000);
		config.setConnectionInitSql(SESSION);
		config.setMetricRegistry(null);
		config.setMetricsTrackerFactory(null);
		config.setHealthCheckRegistry(null);
		this.pool = new HikariDataSource(config);
		this.jdbc = JdbcClient.create(pool);
	}

	/** The client for ranged lookups outside any transaction. */
	JdbcClient jdbc() {
		return jdbc;
	}

	@Override
	public void destroy() {
		pool.close();
	}
}
