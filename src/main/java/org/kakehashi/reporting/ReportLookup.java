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

	/**
	 * What a hub needs to turn a submitted report into a shared item: its text as the reporter wrote it (to be
	 * sanitised), the organisation behind it and the contact named in it (to be redacted), its observables.
	 */
	public record ReportSource(UUID id, String number, UUID organisationId, String title, String descriptionJa,
			String descriptionEn, List<String> sectors, String servicesAffected, String regions, String contactName,
			String contactEmail, String contactPhone, List<Observable> observables) {
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

	/** The current observables of several submitted reports (drafts have none), by report. */
	@Transactional(readOnly = true)
	public Map<UUID, List<Observable>> observables(Collection<UUID> reportIds) {
		var result = new LinkedHashMap<UUID, List<Observable>>();
		if (reportIds.isEmpty()) {
			return result;
		}
		jdbc.sql("""
				select o.report_id, o.type, o.value from report_observable o join report r on r.id = o.report_id
				where o.report_id = any(:ids) and r.status <> 'DRAFT' order by o.report_id, o.position
				""")
			.param("ids", reportIds.toArray(UUID[]::new))
			.query(rs -> {
				result.computeIfAbsent(rs.getObject("report_id", UUID.class), id -> new java.util.ArrayList<>())
					.add(new Observable(ObservableType.valueOf(rs.getString("type")), rs.getString("value")));
			});
		return result;
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

	/** A submitted report the viewer may see, as a source for sharing; empty for drafts and invisible reports. */
	@Transactional(readOnly = true)
	public java.util.Optional<ReportSource> source(Viewer viewer, UUID reportId) {
		return ReportVisibility.bind(jdbc.sql("""
				select r.id, r.number, r.organisation_id, r.title, r.description_ja, r.description_en, r.sectors,
				       r.services_affected, r.regions, r.contact_name, r.contact_email, r.contact_phone
				from report r where r.id = :id and r.status <> 'DRAFT' and
				""" + ReportVisibility.VISIBLE), viewer)
			.param("id", reportId)
			.query((rs, n) -> new ReportSource(rs.getObject("id", UUID.class), rs.getString("number"),
					rs.getObject("organisation_id", UUID.class), text(rs.getString("title")),
					text(rs.getString("description_ja")), text(rs.getString("description_en")),
					List.of((String[]) rs.getArray("sectors").getArray()), text(rs.getString("services_affected")),
					text(rs.getString("regions")), text(rs.getString("contact_name")),
					text(rs.getString("contact_email")), text(rs.getString("contact_phone")), List.of()))
			.optional()
			.map(source -> new ReportSource(source.id(), source.number(), source.organisationId(), source.title(),
					source.descriptionJa(), source.descriptionEn(), source.sectors(), source.servicesAffected(),
					source.regions(), source.contactName(), source.contactEmail(), source.contactPhone(),
					observables(source.id())));
	}

	private static String text(@org.jspecify.annotations.Nullable String value) {
		return value == null ? "" : value;
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
