package org.kakehashi.reporting.search;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.kakehashi.platform.CellText;
import org.kakehashi.identity.Directory;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.SqlText;
import org.kakehashi.reporting.Viewer;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reports a viewer can see, as CSV (UTF-8 with a byte-order mark, so Excel reads Japanese) or xlsx, streamed
 * from a database cursor: memory stays flat up to {@link #MAX_ROWS}. Labels are in the viewer's language.
 */
@Service
public class ReportExport {

	public static final int MAX_ROWS = 100_000;

	public enum Format {
		CSV, XLSX
	}

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

	private final JdbcClient jdbc;
	private final ReportSearch search;
	private final Directory directory;
	private final MessageSource messages;
	private final ZoneId zone;

	ReportExport(JdbcClient jdbc, ReportSearch search, Directory directory, MessageSource messages,
			KakehashiProperties properties) {
		this.jdbc = jdbc;
		this.search = search;
		this.directory = directory;
		this.messages = messages;
		this.zone = properties.timeZone();
	}

	/** The ids of the reports matching the query (at most the export limit), in the query's order. */
	@Transactional(readOnly = true)
	public List<UUID> ids(Viewer viewer, ReportQuery query) {
		var filter = search.filter(viewer, query);
		search.customPlans();
		return filter.bind(jdbc.sql("select r.id from report r where " + filter.where() + " order by "
				+ ReportFilter.orderBy(query.sort()) + " limit :limit"))
			.param("limit", MAX_ROWS)
			.query(UUID.class)
			.list();
	}

	/** Writes the reports matching the query, newest first (or as sorted), and returns how many. */
	@Transactional(readOnly = true)
	public int write(Viewer viewer, ReportQuery query, Format format, Locale locale, OutputStream out) throws IOException {
		var filter = search.filter(viewer, query);
		search.customPlans();
		var columns = columns(locale);
		var headers = columns.stream().map(c -> messages.getMessage(c.key(), null, locale)).toList();
		var sink = format == Format.CSV ? new CsvSink(out) : new XlsxSink(out);
		try (sink) {
			sink.row(headers.stream().map(h -> (Object) h).toList());
			int[] count = { 0 };
			filter.bind(jdbc.sql("""
					select r.number, r.title, r.kind, r.status, r.version, r.sectors, r.event_types, r.causes,
					       r.severity_continuity, r.severity_safety, r.severity, r.occurred_at, r.aware_at, r.contained_at,
					       r.recovered_at, r.submitted_at, r.final_at, r.users_affected, r.outage_minutes, r.regions,
					       r.services_affected, r.ransom_demanded, r.ransom_paid, r.organisation_id, r.description_ja,
					       r.description_en
					from report r where """ + filter.where() + " order by " + ReportFilter.orderBy(query.sort())
					+ " limit :limit"))
				.param("limit", MAX_ROWS)
				.withFetchSize(500)
				.query((ResultSet rs) -> {
					var cells = new ArrayList<Object>(columns.size());
					for (var column : columns) {
						cells.add(column.value().apply(new Source(rs)));
					}
					sink.row(cells);
					count[0]++;
				});
			return count[0];
		}
	}

	private record Column(String key, Function<Source, Object> value) {
	}

	/** One result row; checked SQL exceptions become unchecked inside the column functions. */
	private record Source(ResultSet rs) {

		String text(String column) {
			try {
				var value = rs.getString(column);
				return value == null ? "" : value;
			} catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		}

		Object number(String column) {
			try {
				var value = rs.getObject(column);
				return value == null ? "" : value;
			} catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		}

		List<String> list(String column) {
			try {
				return ReportSearch.strings(rs.getArray(column));
			} catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		}

		Instant instant(String column) {
			try {
				return SqlText.instant(rs, column);
			} catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		}

		boolean bool(String column) {
			try {
				return rs.getBoolean(column);
			} catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		}

		UUID uuid(String column) {
			try {
				return rs.getObject(column, UUID.class);
			} catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		}
	}

	private List<Column> columns(Locale locale) {
		var sectors = directory.sectors().stream().collect(Collectors.toMap(Directory.SectorRef::code, s -> s.name(locale)));
		var organisations = new HashMap<UUID, String>();
		Function<String, Function<Source, Object>> time = column -> s -> format(s.instant(column));
		return List.of(
				new Column("reports.field.number", s -> s.text("number")),
				new Column("reports.field.title", s -> s.text("title")),
				new Column("reports.field.kind", s -> label(locale, "reports.kind.", s.text("kind"))),
				new Column("reports.field.status", s -> label(locale, "reports.status.", s.text("status"))),
				new Column("reports.field.version", s -> s.number("version")),
				new Column("reports.field.organisation", s -> organisations.computeIfAbsent(s.uuid("organisation_id"),
						id -> directory.organisation(id).map(o -> o.name(locale)).orElse(id.toString()))),
				new Column("reports.field.sectors", s -> s.list("sectors").stream()
					.map(code -> sectors.getOrDefault(code, code)).collect(Collectors.joining("; "))),
				new Column("reports.field.event-types", s -> labels(locale, "reports.event-type.", s.list("event_types"))),
				new Column("reports.field.causes", s -> labels(locale, "reports.cause.", s.list("causes"))),
				new Column("reports.field.severity", s -> s.number("severity")),
				new Column("reports.field.severity-continuity", s -> s.number("severity_continuity")),
				new Column("reports.field.severity-safety", s -> s.number("severity_safety")),
				new Column("reports.field.occurred", time.apply("occurred_at")),
				new Column("reports.field.aware", time.apply("aware_at")),
				new Column("reports.field.contained", time.apply("contained_at")),
				new Column("reports.field.recovered", time.apply("recovered_at")),
				new Column("reports.field.submitted", time.apply("submitted_at")),
				new Column("reports.field.final", time.apply("final_at")),
				new Column("reports.field.users-affected", s -> s.number("users_affected")),
				new Column("reports.field.outage-minutes", s -> s.number("outage_minutes")),
				new Column("reports.field.regions", s -> s.text("regions")),
				new Column("reports.field.services", s -> s.text("services_affected")),
				new Column("reports.field.ransom-demanded", s -> yesNo(locale, s.bool("ransom_demanded"))),
				new Column("reports.field.ransom-paid", s -> yesNo(locale, s.bool("ransom_paid"))),
				new Column("reports.field.description-ja", s -> s.text("description_ja")),
				new Column("reports.field.description-en", s -> s.text("description_en")));
	}

	private String format(Instant instant) {
		return instant == null ? "" : TIME.format(instant.atZone(zone));
	}

	private String label(Locale locale, String prefix, String code) {
		return messages.getMessage(prefix + code, null, code, locale);
	}

	private String labels(Locale locale, String prefix, List<String> codes) {
		return codes.stream().map(c -> label(locale, prefix, c)).collect(Collectors.joining("; "));
	}

	private String yesNo(Locale locale, boolean value) {
		return messages.getMessage(value ? "reports.yes" : "reports.no", null, locale);
	}

	private interface Sink extends AutoCloseable {

		void row(List<Object> cells);

		@Override
		void close() throws IOException;
	}

	private static final class CsvSink implements Sink {

		private final Writer writer;

		CsvSink(OutputStream out) throws IOException {
			writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
			writer.write('\uFEFF');
		}

		@Override
		public void row(List<Object> cells) {
			try {
				for (int i = 0; i < cells.size(); i++) {
					if (i > 0) {
						writer.write(',');
					}
					var cell = cells.get(i);
					writer.write(cell instanceof Number ? cell.toString() : CellText.csv(String.valueOf(cell)));
				}
				writer.write("\r\n");
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}

		@Override
		public void close() throws IOException {
			writer.flush();
		}
	}

	/** Every text is a plain string cell (never a formula); formula-like ones are also marked quote-prefixed. */
	private static final class XlsxSink implements Sink {

		private final OutputStream out;
		private final SXSSFWorkbook workbook = new SXSSFWorkbook(200);
		private final org.apache.poi.ss.usermodel.Sheet sheet;
		private final CellStyle quoted;
		private int next;

		XlsxSink(OutputStream out) {
			this.out = out;
			workbook.setCompressTempFiles(true);
			sheet = workbook.createSheet("reports");
			quoted = workbook.createCellStyle();
			quoted.setQuotePrefixed(true);
		}

		@Override
		public void row(List<Object> cells) {
			Row row = sheet.createRow(next++);
			for (int i = 0; i < cells.size(); i++) {
				var cell = row.createCell(i);
				var value = cells.get(i);
				if (value instanceof Number n) {
					cell.setCellValue(n.doubleValue());
				} else {
					var text = String.valueOf(value);
					cell.setCellValue(text);
					if (CellText.formulaLike(text)) {
						cell.setCellStyle(quoted);
					}
				}
			}
		}

		@Override
		public void close() throws IOException {
			try {
				workbook.write(out);
			} finally {
				workbook.close();
			}
		}
	}
}
