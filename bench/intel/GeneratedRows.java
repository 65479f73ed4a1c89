package org.kakehashi.bench.intel;

import java.io.Reader;

/** COPY text generated line by line as PostgreSQL reads it, so a benchmark loads millions of rows in constant memory. */
abstract class GeneratedRows extends Reader {

	private final int total;
	private int row;
	private String pending = "";
	private int offset;

	GeneratedRows(int total) {
		this.total = total;
	}

	/** Row {@code row} (0-based, called in order) as one COPY text line ending in a newline. */
	abstract String line(int row);

	@Override
	public int read(char[] buffer, int off, int len) {
		if (offset == pending.length()) {
			if (row == total) {
				return -1;
			}
			pending = line(row++);
			offset = 0;
		}
		int n = Math.min(len, pending.length() - offset);
		pending.getChars(offset, offset + n, buffer, off);
		offset += n;
		return n;
	}

	@Override
	public void close() {
	}
}
