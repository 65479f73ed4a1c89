package org.kakehashi.identity.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.kakehashi.platform.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A rule the administration pages did not turn into a field error (someone else's organisation, a role
 * they may not grant) becomes the matching error page: 404 for what is outside the actor's scope, 403 for
 * what is forbidden, 400 otherwise.
 */
// Before the generic page errors, which would otherwise answer these controllers' rule breaks.
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
@ControllerAdvice(assignableTypes = { OrganisationAdminController.class, GroupAdminController.class,
		UserAdminController.class })
class AdminErrors {

	@ExceptionHandler(InvalidInput.class)
	void invalidInput(InvalidInput e, HttpServletResponse response) throws IOException {
		response.sendError(e.status() == HttpStatus.BAD_REQUEST ? 400 : e.status().value());
	}
}
