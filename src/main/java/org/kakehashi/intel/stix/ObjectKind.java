package org.kakehashi.intel.stix;

import java.util.List;

/** The categories of section 3.2, each with the common properties it requires and those it does not use. */
enum ObjectKind {

	SDO("an SDO", List.of("spec_version", "created", "modified"), List.of("defanged")),
	SRO("an SRO", List.of("spec_version", "created", "modified"), List.of("defanged")),
	SCO("an SCO", List.of(),
			List.of("created_by_ref", "revoked", "labels", "confidence", "lang", "external_references")),
	MARKING_DEFINITION("a marking definition", List.of("spec_version", "created"),
			List.of("modified", "revoked", "labels", "confidence", "lang", "defanged")),
	LANGUAGE_CONTENT("a language content object", List.of("spec_version", "created", "modified"),
			List.of("lang", "defanged")),
	EXTENSION_DEFINITION("an extension definition", List.of("spec_version", "created", "modified", "created_by_ref"),
			List.of("confidence", "lang", "defanged", "extensions"));

	private final String label;
	private final List<String> required;
	private final List<String> notApplicable;

	ObjectKind(String label, List<String> required, List<String> notApplicable) {
		this.label = label;
		this.required = required;
		this.notApplicable = notApplicable;
	}

	String label() {
		return label;
	}

	/** Required besides {@code type} and {@code id}, which every object has. */
	List<String> required() {
		return required;
	}

	List<String> notApplicable() {
		return notApplicable;
	}

	/**
	 * Whether {@code created} and {@code modified} need millisecond precision (section 3.2). Marking definitions are
	 * left out: their JSON schema accepts whole seconds and published markings (MITRE's copyright statement) use them.
	 */
	boolean needsMilliseconds() {
		return this != SCO && this != MARKING_DEFINITION;
	}
}
