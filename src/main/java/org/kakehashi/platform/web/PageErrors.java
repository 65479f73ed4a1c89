package org.kakehashi.platform.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.InvalidInput;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A rule a page did not turn into a field error becomes the matching error page (403, 404, 409, 413, or 400)
 * instead of a server error. REST controllers get problem+json from {@link ApiProblems}, which runs first.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrors {

	@ExceptionHandler(InvalidInput.class)
	void invalidInput(InvalidInput e, HttpServletResponse response) throws IOException {
		response.sendError(e.status().value());
	}

	@ExceptionHandler(InvalidFields.class)
	void invalidFields(InvalidFields e, HttpServletResponse response) throws IOException {
		response.sendError(400);
	}
}
