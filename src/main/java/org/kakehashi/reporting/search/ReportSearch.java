package org.kakehashi.reporting.search;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.kakehashi.identity.Directory;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.Page;
import org.kakehashi.platform.SqlText;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.ReportStatus;
import org.kakehashi.reporting.Viewer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists of reports for a viewer: filters, free text in Japanese and English, newest or most severe first.
 * Counts stop at {@link #COUNT_LIMIT}: past it a list says "more than" rather than reading every match, and
 * pages go no deeper than that.
 */
@Service
public class ReportSearch {

	private final Clock clock;

	/** A page's total is exact up to this; {@code COUNT_LIMIT + 1} means "more than COUNT_LIMIT". */
	public static final int COUNT_LIMIT = 1_000;

	private static final String COLUMNS = """
			r.id, r.number, r.title, r.kind, r.status, r.sectors, r.severity, r.aware_at, r.submitted_at,
			r.created_at, r.organisation_id
			""";

	private final JdbcClient jdbc;
	private final Directory directory;
	private final KakehashiProperties properties;
	private volatile Boolean trigramsSeeJapanese;

	ReportSearch(JdbcClient jdbc, Directory directory, KakehashiProperties properties, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.directory = directory;
		this.properties = properties;
	}

	@Transactional(readOnly = true)
	public Page<ReportRow> search(Viewer viewer, ReportQuery query, int page, int size) {
		var filter = filter(viewer, query);
		int pageSize = Page.clampSize(size);
		int offset = Math.min(Math.max(0, page), COUNT_LIMIT / pageSize) * pageSize;
		customPlans();
		long total = filter.bind(jdbc.sql("select count(*) from (select 1 from report r where " + filter.where()
				+ " limit :cap) c")).param("cap", COUNT_LIMIT + 1).query(Long.class).single();
		if (total > COUNT_LIMIT) {
			// Matches are plentiful, so reading the list in order finds a page after a few rows; the planner,
			// estimating characters as independent, would rather collect every match and sort them.
			jdbc.sql("set local enable_sort = off").update();
		}
		var rows = total <= offset ? List.<ReportRow>of()
				: filter.bind(jdbc.sql("select " + COLUMNS + " from report r where " + filter.where() + " order by "
						+ ReportFilter.orderBy(query.sort()) + " limit :limit offset :offset"))
					.param("limit", pageSize)
					.param("offset", offset)
					.query(ReportSearch::row)
					.list();
		return new Page<>(named(rows), offset / pageSize, pageSize, total);
	}

	ReportFilter filter(Viewer viewer, ReportQuery query) {
		return ReportFilter.of(viewer, query, trigramsSeeJapanese(), properties.timeZone(), Instant.now(clock));
	}

	/**
	 * Plans made for the actual search terms: a plan cached for "any pattern" cannot know which index fits
	 * a rare term, and would read the whole table for it.
	 */
	void customPlans() {
		jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
		// Room for exact bitmaps: a lossy one would rebuild every row's character array to recheck it.
		jdbc.sql("set local work_mem = '32MB'").update();
	}

	private List<ReportRow> named(List<ReportRow> rows) {
		var organisations = directory.organisations(rows.stream().map(ReportRow::organisationId).distinct().toList());
		return rows.stream().map(r -> {
			var o = organisations.get(r.organisationId());
			return o == null ? r : new ReportRow(r.id(), r.number(), r.title(), r.kind(), r.status(), r.sectors(),
					r.severity(), r.awareAt(), r.submittedAt(), r.createdAt(), r.organisationId(), o.name(), o.nameEn());
		}).toList();
	}

	/** pg_trgm only sees non-ASCII letters when the database's LC_CTYPE is not C; asked once. */
	private boolean trigramsSeeJapanese() {
		var known = trigramsSeeJapanese;
		if (known == null) {
			known = jdbc.sql("select cardinality(show_trgm('停電が')) > 0").query(Boolean.class).single();
			trigramsSeeJapanese = known;
		}
		return known;
	}

	static ReportRow row(ResultSet rs, int n) throws SQLException {
		return new ReportRow(rs.getObject("id", UUID.class), rs.getString("number"), rs.getString("title"),
				ReportKind.valueOf(rs.getString("kind")), ReportStatus.valueOf(rs.getString("status")),
				strings(rs.getArray("sectors")), (Integer) rs.getObject("severity"), SqlText.instant(rs, "aware_at"),
				SqlText.instant(rs, "submitted_at"), SqlText.instant(rs, "created_at"),
				rs.getObject("organisation_id", UUID.class), "—", null);
	}

	static List<String> strings(Array array) throws SQLException {
		return Arrays.asList((String[]) array.getArray());
	}
}
