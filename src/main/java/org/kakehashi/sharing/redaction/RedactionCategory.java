package org.kakehashi.sharing.redaction;

/** What kind of identifying detail a suggestion removes; each has its own pseudonym tag such as {@code [ORG-1]}. */
public enum RedactionCategory {

	ORGANISATION("ORG"), PERSON("PERSON"), EMAIL("EMAIL"), PHONE("PHONE"), IP_ADDRESS("IP"), HOSTNAME("HOST"),
	URL("URL"), IDENTIFIER("ID");

	private final String tag;

	RedactionCategory(String tag) {
		this.tag = tag;
	}

	/** The tag used in pseudonyms, e.g. {@code ORG} for {@code [ORG-1]}. */
	public String tag() {
		return tag;
	}
}
