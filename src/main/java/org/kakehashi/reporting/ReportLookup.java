package org.kakehashi.reporting;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.reporting.internal.ReportVisibility;
import org.kakehashi.reporting.internal.Viewers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other modules may ask about reports: their observables (for correlation), which of some reports a
 * viewer may see (filtered in SQL like every report query), and their numbers for links.
 */
@Service
public class ReportLookup {

	/** An observable of a submitted report. */
	public record ReportObservable(UUID reportId, Observable observable) {
	}

	private final JdbcClient jdbc;
	private final Viewers viewers;

	ReportLookup(JdbcClient jdbc, Viewers viewers) {
		this.jdbc = jdbc;
		this.viewers = viewers;
	}

	public Viewer viewer(KakehashiUser user) {
		return viewers.of(user);
	}

	/** The current observables of a submitted report (none for drafts): for indexing, not for display. */
	@Transactional(readOnly = true)
	public List<Observable> observables(UUID reportId) {
		return jdbc.sql("""
				select o.type, o.value from report_observable o join report r on r.id = o.report_id
				where o.report_id = :id and r.status <> 'DRAFT' order by o.position
				""")
			.param("id", reportId)
			.query((rs, n) -> new Observable(ObservableType.valueOf(rs.getString("type")), rs.getString("value")))
			.list();
	}

	/** Observables of all submitted reports, ordered by report: for rebuilding an index. */
	@Transactional(readOnly = true)
	public void forEachObservable(java.util.function.Consumer<ReportObservable> consumer) {
		jdbc.sql("""
				select o.report_id, o.type, o.value from report_observable o join report r on r.id = o.report_id
				where r.status <> 'DRAFT' order by o.report_id, o.position
				""")
			.query(rs -> {
				consumer.accept(new ReportObservable(rs.getObject("report_id", UUID.class),
						new Observable(ObservableType.valueOf(rs.getString("type")), rs.getString("value"))));
			});
	}

	/** Those of the given reports the viewer may see. */
	@Transactional(readOnly = true)
	public Set<UUID> visible(Viewer viewer, Collection<UUID> reportIds) {
		if (reportIds.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(ReportVisibility.bind(jdbc.sql("select r.id from report r where r.id = any(:ids) and "
				+ ReportVisibility.VISIBLE), viewer)
			.param("ids", reportIds.toArray(UUID[]::new))
			.query(UUID.class)
			.list());
	}

	/** Report numbers ({@code INC-2026-000123}) by id, for links; only call with ids the viewer may see. */
	@Transactional(readOnly = true)
	public Map<UUID, String> numbers(Collection<UUID> reportIds) {
		var numbers = new LinkedHashMap<UUID, String>();
		if (!reportIds.isEmpty()) {
			jdbc.sql("select id, number from report where id = any(:ids) order by number")
				.param("ids", reportIds.toArray(UUID[]::new))
				.query(rs -> {
					numbers.put(rs.getObject("id", UUID.class), rs.getString("number"));
				});
		}
		return numbers;
	}
}
