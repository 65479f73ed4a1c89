package org.kakehashi.intel.stix.pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.kakehashi.intel.stix.StixTimestamps;
import org.kakehashi.intel.stix.pattern.Token.Kind;

/** Splits a pattern into tokens; constants are checked here so that a bad hex or base64 string is a syntax error. */
final class PatternLexer {

	private final String text;
	private int position;

	private PatternLexer(String text) {
		this.text = text;
	}

	/** Far above real patterns (MISP's longest OR lists have hundreds of terms); keeps trees shallow enough to walk. */
	static final int MAX_TOKENS = 20_000;

	static List<Token> tokens(String pattern) {
		var lexer = new PatternLexer(pattern);
		var tokens = new ArrayList<Token>();
		Token token;
		do {
			token = lexer.next();
			tokens.add(token);
			if (tokens.size() > MAX_TOKENS) {
				throw new InvalidStixPattern(token.position(), "the pattern is longer than " + MAX_TOKENS + " tokens");
			}
		}
		while (!token.is(Kind.END));
		return tokens;
	}

	private Token next() {
		skipWhitespace();
		int start = position;
		if (position >= text.length()) {
			return new Token(Kind.END, "", start);
		}
		char c = text.charAt(position);
		switch (c) {
			case '[':
				return single(Kind.LEFT_BRACKET);
			case ']':
				return single(Kind.RIGHT_BRACKET);
			case '(':
				return single(Kind.LEFT_PAREN);
			case ')':
				return single(Kind.RIGHT_PAREN);
			case ':':
				return single(Kind.COLON);
			case '.':
				return single(Kind.DOT);
			case ',':
				return single(Kind.COMMA);
			case '*':
				return single(Kind.ASTERISK);
			case '=':
				return single(Kind.EQUAL);
			case '!':
				if (peek(1) == '=') {
					position += 2;
					return new Token(Kind.NOT_EQUAL, "!=", start);
				}
				throw new InvalidStixPattern(start, "'!' must be followed by '='");
			case '<':
				return peek(1) == '=' ? pair(Kind.LESS_OR_EQUAL, "<=") : single(Kind.LESS);
			case '>':
				return peek(1) == '=' ? pair(Kind.GREATER_OR_EQUAL, ">=") : single(Kind.GREATER);
			case '\'':
				return new Token(Kind.STRING, quoted(), start);
			default:
				break;
		}
		if ((c == 'h' || c == 'b' || c == 't') && peek(1) == '\'') {
			position++;
			return prefixedConstant(c, start);
		}
		if (c == '-' || isDigit(c)) {
			return number(start);
		}
		if (isWordStart(c)) {
			while (position < text.length() && isWordPart(text.charAt(position))) {
				position++;
			}
			return new Token(Kind.WORD, text.substring(start, position), start);
		}
		throw new InvalidStixPattern(start, "unexpected character '" + printable(text.codePointAt(start)) + "'");
	}

	private Token single(Kind kind) {
		position++;
		return new Token(kind, text.substring(position - 1, position), position - 1);
	}

	private Token pair(Kind kind, String symbol) {
		position += 2;
		return new Token(kind, symbol, position - 2);
	}

	/** A string between apostrophes; only {@code \'} and {@code \\} may be escaped (section 9.2). */
	private String quoted() {
		int start = position;
		position++;
		var value = new StringBuilder();
		while (position < text.length()) {
			char c = text.charAt(position);
			if (c == '\'') {
				position++;
				return value.toString();
			}
			if (c == '\\') {
				char escaped = peek(1);
				if (escaped != '\'' && escaped != '\\') {
					throw new InvalidStixPattern(position, "only \\' and \\\\ may be escaped in a string");
				}
				value.append(escaped);
				position += 2;
			}
			else {
				value.append(c);
				position++;
			}
		}
		throw new InvalidStixPattern(start, "the string is not closed with an apostrophe");
	}

