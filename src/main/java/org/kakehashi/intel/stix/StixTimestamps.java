package org.kakehashi.intel.stix;

/**
 * The STIX timestamp type (section 2.16): {@code YYYY-MM-DDTHH:mm:ss[.s+]Z}, UTC only. Checked and compared on the
 * text itself, without parsing into objects, because ingest checks several per object.
 */
public final class StixTimestamps {

	private static final int SECONDS_END = 19;

	private StixTimestamps() {
	}

	/** Whether {@code text} is a STIX timestamp (a real calendar date; second 60 allowed for leap seconds). */
	public static boolean isValid(String text) {
		int length = text.length();
		if (length < 20 || text.charAt(length - 1) != 'Z') {
			return false;
		}
		if (!digits(text, 0, 4) || text.charAt(4) != '-' || !digits(text, 5, 7) || text.charAt(7) != '-'
				|| !digits(text, 8, 10) || text.charAt(10) != 'T' || !digits(text, 11, 13) || text.charAt(13) != ':'
				|| !digits(text, 14, 16) || text.charAt(16) != ':' || !digits(text, 17, 19)) {
			return false;
		}
		if (length > 20 && (text.charAt(SECONDS_END) != '.' || length == 21 || !digits(text, 20, length - 1))) {
			return false;
		}
		int year = number(text, 0, 4);
		int month = number(text, 5, 7);
		int day = number(text, 8, 10);
		return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) && number(text, 11, 13) <= 23
				&& number(text, 14, 16) <= 59 && number(text, 17, 19) <= 60;
	}

	/** Digits after the decimal point of a valid timestamp (0 when there is none). */
	public static int fractionDigits(String timestamp) {
		return timestamp.length() == 20 ? 0 : timestamp.length() - 21;
	}

	/** Compares two valid timestamps by the instant they denote ({@code .5Z} equals {@code .500Z}). */
	public static int compare(String a, String b) {
		for (int i = 0; i < SECONDS_END; i++) {
			int difference = a.charAt(i) - b.charAt(i);
			if (difference != 0) {
				return difference;
			}
		}
		int digits = Math.max(fractionDigits(a), fractionDigits(b));
		for (int i = 0; i < digits; i++) {
			int difference = fractionDigit(a, i) - fractionDigit(b, i);
			if (difference != 0) {
				return difference;
			}
		}
		return 0;
	}

	private static int fractionDigit(String timestamp, int index) {
		return index < fractionDigits(timestamp) ? timestamp.charAt(20 + index) - '0' : 0;
	}

	private static boolean digits(String text, int from, int to) {
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	private static int number(String text, int from, int to) {
		int value = 0;
		for (int i = from; i < to; i++) {
			value = value * 10 + text.charAt(i) - '0';
		}
		return value;
	}

	private static int daysIn(int year, int month) {
		return switch (month) {
			case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
			case 4, 6, 9, 11 -> 30;
			default -> 31;
		};
	}
}
