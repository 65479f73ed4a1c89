package org.kakehashi.intel.correlation;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A small pool of its own for correlation lookups over key ranges (subdomains, addresses inside a network), whose
 * sessions always reuse generic plans and never start parallel workers (see {@link Correlations#GENERIC_PLANS} for
 * why). On the application's pool those settings would need a transaction and three more round trips per lookup, or
 * would leak into every other query that borrows the connection next. Without a Hikari pool to copy the connection
 * settings from (never in this application), lookups stay on the main pool.
 */
@Component
class RangedLookupConnections implements DisposableBean {

	private final @Nullable HikariDataSource pool;
	private final @Nullable JdbcClient jdbc;

	RangedLookupConnections(DataSource dataSource) {
		if (dataSource instanceof HikariDataSource main) {
			var config = new HikariConfig();
			main.copyStateTo(config);
			config.setPoolName("kakehashi-lookups");
			config.setMaximumPoolSize(4);
			config.setMinimumIdle(0);
			// Lookups come in bursts (a report page, an API client); idle connections go back to the server soon.
			config.setIdleTimeout(60_000);
			config.setConnectionInitSql("set plan_cache_mode = force_generic_plan; set max_parallel_workers_per_gather = 0");
			config.setMetricRegistry(null);
			config.setMetricsTrackerFactory(null);
			config.setHealthCheckRegistry(null);
			this.pool = new HikariDataSource(config);
			this.jdbc = JdbcClient.create(pool);
		}
		else {
			this.pool = null;
			this.jdbc = null;
		}
	}

	/** The client for ranged lookups outside any transaction, or null to use the main pool's way. */
	@Nullable JdbcClient jdbc() {
		return jdbc;
	}

	@Override
	public void destroy() {
		if (pool != null) {
			pool.close();
		}
	}
}