	private Token prefixedConstant(char prefix, int start) {
		int contentStart = position + 1;
		int end = text.indexOf('\'', contentStart);
		if (end < 0) {
			throw new InvalidStixPattern(start, "the " + prefix + "'...' constant is not closed with an apostrophe");
		}
		String content = text.substring(contentStart, end);
		position = end + 1;
		return switch (prefix) {
			case 'h' -> new Token(Kind.HEX, hex(content, start), start);
			case 'b' -> new Token(Kind.BINARY, base64(content, start), start);
			default -> {
				if (!StixTimestamps.isValid(content)) {
					throw new InvalidStixPattern(start, "'" + content + "' is not a STIX timestamp (YYYY-MM-DDTHH:mm:ss[.s+]Z)");
				}
				yield new Token(Kind.TIMESTAMP, content, start);
			}
		};
	}

	private static String hex(String content, int start) {
		if (content.length() % 2 != 0) {
			throw new InvalidStixPattern(start, "a hex constant needs an even number of digits");
		}
		for (int i = 0; i < content.length(); i++) {
			char c = content.charAt(i);
			if (!(isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
				throw new InvalidStixPattern(start + 2 + i, "'" + content.charAt(i) + "' is not a hex digit");
			}
		}
		return content.toLowerCase(Locale.ROOT);
	}

	/** Base64 (RFC 4648) where line feeds are ignored (section 9.2). */
	private static String base64(String content, int start) {
		var compact = new StringBuilder(content.length());
		for (int i = 0; i < content.length(); i++) {
			char c = content.charAt(i);
			if (c != '\n' && c != '\r') {
				compact.append(c);
			}
		}
		int length = compact.length();
		if (length % 4 != 0) {
			throw new InvalidStixPattern(start, "a base64 constant has a length that is a multiple of four");
		}
		for (int i = 0; i < length; i++) {
			char c = compact.charAt(i);
			boolean padding = c == '=' && i >= length - 2 && (i == length - 1 || compact.charAt(length - 1) == '=');
			if (!padding && !isBase64(c)) {
				throw new InvalidStixPattern(start, "'" + c + "' does not belong in a base64 constant");
			}
		}
		return compact.toString();
	}

	/** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?}: no plus sign, no leading zeros, no exponent. */
	private Token number(int start) {
		if (text.charAt(position) == '-') {
			position++;
		}
		int digitsStart = position;
		while (position < text.length() && isDigit(text.charAt(position))) {
			position++;
		}
		if (position == digitsStart) {
			throw new InvalidStixPattern(start, "'-' must be followed by a number");
		}
		if (position - digitsStart > 1 && text.charAt(digitsStart) == '0') {
			throw new InvalidStixPattern(start, "a number must not have leading zeros");
		}
		Kind kind = Kind.INTEGER;
		if (position < text.length() && text.charAt(position) == '.' && isDigit(peek(1))) {
			position++;
			while (position < text.length() && isDigit(text.charAt(position))) {
				position++;
			}
			kind = Kind.FLOAT;
		}
		if (position < text.length() && isWordPart(text.charAt(position))) {
			throw new InvalidStixPattern(position, "a number must not run into a word");
		}
		return new Token(kind, text.substring(start, position), start);
	}

	private void skipWhitespace() {
		while (position < text.length()) {
			char c = text.charAt(position);
			// Unicode White_Space (WSpace=Y), as section 9.4 asks: Java's two predicates together cover it.
			if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != '\u0085') {
				return;
			}
			position++;
		}
	}

	private char peek(int ahead) {
		int at = position + ahead;
		return at < text.length() ? text.charAt(at) : '\0';
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isWordStart(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
	}

	private static boolean isWordPart(char c) {
		return isWordStart(c) || isDigit(c) || c == '-';
	}

	private static boolean isBase64(char c) {
		return isWordStart(c) && c != '_' || isDigit(c) || c == '+' || c == '/';
	}

	private static String printable(int codePoint) {
		return Character.isISOControl(codePoint) ? String.format("U+%04X", codePoint) : Character.toString(codePoint);
	}
}
