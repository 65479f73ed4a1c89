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
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.Page;
import org.kakehashi.platform.SqlText;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.ReportStatus;
import org.kakehashi.reporting.Viewer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
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

	/**
	 * Rows a list walks in its order before it gives up on finding its page that way: enough for a page four
	 * deep when one row in fifty matches, few enough to stay within a few milliseconds.
	 */
	static final int ORDERED_WINDOW = 5_000;

	/**
	 * One page and the capped total, in one snapshot. The matches are first collected unordered, at most
	 * {@code COUNT_LIMIT + 1} of them, by whatever the indexes find fastest; that is the total. When there are
	 * no more than {@code COUNT_LIMIT}, they are all known and the page is sorted from just those. When there
	 * are more, the page is looked for in list order among the first {@link #ORDERED_WINDOW} rows, and only
	 * when matches are too sparse there are all of them sorted.
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public Page<ReportRow> search(Viewer viewer, ReportQuery query, int page, int size) {
		var filter = filter(viewer, query);
		int pageSize = Page.clampSize(size);
		int offset = Math.min(Math.max(0, page), COUNT_LIMIT / pageSize) * pageSize;
		var order = ReportFilter.orderBy(query.sort());
		customPlans();
		if (joinsAnIndexScan(query) && seesOnlyItsSectors(viewer)) {
			filter.narrowToViewerSectors();
		}
		var matches = filter.bind(jdbc.sql("select r.id from report r where " + filter.where() + " limit :cap"))
			.param("cap", COUNT_LIMIT + 1)
			.query(UUID.class)
			.list();
		long total = matches.size();
		List<ReportRow> rows;
		if (total <= offset) {
			rows = List.of();
		} else if (total <= COUNT_LIMIT) {
			// The other conditions chose these rows in this snapshot; visibility is checked again all the same.
			var visible = filter(viewer, ReportQuery.all());
			rows = visible.bind(jdbc.sql("select " + COLUMNS + " from report r where r.id = any(:ids::uuid[]) and "
					+ visible.where() + " order by " + order + " limit :limit offset :offset"))
				.param("ids", matches.toArray(UUID[]::new))
				.param("limit", pageSize)
				.param("offset", offset)
				.query(ReportSearch::row)
				.list();
		} else {
			// The window is read in list order (an index scan, stopping after it) and each row tested; a page
			// found there is exact, as every earlier row in the order has been looked at. The outer order is on
			// the window's own columns, so it needs no sort and stops as soon as the page is full.
			rows = filter.bind(jdbc.sql("select " + COLUMNS + " from (select " + COLUMNS + ", " + ReportFilter.NEWEST
					+ " as newest, " + filter.rowMatches() + " as matches from report r order by " + order
					+ " limit :window) r where r.matches order by " + ReportFilter.windowOrderBy(query.sort())
					+ " limit :limit offset :offset"))
				.param("window", ORDERED_WINDOW)
				.param("limit", pageSize)
				.param("offset", offset)
				.query(ReportSearch::row)
				.list();
			if (rows.size() < pageSize) {
				// Sparse in list order: sort all the matches, which the indexes find, rather than walk further.
				jdbc.sql("set local enable_indexscan = off").update();
				rows = filter.bind(jdbc.sql("select " + COLUMNS + " from report r where " + filter.where() + " order by "
						+ order + " limit :limit offset :offset"))
					.param("limit", pageSize)
					.param("offset", offset)
					.query(ReportSearch::row)
					.list();
			}
		}
		return new Page<>(named(rows), offset / pageSize, pageSize, total);
	}

	/**
	 * Whether the query has a condition that the text indexes, which also hold the sectors, serve: only then
	 * does the viewer's sector condition narrow the same index scan. Alone, it would make the planner build a
	 * bitmap of a quarter of the table where reading the list in order finds a page at once.
	 */
	private static boolean joinsAnIndexScan(ReportQuery query) {
		return query.text() != null && !query.text().isBlank() || query.sector() != null || query.eventType() != null
				|| query.cause() != null;
	}

	/**
	 * Whether a sector ministry sees nothing but its sectors' reports: no report of its own and no access
	 * granted on a case. Then its visibility, an OR the indexes cannot use, selects the same rows as the
	 * sector condition alone, which they can. Asked in the search's snapshot, so the answer holds for its
	 * queries.
	 */
	private boolean seesOnlyItsSectors(Viewer viewer) {
		if (viewer.organisationType() != OrganisationType.SECTOR_MINISTRY) {
			return false;
		}
		return jdbc.sql("""
				select not exists (select 1 from report where organisation_id = :org)
				   and not exists (select 1 from report_access where organisation_id = :org)
				""").param("org", viewer.organisationId()).query(Boolean.class).single();
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
		// Compiling a plan takes longer (about 50 ms) than any search it would speed up.
		jdbc.sql("set local jit = off").update();
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
