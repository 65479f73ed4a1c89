package org.kakehashi.reporting.cases.web;

import org.kakehashi.reporting.cases.CaseNotFound;
import org.kakehashi.reporting.internal.ReportNotFound;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A report or case that does not exist or is not the caller's to see: the same problem+json 404 either way. */
@RestControllerAdvice(assignableTypes = { TriageApi.class, CaseApi.class })
class ApiNotFound {

	@ExceptionHandler({ ReportNotFound.class, CaseNotFound.class })
	ResponseEntity<ProblemDetail> notFound(RuntimeException e) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
		problem.setTitle("Not Found");
		return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}
}
