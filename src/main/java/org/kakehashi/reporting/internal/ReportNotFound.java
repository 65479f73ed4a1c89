package org.kakehashi.reporting.internal;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No such report, or not one the viewer may see: the two are never told apart. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class ReportNotFound extends RuntimeException {

	public ReportNotFound() {
		super("No such report.");
	}
}
