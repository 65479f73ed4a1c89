package org.kakehashi.reporting.cases.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.kakehashi.platform.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What the triage and case pages do with a broken rule. A rule about the input (400, 409, 413) goes back to
 * the page as a message beside the form (post/redirect/get); a client that asked for JSON (a script, htmx
 * with {@code Accept: application/json}) gets problem+json naming the field instead. What the viewer may not
 * do or see becomes the 403 or 404 page.
 */
// Before the generic page errors, which would otherwise answer these controllers' rule breaks.
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
@ControllerAdvice(assignableTypes = { TriageController.class, CaseController.class })
class WebErrors {

	@ExceptionHandler(InvalidInput.class)
	ResponseEntity<ProblemDetail> invalidInput(InvalidInput e, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		if (!wantsJson(request)) {
			response.sendError(e.status().value());
			return null; // handled: the error page is rendered for the status
		}
		return problem(e);
	}

	static boolean wantsJson(HttpServletRequest request) {
		var accept = request.getHeader("Accept");
		return accept != null && accept.contains("json") && !accept.contains("text/html");
	}

	static ResponseEntity<ProblemDetail> problem(InvalidInput e) {
		var problem = ProblemDetail.forStatusAndDetail(e.status(), e.field() + ": " + e.getMessage());
		problem.setTitle(e.status() == HttpStatus.BAD_REQUEST ? "Invalid request" : e.status().getReasonPhrase());
		problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
		return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/** Runs a form's action; a rule about the input becomes a flash message under {@code errorName}, the rest propagates. */
	static String perform(Runnable action, String target, String notice, String errorName, RedirectAttributes redirect,
			HttpServletRequest request) {
		try {
			action.run();
			redirect.addFlashAttribute("notice", notice);
		} catch (InvalidInput e) {
			if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND || wantsJson(request)) {
				throw e;
			}
			redirect.addFlashAttribute(errorName, e.messageKey());
			redirect.addFlashAttribute(errorName + "Field", e.field());
		}
		return "redirect:" + target;
	}
}
