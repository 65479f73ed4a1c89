package org.kakehashi.platform.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;

import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.InvalidInput;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * RFC 9457 problem+json for every REST controller. Validation problems carry an {@code errors} array of
 * {@code {field, message}} so a client can point at the offending field.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblems extends ResponseEntityExceptionHandler {

	static final URI VALIDATION = URI.create("https://kakehashi.example/problems/validation");

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		var errors = new ArrayList<Map<String, String>>();
		ex.getBindingResult().getFieldErrors().forEach(error -> errors.add(
				Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()))));
		ex.getBindingResult().getGlobalErrors().forEach(error -> errors.add(
				Map.of("field", error.getObjectName(), "message", String.valueOf(error.getDefaultMessage()))));
		return ResponseEntity.badRequest().body(validationProblem(errors));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String field = null;
		String message = "The request body is not valid JSON for this endpoint.";
		if (ex.getCause() instanceof UnrecognizedPropertyException unknown) {
			field = unknown.getPropertyName();
			message = "Unknown field: " + field;
		} else if (ex.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
			field = jackson.getPath().stream()
				.map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
				.collect(Collectors.joining("."));
			message = "Invalid value for " + field;
		}
		var errors = field == null ? List.<Map<String, String>>of() : List.of(Map.of("field", field, "message", message));
		var problem = validationProblem(errors);
		problem.setDetail(message);
		return ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler(InvalidInput.class)
	ResponseEntity<ProblemDetail> invalidInput(InvalidInput ex) {
		var problem = validationProblem(List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
		problem.setDetail(ex.getMessage());
		// The body's status must match the response's (409, 403, 422 as well as 400).
		problem.setStatus(ex.status());
		if (ex.status() != HttpStatus.BAD_REQUEST) {
			problem.setTitle(ex.status().getReasonPhrase());
		}
		return ResponseEntity.status(ex.status()).body(problem);
	}

	@ExceptionHandler(InvalidFields.class)
	ResponseEntity<ProblemDetail> invalidFields(InvalidFields ex) {
		var errors = ex.problems().stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList();
		return ResponseEntity.badRequest().body(validationProblem(errors));
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException ex) {
		var errors = ex.getConstraintViolations().stream()
			.map(v -> Map.of("field", lastNode(v.getPropertyPath().toString()), "message", v.getMessage()))
			.toList();
		return ResponseEntity.badRequest().body(validationProblem(errors));
	}

	@ExceptionHandler(DuplicateKeyException.class)
	ResponseEntity<ProblemDetail> duplicate(DuplicateKeyException ex) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "An entry with the same unique value already exists.");
		problem.setTitle("Conflict");
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}

	private static ProblemDetail validationProblem(List<Map<String, String>> errors) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				errors.isEmpty() ? "The request is invalid." : errors.get(0).get("field") + ": " + errors.get(0).get("message"));
		problem.setType(VALIDATION);
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return problem;
	}

	private static String lastNode(String path) {
		var dot = path.lastIndexOf('.');
		return dot < 0 ? path : path.substring(dot + 1);
	}
}
