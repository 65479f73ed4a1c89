package org.kakehashi.sharing.redaction;

import java.text.Normalizer;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The spellings under which a directory name may appear in a text, all {@link NormalisedText#fold folded}: the name
 * itself, for organisations the name without its legal form (株式会社サンプル → サンプル, Example Co., Ltd. → example)
 * when what remains is still distinctive, and for people the usual Japanese and Western orders.
 */
final class NameVariants {

	// Folded spellings (so ㈱ and （株） are both "(株)"), longest first so "co., ltd." goes before "ltd.".
	private static final List<String> LEGAL_FORMS = Stream.of("株式会社", "有限会社", "合同会社", "合資会社", "合名会社",
			"一般社団法人", "公益社団法人", "一般財団法人", "公益財団法人", "独立行政法人", "地方独立行政法人", "国立研究開発法人",
			"国立大学法人", "特定非営利活動法人", "npo法人", "学校法人", "医療法人", "社会福祉法人", "(株)", "(有)", "(同)", "(社)",
			"(財)", "(独)", "(学)", "(医)", "(福)", "co., ltd.", "co.,ltd.", "co. ltd.", "co., ltd", "co ltd", "company limited",
			"company, limited", "limited", "ltd.", "ltd", "inc.", "inc", "incorporated", "corporation", "corp.", "corp",
			"co.", "llc", "l.l.c.", "k.k.", "kk", "gmbh", "ag", "plc", "s.a.", "n.v.", "b.v.", "pte. ltd.", "pte ltd",
			"pty ltd", "holdings co., ltd.")
		.map(NormalisedText::fold)
		.sorted(Comparator.comparingInt(String::length).reversed())
		.toList();

	// Japanese forms written before or after the name, in full or abbreviated: 株式会社サンプル is also ㈱サンプル and サンプル(株).
	private static final List<String> JAPANESE_AFFIXES = Stream.of("株式会社", "(株)", "有限会社", "(有)", "合同会社", "(同)")
		.map(NormalisedText::fold)
		.toList();

	private NameVariants() {
	}

	static Set<String> ofOrganisation(String name) {
		var variants = new LinkedHashSet<String>();
		String folded = NormalisedText.fold(name);
		variants.add(folded);
		String base = withoutLegalForms(folded);
		if (!base.equals(folded) && isDistinctive(base)) {
			variants.add(base);
		}
		if (hasCjk(base) && isDistinctive(base)) {
			for (String affix : JAPANESE_AFFIXES) {
				variants.add(affix + base);
				variants.add(base + affix);
			}
		}
		if (hasCjk(folded) && folded.contains(" ")) {
			variants.add(folded.replace(" ", ""));
			String compactBase = withoutLegalForms(folded.replace(" ", ""));
			if (isDistinctive(compactBase)) {
				variants.add(compactBase);
			}
		}
		variants.removeIf(String::isBlank);
		return variants;
	}

	static Set<String> ofPerson(String name) {
		var variants = new LinkedHashSet<String>();
		String folded = NormalisedText.fold(name);
		variants.add(folded);
		String[] parts = folded.split("[ ,]+");
		if (hasCjk(folded)) {
			// 山田 太郎 is as often written 山田太郎.
			variants.add(String.join("", parts));
		} else if (parts.length == 2) {
			// Taro Yamada, Yamada Taro, Yamada, Taro.
			variants.add(parts[0] + " " + parts[1]);
			variants.add(parts[1] + " " + parts[0]);
			variants.add(parts[1] + ", " + parts[0]);
		}
		variants.removeIf(String::isBlank);
		return variants;
	}

	static String withoutLegalForms(String folded) {
		String name = folded;
		boolean changed = true;
		while (changed) {
			changed = false;
			for (String form : LEGAL_FORMS) {
				if (name.length() > form.length() && name.endsWith(form)
						&& separated(name, name.length() - form.length() - 1, form.charAt(0))) {
					name = trim(name.substring(0, name.length() - form.length()));
					changed = true;
				} else if (name.length() > form.length() && name.startsWith(form)
						&& separated(name, form.length(), form.charAt(form.length() - 1))) {
					name = trim(name.substring(form.length()));
					changed = true;
				}
			}
		}
		return name;
	}

	/** A Latin legal form must stand as its own word ("Acme Inc", not "Zinc"); a Japanese one may be glued on. */
	private static boolean separated(String name, int neighbour, char formEdge) {
		return !NormalisedText.isWordChar(formEdge) || !NormalisedText.isWordChar(name.charAt(neighbour));
	}

	private static String trim(String name) {
		int start = 0;
		int end = name.length();
		while (start < end && " ,・".indexOf(name.charAt(start)) >= 0) {
			start++;
		}
		while (end > start && " ,・".indexOf(name.charAt(end - 1)) >= 0) {
			end--;
		}
		return name.substring(start, end);
	}

	/** At least two characters for Japanese/Chinese/Korean names, four for others. */
	static boolean isDistinctive(String folded) {
		String composed = Normalizer.normalize(folded, Normalizer.Form.NFC);
		int length = composed.codePointCount(0, composed.length());
		return hasCjk(composed) ? length >= 2 : length >= 4;
	}

	private static boolean hasCjk(String text) {
		return text.codePoints().anyMatch(cp -> {
			var script = Character.UnicodeScript.of(cp);
			return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
					|| script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
		});
	}
}
