package org.kakehashi.platform;

import org.springframework.http.HttpStatus;

/**
 * A rule about one field was broken. The API answers with problem+json naming {@link #field()}; web forms
 * show the message beside that field.
 */
public class InvalidInput extends RuntimeException {

	private final String field;
	private final String messageKey;
	private final HttpStatus status;

	public InvalidInput(String field, String messageKey, String message) {
		this(field, messageKey, message, HttpStatus.BAD_REQUEST);
	}

	public InvalidInput(String field, String messageKey, String message, HttpStatus status) {
		super(message);
		this.field = field;
		this.messageKey = messageKey;
		this.status = status;
	}

	public String field() {
		return field;
	}

	/** Key in the message bundles, so forms can show the rule in the user's language. */
	public String messageKey() {
		return messageKey;
	}

	public HttpStatus status() {
		return status;
	}
}
