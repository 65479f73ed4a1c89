package org.kakehashi.reporting.cases;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No such case (or task, or evidence), or none the viewer may see: the two are never told apart. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class CaseNotFound extends RuntimeException {

	public CaseNotFound() {
		this("No such case.");
	}

	public CaseNotFound(String message) {
		super(message);
	}

	static CaseNotFound report() {
		return new CaseNotFound("No such report.");
	}
}
