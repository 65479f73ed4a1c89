package org.kakehashi.conformance;

import java.util.List;

import tools.jackson.databind.JsonNode;

/** The official-schema checks of AdvisoryConformanceTests, for tests elsewhere that run with ../shared/testdata. */
public final class AdvisoryDocuments {

	private AdvisoryDocuments() {
	}

	public static List<String> csafErrors(JsonNode document) {
		return AdvisoryConformanceTests.errors(AdvisoryConformanceTests.csafSchema(), document);
	}

	public static List<String> cveErrors(JsonNode record) {
		return AdvisoryConformanceTests.errors(AdvisoryConformanceTests.cveSchema(), record);
	}
}
