package org.kakehashi.intel.taxii;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Every failure of a TAXII endpoint becomes a TAXII error message in the TAXII media type. */
@ControllerAdvice(assignableTypes = TaxiiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class TaxiiErrors {

	private static final Logger log = LoggerFactory.getLogger(TaxiiErrors.class);

	private final TaxiiResponses responses;

	TaxiiErrors(TaxiiResponses responses) {
		this.responses = responses;
	}

	@ExceptionHandler(TaxiiError.class)
	ResponseEntity<byte[]> taxii(TaxiiError error) {
		return responses.error(error);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<byte[]> unexpected(Exception e) {
		log.error("TAXII request failed", e);
		return responses.error(new TaxiiError(500, "Internal Server Error", "The server could not complete the request."));
	}
}
