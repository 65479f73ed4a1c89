package org.kakehashi.reporting.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails with {@link TooLarge} once more than the allowed number of bytes has been read. */
final class LimitedInputStream extends FilterInputStream {

	static final class TooLarge extends IOException {
		TooLarge() {
			super("too large");
		}
	}

	private final long limit;
	private long count;

	LimitedInputStream(InputStream in, long limit) {
		super(in);
		this.limit = limit;
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0 && ++count > limit) {
			throw new TooLarge();
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = super.read(buffer, offset, length);
		if (n > 0 && (count += n) > limit) {
			throw new TooLarge();
		}
		return n;
	}
}
