package org.kakehashi.intel.stix;

/**
 * Lexical rules of STIX 2.1 checked by hand on the characters: they run several times per object on the ingest
 * path, where compiling or even running regular expressions would dominate the cost.
 */
final class StixSyntax {

	/** {@code --} plus a 36-character UUID. */
	static final int ID_SUFFIX = 38;

	private StixSyntax() {
	}

	/**
	 * Type names (sections 3.1 and 7.3.2.2): 3 to 250 characters of a–z, 0–9 and hyphen, starting with a letter, not
	 * ending with a hyphen, and never two hyphens in a row (they separate type and UUID in an identifier).
	 */
	static boolean isTypeName(String text) {
		return isTypeName(text, 0, text.length());
	}

	static boolean isTypeName(String text, int from, int to) {
		int length = to - from;
		if (length < 3 || length > 250 || !isLowerLetter(text.charAt(from)) || text.charAt(to - 1) == '-') {
			return false;
		}
		for (int i = from + 1; i < to; i++) {
			char c = text.charAt(i);
			if (c == '-') {
				if (text.charAt(i - 1) == '-') {
					return false;
				}
			}
			else if (!isLowerLetter(c) && !isDigit(c)) {
				return false;
			}
		}
		return true;
	}

	/** {@code <type>--<UUID>} with any valid type name (section 2.9). */
	static boolean isIdentifier(String text) {
		int typeEnd = text.length() - ID_SUFFIX;
		return typeEnd > 0 && text.charAt(typeEnd) == '-' && text.charAt(typeEnd + 1) == '-'
				&& isTypeName(text, 0, typeEnd) && isUuid(text, typeEnd + 2);
	}

	/** {@code <type>--<UUID>} for exactly this type. */
	static boolean isIdentifierOf(String text, String type) {
		return text.length() == type.length() + ID_SUFFIX && text.startsWith(type) && text.charAt(type.length()) == '-'
				&& text.charAt(type.length() + 1) == '-' && isUuid(text, type.length() + 2);
	}

	/** The type part of a valid identifier. */
	static String typeOf(String identifier) {
		return identifier.substring(0, identifier.length() - ID_SUFFIX);
	}

	/**
	 * An RFC 4122 UUID: 8-4-4-4-12 hex digits, the variant bits {@code 10}, a version from 1 to 8. Versions 6 to 8 come
	 * from RFC 9562, which replaced RFC 4122 with the same layout; rejecting them would refuse well-formed identifiers.
	 */
	static boolean isUuid(String text, int from) {
		if (text.length() - from != 36) {
			return false;
		}
		for (int i = 0; i < 36; i++) {
			char c = text.charAt(from + i);
			if (i == 8 || i == 13 || i == 18 || i == 23) {
				if (c != '-') {
					return false;
				}
			}
			else if (!isHexDigit(c)) {
				return false;
			}
		}
		char version = text.charAt(from + 14);
		char variant = Character.toLowerCase(text.charAt(from + 19));
		return version >= '1' && version <= '8' && (variant == '8' || variant == '9' || variant == 'a' || variant == 'b');
	}

	/** Property names: 3 to 250 characters of a–z, 0–9 and underscore (sections 3.1, 11.1 and 7.3.2.1). */
	static boolean isPropertyName(String text) {
		int length = text.length();
		if (length < 3 || length > 250) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (!isLowerLetter(c) && !isDigit(c) && c != '_') {
				return false;
			}
		}
		return true;
	}

	/** Dictionary keys (section 2.3): at most 250 ASCII letters, digits, hyphens and underscores. */
	static boolean isDictionaryKey(String text, int minimum) {
		int length = text.length();
		if (length < minimum || length > 250) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (!isLowerLetter(c) && !(c >= 'A' && c <= 'Z') && !isDigit(c) && c != '-' && c != '_') {
				return false;
			}
		}
		return true;
	}

	/** The shape of an RFC 5646 language tag: a 2–8 letter primary subtag, then 1–8 character subtags. */
	static boolean isLanguageTag(String text) {
		int length = text.length();
		int subtagStart = 0;
		for (int i = 0; i <= length; i++) {
			if (i == length || text.charAt(i) == '-') {
				int subtag = i - subtagStart;
				if (subtagStart == 0 ? subtag < 2 || subtag > 8 : subtag < 1 || subtag > 8) {
					return false;
				}
				subtagStart = i + 1;
			}
			else {
				char c = text.charAt(i);
				boolean letter = isLowerLetter(c) || (c >= 'A' && c <= 'Z');
				if (!letter && (subtagStart == 0 || !isDigit(c))) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * The hex type (section 2.8): an even number of hex digits. Section 2.8 asks for lower case, yet the
	 * specification's own examples use upper case ({@code "504B0304"}), so both are accepted.
	 */
	static boolean isHex(String text) {
		if (text.length() % 2 != 0) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			if (!isHexDigit(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	static boolean isHexOfLength(String text, int length) {
		return text.length() == length && isHex(text);
	}

	/** The binary type (section 2.1): RFC 4648 base64 with padding. */
	static boolean isBase64(String text) {
		int length = text.length();
		if (length % 4 != 0) {
			return false;
		}
		int padding = length > 0 && text.charAt(length - 1) == '=' ? (length > 1 && text.charAt(length - 2) == '=' ? 2 : 1) : 0;
		for (int i = 0; i < length - padding; i++) {
			char c = text.charAt(i);
			if (!isLowerLetter(c) && !(c >= 'A' && c <= 'Z') && !isDigit(c) && c != '+' && c != '/') {
				return false;
			}
		}
		return true;
	}

	/** A dotted-quad IPv4 address, optionally with a CIDR prefix length of 0 to 32 (section 6.8). */
	static boolean isIpv4(String text) {
		int length = text.length();
		int slash = text.indexOf('/');
		int end = slash < 0 ? length : slash;
		if (slash >= 0 && !isNumberUpTo(text, slash + 1, length, 32)) {
			return false;
		}
		int octetStart = 0;
		int octets = 0;
		for (int i = 0; i <= end; i++) {
			if (i == end || text.charAt(i) == '.') {
				if (!isNumberUpTo(text, octetStart, i, 255)) {
					return false;
				}
				octets++;
				octetStart = i + 1;
			}
		}
		return octets == 4;
	}

	/** A MAC-48 address: six pairs of lower-case hex digits separated by colons (section 6.10). */
	static boolean isMacAddress(String text) {
		if (text.length() != 17) {
			return false;
		}
		for (int i = 0; i < 17; i++) {
			char c = text.charAt(i);
			if (i % 3 == 2 ? c != ':' : !(isDigit(c) || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

	/** Decimal digits without leading zeros, at most {@code maximum}. */
	private static boolean isNumberUpTo(String text, int from, int to, int maximum) {
		if (to <= from || to - from > 3 || (to - from > 1 && text.charAt(from) == '0')) {
			return false;
		}
		int value = 0;
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (!isDigit(c)) {
				return false;
			}
			value = value * 10 + c - '0';
		}
		return value <= maximum;
	}

	static boolean isLowerLetter(char c) {
		return c >= 'a' && c <= 'z';
	}

	static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	static boolean isHexDigit(char c) {
		return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}
}
