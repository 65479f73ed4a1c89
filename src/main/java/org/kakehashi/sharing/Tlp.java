package org.kakehashi.sharing;

import java.util.Optional;

/**
 * Traffic Light Protocol 2.0 (FIRST): who a recipient may pass an item on to. Labels are shown exactly as the
 * standard writes them, in every language.
 */
public enum Tlp {

	/** For the eyes and ears of named individual recipients only. */
	RED("TLP:RED"),
	/** Recipient organisations only, no further. */
	AMBER_STRICT("TLP:AMBER+STRICT"),
	/** Recipient organisations and those of their clients who need to know to protect themselves. */
	AMBER("TLP:AMBER"),
	/** The recipients' community, not public channels. */
	GREEN("TLP:GREEN"),
	/** No limit: public. */
	CLEAR("TLP:CLEAR");

	private final String label;

	Tlp(String label) {
		this.label = label;
	}

	/** {@code TLP:AMBER+STRICT} — never translated. */
	public String label() {
		return label;
	}

	/** Reads of these are audited (DESIGN.md: every read of TLP:RED/AMBER material). */
	public boolean auditedOnRead() {
		return this == RED || this == AMBER_STRICT || this == AMBER;
	}

	/** Accepts the enum name ({@code AMBER_STRICT}) or the label ({@code TLP:AMBER+STRICT}), any case. */
	public static Optional<Tlp> parse(String value) {
		var upper = value.trim().toUpperCase(java.util.Locale.ROOT);
		for (var tlp : values()) {
			if (tlp.name().equals(upper) || tlp.label.equals(upper)) {
				return Optional.of(tlp);
			}
		}
		return Optional.empty();
	}
}
