package org.kakehashi.intel.stix.pattern;

/** A lexical token; {@code text} is the decoded content for literals and the raw text otherwise. */
record Token(Kind kind, String text, int position) {

	enum Kind {
		LEFT_BRACKET, RIGHT_BRACKET, LEFT_PAREN, RIGHT_PAREN, COLON, DOT, COMMA, ASTERISK, EQUAL, NOT_EQUAL, LESS,
		LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL, WORD, STRING, INTEGER, FLOAT, HEX, BINARY, TIMESTAMP, END
	}

	boolean is(Kind expected) {
		return kind == expected;
	}

	boolean isWord(String keyword) {
		return kind == Kind.WORD && text.equals(keyword);
	}

	String describe() {
		return switch (kind) {
			case END -> "the end of the pattern";
			case STRING -> "string '" + text + "'";
			case HEX -> "h'" + text + "'";
			case BINARY -> "b'" + text + "'";
			case TIMESTAMP -> "t'" + text + "'";
			default -> "'" + text + "'";
		};
	}
}
