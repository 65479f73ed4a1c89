package org.kakehashi.intel.importing.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.intel.importing.ImportError;
import org.kakehashi.intel.importing.Imports;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.server.ResponseStatusException;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * An import's error report as a download: CSV (cells that a spreadsheet would run as a formula are prefixed with an
 * apostrophe) or JSON. Always an attachment, never shown in the browser.
 */
final class ErrorReports {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ErrorReports() {
	}

	/** Written on the request's own thread (an async dispatch would run without the API's security context). */
	static void download(Imports imports, KakehashiUser user, UUID id, String format, HttpServletResponse response)
			throws IOException {
		boolean csv = switch (format) {
			case "csv" -> true;
			case "json" -> false;
			default -> throw new org.kakehashi.platform.InvalidInput("format", "intel.import.report-format",
					"The error report comes as csv or json.");
		};
		if (imports.find(user, id).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		response.setHeader(HttpHeaders.CONTENT_TYPE, csv ? "text/csv;charset=UTF-8" : "application/json");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-" + id + "-errors." + format + "\"");
		response.setHeader("X-Content-Type-Options", "nosniff");
		write(imports, user, id, csv, response.getOutputStream());
	}

	private static void write(Imports imports, KakehashiUser user, UUID id, boolean csv, OutputStream out) throws IOException {
		if (csv) {
			Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
			writer.write("position,object_id,property,message\r\n");
			imports.errors(user, id, error -> {
				try {
					writer.write(error.position() + "," + cell(error.objectId()) + "," + cell(error.property()) + ","
							+ cell(error.message()) + "\r\n");
				} catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			});
			writer.flush();
			return;
		}
		try (JsonGenerator generator = JSON.createGenerator(out)) {
			generator.writeStartArray();
			imports.errors(user, id, (ImportError error) -> {
				generator.writeStartObject();
				generator.writeNumberProperty("position", error.position());
				if (error.objectId() != null) {
					generator.writeStringProperty("objectId", error.objectId());
				}
				generator.writeStringProperty("property", error.property());
				generator.writeStringProperty("message", error.message());
				generator.writeEndObject();
			});
			generator.writeEndArray();
		}
	}

	/** RFC 4180 quoting, and no cell that starts like a formula (CSV injection). */
	static String cell(String value) {
		if (value == null) {
			return "";
		}
		var text = value;
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		return "\"" + text.replace("\"", "\"\"") + "\"";
	}
}
