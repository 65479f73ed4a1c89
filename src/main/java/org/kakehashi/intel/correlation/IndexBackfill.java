package org.kakehashi.intel.correlation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import org.kakehashi.reporting.Observable;
import org.kakehashi.reporting.ReportLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds the index once from what was stored before it existed: every submitted report's observables and the last
 * version of every stored object. The state row is claimed first, so of several nodes starting together only one
 * does the work, and a failure rolls the claim back for the next start.
 */
@Component
class IndexBackfill implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(IndexBackfill.class);
	private static final int BATCH = 1000;

	private final JdbcClient jdbc;
	private final ObservableIndex index;
	private final ReportLookup reports;
	private final Clock clock;

	IndexBackfill(JdbcClient jdbc, ObservableIndex index, ReportLookup reports, Clock clock) {
		this.jdbc = jdbc;
		this.index = index;
		this.reports = reports;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		var now = Instant.now(clock);
		var claimed = jdbc.sql("insert into intel_index_state (name, built_at) values ('observables', :now) on conflict do nothing")
			.param("now", java.sql.Timestamp.from(now))
			.update();
		if (claimed == 0) {
			return;
		}
		var byReport = new LinkedHashMap<UUID, List<Observable>>();
		reports.forEachObservable(o -> byReport.computeIfAbsent(o.reportId(), id -> new ArrayList<>()).add(o.observable()));
		byReport.forEach((report, observables) -> index.indexReport(report, observables, now));
		record Key(UUID collection, String stixId) {
		}
		var objects = jdbc.sql("select collection_id, stix_id from intel_object where is_last order by collection_id")
			.query((rs, n) -> new Key(rs.getObject("collection_id", UUID.class), rs.getString("stix_id")))
			.list();
		for (int i = 0; i < objects.size(); i += BATCH) {
			var batch = objects.subList(i, Math.min(objects.size(), i + BATCH));
			var byCollection = new LinkedHashMap<UUID, List<String>>();
			batch.forEach(k -> byCollection.computeIfAbsent(k.collection(), c -> new ArrayList<>()).add(k.stixId()));
			byCollection.forEach(index::indexStored);
		}
		if (!byReport.isEmpty() || !objects.isEmpty()) {
			log.info("Observable index built from {} reports and {} stored objects", byReport.size(), objects.size());
		}
	}
}
