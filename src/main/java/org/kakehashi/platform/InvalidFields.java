package org.kakehashi.platform;

import java.util.List;

/**
 * Several field rules were broken at once (a long form checked in one go). The API answers 400 with one
 * {@code errors} entry per problem; web forms show each message beside its field.
 */
public class InvalidFields extends RuntimeException {

	/** One broken rule: the field's path ({@code observables[1].value}), a message key with arguments, English text. */
	public record Problem(String field, String messageKey, List<Object> args, String message) {
	}

	private final List<Problem> problems;

	public InvalidFields(List<Problem> problems) {
		super(problems.isEmpty() ? "invalid" : problems.get(0).field() + ": " + problems.get(0).message());
		if (problems.isEmpty()) {
			throw new IllegalArgumentException("InvalidFields needs at least one problem");
		}
		this.problems = List.copyOf(problems);
	}

	public List<Problem> problems() {
		return problems;
	}
}
