package org.kakehashi.vulns.advisory;

/**
 * The Traffic Light Protocol 2.0 label under which an advisory is distributed. (The sharing module has its own TLP
 * type; vulns may not depend on sharing, so the few values needed here are repeated.)
 */
public enum AdvisoryTlp {

	CLEAR("TLP:CLEAR", "WHITE"),
	GREEN("TLP:GREEN", "GREEN"),
	AMBER("TLP:AMBER", "AMBER"),
	AMBER_STRICT("TLP:AMBER+STRICT", "AMBER"),
	RED("TLP:RED", "RED");

	private final String label;
	private final String csaf20Label;

	AdvisoryTlp(String label, String csaf20Label) {
		this.label = label;
		this.csaf20Label = csaf20Label;
	}

	/** The TLP 2.0 label, e.g. {@code TLP:AMBER+STRICT}; never translated. */
	public String label() {
		return label;
	}

	/**
	 * The label for {@code document.distribution.tlp.label} of CSAF 2.0, whose schema only knows TLP 1.0
	 * (WHITE/GREEN/AMBER/RED): TLP 2.0 CLEAR is TLP 1.0 WHITE under another name. AMBER+STRICT has no TLP 1.0
	 * counterpart; it is written as AMBER, the nearest, and the writer states the exact TLP 2.0 label in
	 * {@code document.distribution.text} so that the narrower rule is not lost.
	 */
	public String csaf20Label() {
		return csaf20Label;
	}
}
