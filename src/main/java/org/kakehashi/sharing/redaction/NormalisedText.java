package org.kakehashi.sharing.redaction;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A view of a text in which matching is simple: compatibility-decomposed (NFKD, so full-width and half-width forms,
 * {@code ㈱} and {@code (株)}, {@code ｶﾞ} and {@code ガ} all agree), lower-cased, runs of white space collapsed to one
 * space and defanged observables ({@code example[.]com}, {@code hxxp://}) refanged. Every character of the view
 * remembers which range of the original text it came from, so a match in the view maps back to the original.
 *
 * <p>NFKD rather than NFKC because decomposition works one code point at a time, which keeps the mapping exact;
 * names are put through the same view, so the two sides always agree.
 */
final class NormalisedText {

	// Defanging conventions seen in advisories; each maps to the character(s) it hides.
	private static final Pattern DEFANGED = Pattern.compile(
			"\\[\\.]|\\(\\.\\)|\\{\\.}|\\[dot]|\\(dot\\)|\\{dot}|\\[:]|\\[://]|\\[@]|\\[at]|\\(at\\)|hxxp|hxtp|htxp|fxp|\\[/]");

	private final String view;
	private final int[] from;
	private final int[] to;

	private NormalisedText(String view, int[] from, int[] to) {
		this.view = view;
		this.from = from;
		this.to = to;
	}

	static NormalisedText of(String text) {
		var decomposed = new StringBuilder(text.length() + 16);
		var from = new int[text.length() + 16];
		var to = new int[text.length() + 16];
		int n = 0;
		for (int i = 0; i < text.length();) {
			int cp = text.codePointAt(i);
			int next = i + Character.charCount(cp);
			String piece = fold(cp);
			for (int k = 0; k < piece.length(); k++) {
				char c = piece.charAt(k);
				if (isSpace(c)) {
					c = ' ';
					if (n > 0 && decomposed.charAt(n - 1) == ' ') {
						to[n - 1] = next;
						continue;
					}
				}
				if (n == from.length) {
					from = Arrays.copyOf(from, n * 2);
					to = Arrays.copyOf(to, n * 2);
				}
				decomposed.append(c);
				from[n] = i;
				to[n] = next;
				n++;
			}
			i = next;
		}
		return refang(decomposed.toString(), Arrays.copyOf(from, n), Arrays.copyOf(to, n));
	}

	/** The same folding for a phrase that is matched against views (names, attacker values, domains). */
	static String fold(String phrase) {
		return of(phrase).view().strip();
	}

	private static String fold(int codePoint) {
		String piece = Normalizer.normalize(Character.toString(codePoint), Normalizer.Form.NFKD);
		return piece.toLowerCase(Locale.ROOT);
	}

	private static boolean isSpace(char c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c);
	}

	private static NormalisedText refang(String decomposed, int[] from, int[] to) {
		var matcher = DEFANGED.matcher(decomposed);
		if (!matcher.find()) {
			return new NormalisedText(decomposed, from, to);
		}
		var view = new StringBuilder(decomposed.length());
		var newFrom = new int[decomposed.length()];
		var newTo = new int[decomposed.length()];
		int n = 0;
		int copied = 0;
		do {
			for (int k = copied; k < matcher.start(); k++) {
				view.append(decomposed.charAt(k));
				newFrom[n] = from[k];
				newTo[n] = to[k];
				n++;
			}
			String plain = refanged(matcher.group());
			for (int k = 0; k < plain.length(); k++) {
				view.append(plain.charAt(k));
				// Every character of a refanged token stands for the whole defanged token in the original.
				newFrom[n] = from[matcher.start()];
				newTo[n] = to[matcher.end() - 1];
				n++;
			}
			copied = matcher.end();
		} while (matcher.find());
		for (int k = copied; k < decomposed.length(); k++) {
			view.append(decomposed.charAt(k));
			newFrom[n] = from[k];
			newTo[n] = to[k];
			n++;
		}
		return new NormalisedText(view.toString(), Arrays.copyOf(newFrom, n), Arrays.copyOf(newTo, n));
	}

	private static String refanged(String token) {
		return switch (token) {
			case "hxxp", "hxtp", "htxp" -> "http";
			case "fxp" -> "ftp";
			case "[:]" -> ":";
			case "[://]" -> "://";
			case "[/]" -> "/";
			case "[@]", "[at]", "(at)" -> "@";
			default -> ".";
		};
	}

	String view() {
		return view;
	}

	int length() {
		return view.length();
	}

	char charAt(int index) {
		return view.charAt(index);
	}

	/** Where the view's range [start, end) begins in the original text. */
	int originalStart(int start) {
		return from[start];
	}

	/** Where the view's range [start, end) ends in the original text. */
	int originalEnd(int end) {
		return to[end - 1];
	}

	/**
	 * Letters and digits of alphabetic scripts form words; Japanese, Chinese and Korean characters do not, because
	 * those texts have no word boundaries and a name may sit anywhere between them.
	 */
	static boolean isWordChar(char c) {
		if (c < 0x80) {
			return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		}
		if (c >= 0x0300 && c <= 0x036F) {
			return true; // a decomposed Latin accent belongs to the letter before it
		}
		if (!Character.isLetterOrDigit(c)) {
			return false;
		}
		var script = Character.UnicodeScript.of(c);
		return script != Character.UnicodeScript.HAN && script != Character.UnicodeScript.HIRAGANA
				&& script != Character.UnicodeScript.KATAKANA && script != Character.UnicodeScript.HANGUL
				&& script != Character.UnicodeScript.COMMON;
	}

	/** True when view[start, end) does not cut through a word at either edge. */
	boolean onWordBoundaries(int start, int end) {
		boolean left = start == 0 || !isWordChar(view.charAt(start)) || !isWordChar(view.charAt(start - 1));
		boolean right = end == view.length() || !isWordChar(view.charAt(end - 1)) || !isWordChar(view.charAt(end));
		return left && right;
	}
}
