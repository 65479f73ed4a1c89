package org.kakehashi.reporting.internal;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** No such report, or not one the viewer may see: the two are never told apart. */
public class ReportNotFound extends ResponseStatusException {

	public ReportNotFound() {
		super(HttpStatus.NOT_FOUND, "No such report.");
	}
}
