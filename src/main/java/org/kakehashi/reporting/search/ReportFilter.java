package org.kakehashi.reporting.search;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kakehashi.platform.SqlText;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.reporting.internal.ReportVisibility;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A {@link ReportQuery} as SQL conditions over the alias {@code r}, always starting with the viewer's
 * visibility, so no list, count, export or statistic can leave it out.
 */
final class ReportFilter {

	static final String NEWEST = "coalesce(r.submitted_at, r.created_at)";

	private final List<String> conditions = new ArrayList<>();
	/** The same conditions as checked on a row already read: no index-only forms (see {@link #rowMatches()}). */
	private final List<String> rowConditions = new ArrayList<>();
	private final Map<String, Object> params = new LinkedHashMap<>();
	private final Viewer viewer;

	private ReportFilter(Viewer viewer) {
		this.viewer = viewer;
		conditions.add(ReportVisibility.VISIBLE);
		rowConditions.add(ReportVisibility.VISIBLE);
	}

	/**
	 * @param trigramsSeeJapanese whether pg_trgm treats Japanese as word characters in this database (it does
	 *                            not when LC_CTYPE is C); when not, Japanese terms go by bigrams
	 * @param zone                the zone whose calendar days {@code from} and {@code to} name
	 */
	static ReportFilter of(Viewer viewer, ReportQuery q, boolean trigramsSeeJapanese, ZoneId zone, Instant now) {
		var f = new ReportFilter(viewer);
		if (q.deadline() != null) {
			// The same rule as the start page's deadline cards: open reports with an unmet clock.
			var window = q.deadline() == ReportQuery.Deadline.OVERDUE ? "c.due_at <= :now"
					: "c.due_at > :now and c.due_at <= :now + interval '24 hours'";
			f.both("r.status in ('SUBMITTED', 'UPDATED') and exists (select 1 from report_clock c "
					+ "where c.report_id = r.id and c.met_at is null and " + window + ")");
			f.params.put("now", Timestamp.from(now));
		}
		if (q.sector() != null) {
			f.add("r.sectors @> array[:sector]::text[]", "sector", q.sector());
		}
		if (q.kind() != null) {
			f.add("r.kind = :kind", "kind", q.kind().name());
		}
		if (q.eventType() != null) {
			f.add("r.event_types @> array[:eventType]::text[]", "eventType", q.eventType().name());
		}
		if (q.cause() != null) {
			f.add("r.causes @> array[:cause]::text[]", "cause", q.cause().name());
		}
		if (q.severity() != null) {
			f.add("r.severity = :severity", "severity", q.severity());
		}
		if (q.minSeverity() != null) {
			// Written so that no index matches it: a lower bound on five levels keeps a quarter of the rows or
			// more, yet the planner would AND a bitmap of all of them to a selective text scan. Unrated drafts
			// (null) stay out, as with >=.
			f.add("coalesce(r.severity, -1) >= :minSeverity", "minSeverity", q.minSeverity());
		}
		if (q.status() != null) {
			f.add("r.status = :status", "status", q.status().name());
		}
		var column = q.dateField() == ReportQuery.DateField.AWARE ? "r.aware_at" : "r.submitted_at";
		if (q.from() != null) {
			f.add(column + " >= :from", "from", Timestamp.from(q.from().atStartOfDay(zone).toInstant()));
		}
		if (q.to() != null) {
			f.add(column + " < :to", "to", Timestamp.from(q.to().plusDays(1).atStartOfDay(zone).toInstant()));
		}
		if (q.organisationId() != null) {
			f.add("r.organisation_id = :organisationId", "organisationId", q.organisationId());
		}
		var terms = SearchTerms.parse(q.text()).terms();
		// Trigrams only when every term has them. A trigram match is always rechecked on the row, and a recheck
		// evaluates every condition the index scan used: a bigram condition beside it would rebuild the row's
		// bigrams (about 0.1 ms a row). Bigrams exist for every term, and all of them go in one index scan.
		boolean byTrigrams = !terms.isEmpty() && terms.stream()
			.allMatch(term -> term.trigrams() && (trigramsSeeJapanese || term.text().chars().allMatch(c -> c < 128)));
		for (int i = 0; i < terms.size(); i++) {
			var term = terms.get(i);
			var normalised = "lower(normalize(:term" + i + ", NFKC))";
			if (byTrigrams) {
				// Normalised in SQL with the functions that built search_text; a custom plan (see ReportSearch)
				// folds the pattern to a constant, so pg_trgm can read its trigrams.
				f.both("r.search_text like '%' || " + normalised + " || '%'");
				f.params.put("term" + i, SqlText.containing(term.text()).replaceAll("^%|%$", ""));
			} else {
				// strpos rather than LIKE: pg_trgm cannot help with a short term but the planner would still
				// combine its index, reading all of it. The bigrams find the rows; strpos alone decides a row
				// already read (the pairs may occur apart).
				var contains = "strpos(r.search_text, " + normalised + ") > 0";
				f.conditions.add(contains + " and report_bigrams(r.search_text) @@ report_bigram_query(" + normalised + ")");
				f.rowConditions.add(contains);
				f.params.put("term" + i, term.text());
			}
		}
		return f;
	}

	/**
	 * Adds the viewer's sectors as a condition of its own, for a sector ministry whose visibility comes down
	 * to them (the caller has checked that it does): the same rows, but a condition an index can serve.
	 */
	void narrowToViewerSectors() {
		both("r.sectors && :viewerSectors::text[]");
	}

	String where() {
		return String.join("\n and ", conditions);
	}

	/**
	 * The filter as one boolean expression for a row already read, for scans that walk an index in list order
	 * and test each row: the bigram tsvector is left out, since strpos alone decides and rebuilding the vector
	 * costs far more.
	 */
	String rowMatches() {
		return "(" + String.join("\n and ", rowConditions) + ")";
	}

	JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
		var bound = ReportVisibility.bind(spec, viewer);
		for (var e : params.entrySet()) {
			bound = bound.param(e.getKey(), e.getValue());
		}
		return bound;
	}

	static String orderBy(ReportQuery.Sort sort) {
		return switch (sort) {
			case NEWEST -> NEWEST + " desc, r.id desc";
			case SEVERITY -> "r.severity desc nulls last, " + NEWEST + " desc, r.id desc";
		};
	}

	/** {@link #orderBy} over a subquery {@code r} that has the list's sort key as a column {@code newest}. */
	static String windowOrderBy(ReportQuery.Sort sort) {
		return switch (sort) {
			case NEWEST -> "r.newest desc, r.id desc";
			case SEVERITY -> "r.severity desc nulls last, r.newest desc, r.id desc";
		};
	}

	private void add(String condition, String name, Object value) {
		both(condition);
		params.put(name, value);
	}

	private void both(String condition) {
		conditions.add(condition);
		rowConditions.add(condition);
	}
}
