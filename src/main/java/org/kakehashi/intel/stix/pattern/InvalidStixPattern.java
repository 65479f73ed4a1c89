package org.kakehashi.intel.stix.pattern;

/** A pattern that breaks the STIX patterning grammar; {@link #position()} is the offset of the offending character. */
public final class InvalidStixPattern extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int position;
	private final String reason;

	InvalidStixPattern(int position, String reason) {
		super("at position " + position + ": " + reason);
		this.position = position;
		this.reason = reason;
	}

	/** Zero-based offset into the pattern text. */
	public int position() {
		return position;
	}

	/** What is wrong, without the position. */
	public String reason() {
		return reason;
	}
}
