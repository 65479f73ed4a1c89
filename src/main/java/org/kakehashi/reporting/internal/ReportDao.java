package org.kakehashi.reporting.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.SqlText;
import org.kakehashi.reporting.Cause;
import org.kakehashi.reporting.EventType;
import org.kakehashi.reporting.Observable;
import org.kakehashi.reporting.ObservableType;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.ReportStatus;
import org.kakehashi.reporting.Viewer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Reports, their observables, versions and attachments in PostgreSQL. Reads always go through a viewer. */
@Repository
class ReportDao {

	static final String COLUMNS = """
			r.id, r.number, r.organisation_id, r.created_by, r.kind, r.status, r.version, r.title, r.description_ja,
			r.description_en, r.sectors, r.services_affected, r.event_types, r.causes, r.severity_continuity,
			r.severity_safety, r.occurred_at, r.aware_at, r.contained_at, r.recovered_at, r.users_affected,
			r.outage_minutes, r.regions, r.ransom_demanded, r.ransom_paid, r.ransom_paid_at, r.contact_name,
			r.contact_email, r.contact_phone, r.created_at, r.updated_at, r.submitted_at, r.final_at, r.ministry_note,
			r.forwarded_at, r.forwarded_by, r.centre_received_at,
			coalesce((select json_agg(json_build_object('type', o.type, 'value', o.value) order by o.position)::text
			          from report_observable o where o.report_id = r.id), '[]') as observables
			""";

	private final JdbcClient jdbc;
	private final JsonMapper json;

