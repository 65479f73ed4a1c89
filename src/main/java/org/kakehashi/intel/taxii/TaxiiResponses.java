package org.kakehashi.intel.taxii;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** TAXII resources and error messages as bytes in the TAXII 2.1 media type. */
@Component
class TaxiiResponses {

	static final String REALM = "Kakehashi TAXII";

	private final JsonMapper json;

	TaxiiResponses(JsonMapper json) {
		this.json = json;
	}

	/** The challenges a 401 carries: both schemes we take. */
	static void challenge(HttpServletResponse response) {
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
	}

	ResponseEntity<byte[]> ok(int status, Object resource) {
		return ResponseEntity.status(status).header(HttpHeaders.CONTENT_TYPE, TaxiiMedia.TAXII_21)
			.body(json.writeValueAsBytes(resource));
	}

	ResponseEntity<byte[]> error(TaxiiError error) {
		return ResponseEntity.status(error.status()).header(HttpHeaders.CONTENT_TYPE, TaxiiMedia.TAXII_21)
			.body(json.writeValueAsBytes(body(error)));
	}

	void error(HttpServletResponse response, TaxiiError error) throws IOException {
		response.setStatus(error.status());
		response.setContentType(TaxiiMedia.TAXII_21);
		response.getOutputStream().write(json.writeValueAsBytes(body(error)));
	}

	private static Map<String, Object> body(TaxiiError error) {
		var body = new LinkedHashMap<String, Object>();
		body.put("title", error.title());
		body.put("description", error.getMessage());
		// A string, as the specification defines http_status.
		body.put("http_status", String.valueOf(error.status()));
		if (!error.details().isEmpty()) {
			body.put("details", error.details());
		}
		return body;
	}
}
