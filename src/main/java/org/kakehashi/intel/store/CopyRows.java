package org.kakehashi.intel.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Rows written with PostgreSQL {@code COPY ... FROM STDIN} in text format, on the connection of the caller's
 * transaction (so they commit or roll back with it). Bulk loads use it where a multi-row insert would cost a
 * parse and a plan per batch and the values would travel twice (as parameters, then as rows).
 */
public final class CopyRows implements AutoCloseable {

	/** Writes the rows of one COPY. */
	public interface Body {

		void write(CopyRows rows) throws IOException;
	}

	private final Writer out;
	private boolean rowStarted;

	private CopyRows(Writer out) {
		this.out = out;
	}

	/** Runs one {@code copy <table> (<columns>) from stdin} inside the current transaction; the body writes its rows. */
	public static void copy(DataSource dataSource, String table, String columns, Body body) {
		var connection = DataSourceUtils.getConnection(dataSource);
		try {
			var pg = connection.unwrap(PGConnection.class);
			var stream = new PGCopyOutputStream(pg, "copy " + table + " (" + columns + ") from stdin", 1 << 16);
			try (var rows = new CopyRows(new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16))) {
				body.write(rows);
			}
		} catch (SQLException e) {
			throw new IllegalStateException("COPY into " + table + " failed", e);
		} catch (IOException e) {
			throw new UncheckedIOException("COPY into " + table + " failed", e);
		} finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	/** The next column's value; null is SQL NULL. */
	public CopyRows value(@Nullable String text) throws IOException {
		separate();
		if (text == null) {
			out.write("\\N");
		} else {
			escape(text);
		}
		return this;
	}

	/** A number (or anything else whose text needs no escaping). */
	public CopyRows value(long number) throws IOException {
		separate();
		out.write(Long.toString(number));
		return this;
	}

	public CopyRows value(boolean flag) throws IOException {
		separate();
		out.write(flag ? 't' : 'f');
		return this;
	}

	public void endRow() throws IOException {
		out.write('\n');
		rowStarted = false;
	}

	private void separate() throws IOException {
		if (rowStarted) {
			out.write('\t');
		}
		rowStarted = true;
	}

	/** COPY's text format: backslash, tab, newline and carriage return are written as escapes. */
	private void escape(String text) throws IOException {
		int from = 0;
		for (int i = 0; i < text.length(); i++) {
			String escaped = switch (text.charAt(i)) {
				case '\\' -> "\\\\";
				case '\t' -> "\\t";
				case '\n' -> "\\n";
				case '\r' -> "\\r";
				default -> null;
			};
			if (escaped != null) {
				out.write(text, from, i - from);
				out.write(escaped);
				from = i + 1;
			}
		}
		out.write(text, from, text.length() - from);
	}

	@Override
	public void close() throws IOException {
		// Closing the PGCopyOutputStream ends the COPY; a failure inside the body leaves it to the rollback.
		out.close();
	}
}