	ReportDao(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** Next number for the year, e.g. {@code INC-2026-000123}; the counter row is locked until commit. */
	String nextNumber(ReportKind kind, int year) {
		var next = jdbc.sql("""
				insert into report_number (year, last) values (:year, 1)
				on conflict (year) do update set last = report_number.last + 1
				returning last
				""").param("year", year).query(Integer.class).single();
		return "%s-%d-%06d".formatted(kind.prefix(), year, next);
	}

	void insert(UUID id, String number, UUID organisationId, UUID createdBy, ReportContent c, Instant now) {
		jdbc.sql("""
				insert into report (id, number, organisation_id, created_by, kind, status, version, created_at, updated_at)
				values (:id, :number, :org, :by, :kind, 'DRAFT', 0, :now, :now)
				""")
			.param("id", id).param("number", number).param("org", organisationId).param("by", createdBy)
			.param("kind", c.kind().name()).param("now", Timestamp.from(now))
			.update();
		writeContent(id, c, now);
	}

	void writeContent(UUID id, ReportContent c, Instant now) {
		jdbc.sql("""
				update report set kind = :kind, title = :title, description_ja = :descriptionJa,
				  description_en = :descriptionEn, sectors = :sectors::text[], services_affected = :services,
				  event_types = :eventTypes::text[], causes = :causes::text[], severity_continuity = :continuity,
				  severity_safety = :safety, occurred_at = :occurred, aware_at = :aware, contained_at = :contained,
				  recovered_at = :recovered, users_affected = :users, outage_minutes = :outage, regions = :regions,
				  ransom_demanded = :ransomDemanded, ransom_paid = :ransomPaid, ransom_paid_at = :ransomPaidAt,
				  contact_name = :contactName, contact_email = :contactEmail, contact_phone = :contactPhone,
				  updated_at = :now
				where id = :id
				""")
			.param("id", id).param("kind", c.kind().name()).param("title", c.title())
			.param("descriptionJa", c.descriptionJa()).param("descriptionEn", c.descriptionEn())
			.param("sectors", c.sectors().toArray(String[]::new)).param("services", c.servicesAffected())
			.param("eventTypes", c.eventTypes().stream().map(Enum::name).sorted().toArray(String[]::new))
			.param("causes", c.causes().stream().map(Enum::name).sorted().toArray(String[]::new))
			.param("continuity", c.severityContinuity()).param("safety", c.severitySafety())
			.param("occurred", ts(c.occurredAt())).param("aware", ts(c.awareAt()))
			.param("contained", ts(c.containedAt())).param("recovered", ts(c.recoveredAt()))
			.param("users", c.usersAffected()).param("outage", c.outageMinutes()).param("regions", c.regions())
			.param("ransomDemanded", c.ransomDemanded()).param("ransomPaid", c.ransomPaid())
			.param("ransomPaidAt", ts(c.ransomPaidAt())).param("contactName", c.contactName())
			.param("contactEmail", c.contactEmail()).param("contactPhone", c.contactPhone())
			.param("now", Timestamp.from(now))
			.update();
		jdbc.sql("delete from report_observable where report_id = :id").param("id", id).update();
		if (!c.observables().isEmpty()) {
			jdbc.sql("""
					insert into report_observable (report_id, position, type, value)
					select :id, t.ord::int, t.type, t.value
					from unnest(:types::text[], :values::text[]) with ordinality as t(type, value, ord)
					""")
				.param("id", id)
				.param("types", c.observables().stream().map(o -> o.type().name()).toArray(String[]::new))
				.param("values", c.observables().stream().map(Observable::value).toArray(String[]::new))
				.update();
		}
	}

	/** Moves a report to its next submitted version. */
	void markSubmitted(UUID id, ReportStatus status, int version, Instant now, boolean centreReceivesNow) {
		jdbc.sql("""
				update report set status = :status, version = :version, updated_at = :now,
				  submitted_at = coalesce(submitted_at, :now),
				  final_at = case when :status = 'FINAL' then :now else final_at end,
				  centre_received_at = case when :centre then coalesce(centre_received_at, :now) else centre_received_at end
				where id = :id
				""")
			.param("id", id).param("status", status.name()).param("version", version)
			.param("now", Timestamp.from(now)).param("centre", centreReceivesNow)
			.update();
	}

	void forward(UUID id, UUID by, @Nullable String note, Instant now) {
		jdbc.sql("""
				update report set ministry_note = :note, forwarded_at = :now, forwarded_by = :by,
				  centre_received_at = coalesce(centre_received_at, :now)
				where id = :id
				""")
			.param("id", id).param("note", note).param("by", by).param("now", Timestamp.from(now))
			.update();
	}

	void deleteDraft(UUID id) {
		jdbc.sql("delete from report where id = :id and status = 'DRAFT'").param("id", id).update();
	}

	Optional<Report> find(UUID id, Viewer viewer) {
		return ReportVisibility.bind(jdbc.sql("select " + COLUMNS + " from report r where r.id = :id and "
				+ ReportVisibility.VISIBLE), viewer)
			.param("id", id)
			.query(this::map)
			.optional();
	}

	/** The report locked for a change; the caller has already checked the viewer may change it. */
	Optional<Report> lock(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from report r where r.id = :id for update")
			.param("id", id)
			.query(this::map)
			.optional();
	}

	void insertVersion(UUID reportId, int version, ReportStatus status, ReportVersion.Snapshot snapshot, UUID by,
			Instant now) {
		jdbc.sql("""
				insert into report_version (report_id, version, status, snapshot, changed_by, changed_at)
				values (:id, :version, :status, :snapshot::jsonb, :by, :now)
				""")
			.param("id", reportId).param("version", version).param("status", status.name())
			.param("snapshot", json.writeValueAsString(snapshot)).param("by", by).param("now", Timestamp.from(now))
			.update();
	}

	List<ReportVersion> versions(UUID reportId) {
		return jdbc.sql("""
				select v.report_id, v.version, v.status, v.snapshot::text as snapshot, v.changed_by,
				       u.display_name, v.changed_at
				from report_version v join app_user u on u.id = v.changed_by
				where v.report_id = :id order by v.version
				""")
			.param("id", reportId)
			.query((rs, n) -> new ReportVersion(rs.getObject("report_id", UUID.class), rs.getInt("version"),
					ReportStatus.valueOf(rs.getString("status")),
					json.readValue(rs.getString("snapshot"), ReportVersion.Snapshot.class),
					rs.getObject("changed_by", UUID.class), rs.getString("display_name"), SqlText.instant(rs, "changed_at")))
			.list();
	}

	void insertAttachment(Attachment a) {
		jdbc.sql("""
				insert into report_attachment (id, report_id, file_name, content_type, size_bytes, sha256, storage_key,
				  uploaded_by, uploaded_at)
				values (:id, :report, :name, :type, :size, :sha, :key, :by, :at)
				""")
			.param("id", a.id()).param("report", a.reportId()).param("name", a.fileName())
			.param("type", a.contentType()).param("size", a.sizeBytes()).param("sha", a.sha256())
			.param("key", a.storageKey()).param("by", a.uploadedBy()).param("at", Timestamp.from(a.uploadedAt()))
			.update();
	}

	List<Attachment> attachments(UUID reportId) {
		return jdbc.sql("select * from report_attachment where report_id = :id order by uploaded_at, file_name")
			.param("id", reportId)
			.query(ReportDao::attachment)
			.list();
	}

	Optional<Attachment> attachment(UUID reportId, UUID attachmentId) {
		return jdbc.sql("select * from report_attachment where report_id = :report and id = :id")
			.param("report", reportId).param("id", attachmentId)
			.query(ReportDao::attachment)
			.optional();
	}

	private static Attachment attachment(ResultSet rs, int row) throws SQLException {
		return new Attachment(rs.getObject("id", UUID.class), rs.getObject("report_id", UUID.class),
				rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
				rs.getString("storage_key"), rs.getObject("uploaded_by", UUID.class), SqlText.instant(rs, "uploaded_at"));
	}

	Report map(ResultSet rs, int row) throws SQLException {
		record Obs(String type, String value) {
		}
		var observables = Arrays.stream(json.readValue(rs.getString("observables"), Obs[].class))
			.map(o -> new Observable(ObservableType.valueOf(o.type()), o.value()))
			.toList();
		var content = new ReportContent(ReportKind.valueOf(rs.getString("kind")), rs.getString("title"),
				rs.getString("description_ja"), rs.getString("description_en"), strings(rs, "sectors"),
				rs.getString("services_affected"), enums(rs, "event_types", EventType.class),
				enums(rs, "causes", Cause.class), integer(rs, "severity_continuity"), integer(rs, "severity_safety"),
				SqlText.instant(rs, "occurred_at"), SqlText.instant(rs, "aware_at"), SqlText.instant(rs, "contained_at"),
				SqlText.instant(rs, "recovered_at"), (Long) rs.getObject("users_affected"),
				integer(rs, "outage_minutes"), rs.getString("regions"), rs.getBoolean("ransom_demanded"),
				rs.getBoolean("ransom_paid"), SqlText.instant(rs, "ransom_paid_at"), observables,
				rs.getString("contact_name"), rs.getString("contact_email"), rs.getString("contact_phone"));
		return new Report(rs.getObject("id", UUID.class), rs.getString("number"), rs.getObject("organisation_id", UUID.class),
				rs.getObject("created_by", UUID.class), ReportStatus.valueOf(rs.getString("status")), rs.getInt("version"),
				content, SqlText.instant(rs, "created_at"), SqlText.instant(rs, "updated_at"),
				SqlText.instant(rs, "submitted_at"), SqlText.instant(rs, "final_at"), rs.getString("ministry_note"),
				SqlText.instant(rs, "forwarded_at"), rs.getObject("forwarded_by", UUID.class),
				SqlText.instant(rs, "centre_received_at"));
	}

	static List<String> strings(ResultSet rs, String column) throws SQLException {
		var array = rs.getArray(column);
		return array == null ? List.of() : List.of((String[]) array.getArray());
	}

	static <E extends Enum<E>> Set<E> enums(ResultSet rs, String column, Class<E> type) throws SQLException {
		var values = strings(rs, column);
		return values.isEmpty() ? EnumSet.noneOf(type)
				: values.stream().map(v -> Enum.valueOf(type, v)).collect(Collectors.toCollection(() -> EnumSet.noneOf(type)));
	}

	private static @Nullable Integer integer(ResultSet rs, String column) throws SQLException {
		var value = rs.getObject(column);
		return value == null ? null : ((Number) value).intValue();
	}

	private static @Nullable Timestamp ts(@Nullable Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}
}
