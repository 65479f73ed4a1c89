package org.kakehashi.platform;

import org.jspecify.annotations.Nullable;

/**
 * Text written into a spreadsheet cell. A value a spreadsheet would read as a formula (= + - @, a tab or a
 * carriage return first; their full-width forms too, which Japanese input methods produce and some
 * spreadsheets fold) is defused: CSV gets a leading single quote, xlsx a text cell marked "quote prefixed".
 */
public final class CellText {

	private CellText() {
	}

	public static boolean formulaLike(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return false;
		}
		return switch (value.charAt(0)) {
			case '=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠' -> true;
			default -> false;
		};
	}

	/** The value as a CSV field: defused, then quoted when it holds a separator, quote or line break. */
	public static String csv(@Nullable String value) {
		if (value == null) {
			return "";
		}
		var safe = formulaLike(value) ? "'" + value : value;
		if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
			return '"' + safe.replace("\"", "\"\"") + '"';
		}
		return safe;
	}

	/** One CSV record: each value as {@link #csv(String)}, comma-separated, ended by CRLF (RFC 4180). */
	public static String csvRow(java.util.List<String> values) {
		var out = new StringBuilder();
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				out.append(',');
			}
			out.append(csv(values.get(i)));
		}
		return out.append("\r\n").toString();
	}
}
