package org.kakehashi.intel.taxii;

import java.util.Map;

/** A request TAXII answers with an error status and an error message resource. */
class TaxiiError extends RuntimeException {

	private final int status;
	private final String title;
	private final Map<String, Object> details;

	TaxiiError(int status, String title, String description) {
		this(status, title, description, Map.of());
	}

	TaxiiError(int status, String title, String description, Map<String, Object> details) {
		super(description);
		this.status = status;
		this.title = title;
		this.details = details;
	}

	static TaxiiError badParameter(String parameter, String description) {
		return new TaxiiError(400, "Bad Request", description, Map.of("parameter", parameter));
	}

	static TaxiiError notFound(String description) {
		return new TaxiiError(404, "Not Found", description);
	}

	static TaxiiError forbidden(String description) {
		return new TaxiiError(403, "Forbidden", description);
	}

	int status() {
		return status;
	}

	String title() {
		return title;
	}

	Map<String, Object> details() {
		return details;
	}
}
