package org.kakehashi.sharing.redaction;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Suggests what in a text identifies its source and replaces the suggestions an analyst accepts with consistent
 * pseudonyms. Stateless and thread-safe.
 *
 * <h2>What is suggested</h2>
 * <ul>
 * <li><b>Names</b> ({@link RedactionCategory#ORGANISATION}, {@link RedactionCategory#PERSON}) from the context. Matching
 * ignores case and Unicode compatibility differences (NFKC/NFKD: full-width ↔ half-width letters, digits and katakana,
 * {@code ㈱} ↔ {@code （株）} ↔ {@code (株)}) and runs of white space. Japanese, Chinese and Korean text has no word
 * boundaries, so a name matches anywhere there; an edge of a name that is a Latin letter or digit must sit on a word
 * boundary ("Acme" is not found in "Acmes"). Organisation names are also found without their legal form
 * (株式会社, 有限会社, 一般社団法人…, (株), Co., Ltd., Inc., Corporation, Corp., LLC, K.K., GmbH…, at the start or
 * end) when the remainder is still distinctive: at least 2 characters if it contains Japanese/Chinese/Korean, else at
 * least 4. People's names are also found as 山田太郎 for 山田 太郎 and in both orders for two-part Latin names.</li>
 * <li><b>E-mail addresses</b>: all of them, since any address can identify a person.</li>
 * <li><b>Phone numbers</b>: Japanese formats (03-1234-5678, (03)1234-5678, 0120-123-456, 090-1234-5678, ten or
 * eleven digits starting with 0) and international ones (+81 3-1234-5678, +1 (555) 123-4567; 8 to 15 digits).</li>
 * <li><b>URLs</b>: every URL except those of attacker infrastructure (the URL itself or its host marked). The source's
 * own URLs must go; other URLs are suggested too and the analyst decides. One URL is one suggestion, whatever host
 * it contains.</li>
 * <li><b>Host names</b>: the source's domains and their subdomains, whatever their top-level domain; other host names
 * with a well-known or internal top-level domain (.com, .jp, .local, .corp…; file extensions such as .py or .zip are
 * not treated as domains), unless they are marked as attacker or lie under a marked attacker domain; the server of a
 * UNC path ({@code \\FILESRV01\share}).</li>
 * <li><b>IP addresses and networks</b> (IPv4, IPv6, CIDR): those overlapping the source's networks, and internal ones
 * (RFC 1918, 100.64/10, link-local, IPv6 unique-local and link-local) always. Other public addresses are usually the
 * attacker's and are not suggested; loopback, unspecified and broadcast addresses never are.</li>
 * <li><b>Internal identifiers</b> ({@link RedactionCategory#IDENTIFIER}): default Windows computer names
 * ({@code WIN-7Q2K9XJ3ABC}, {@code DESKTOP-…}, {@code LAPTOP-…}), Active Directory accounts ({@code CORP\taro},
 * also with ¥), and upper-case asset tags and ticket numbers ({@code SRV-0123}, {@code INC-2024-0042}: a prefix of 2–10
 * letters or digits, up to three more segments, a final number of at least 3 digits) except public identifiers such
 * as CVE-, CWE-, JVNDB-, MS17-, KB-, SHA-256.</li>
 * </ul>
 * Defanged forms ({@code example[.]com}, {@code hxxp://}, {@code 192.168.1[.]1}, {@code user[@]example.jp}) are
 * recognised as what they hide.
 *
 * <h2>Attacker values</h2>
 * Wherever a marked attacker value occurs (compared like names) nothing overlapping it is suggested; host names under a
 * marked attacker domain, addresses inside a marked attacker network and URLs on a marked host stay too. When a value
 * is both the source's and marked as attacker, the analyst's mark wins.
 *
 * <h2>Overlaps, pseudonyms and ids</h2>
 * Of overlapping candidates the longest wins (then URL, e-mail, organisation, person, host, address, phone,
 * identifier), so a URL containing a source host is one URL suggestion. Replacements are pseudonyms numbered by first
 * appearance per category: the same folded value gets the same token ({@code [ORG-1]}, {@code [PERSON-1]},
 * {@code [EMAIL-1]}, {@code [PHONE-1]}, {@code [IP-1]}, {@code [HOST-1]}, {@code [URL-1]}, {@code [ID-1]}), and every
 * spelling of one directory name shares its token. Ids are derived from the text and the suggestion, so they are
 * stable and {@link #apply} can refuse suggestions made for another text.
 *
 * <h2>Why applying never creates a new match</h2>
 * Every suggestion sits on word boundaries wherever its edge is a letter or digit, and every token starts with
 * {@code [} and ends with {@code ]}; so replacing a suggestion cannot join the words around it into a name, and no
 * token is used that itself contains a name or source domain of the context.
 */
public final class RedactionEngine {

	private static final Map<RedactionCategory, Integer> PRECEDENCE = new EnumMap<>(Map.of(RedactionCategory.URL, 0,
			RedactionCategory.EMAIL, 1, RedactionCategory.ORGANISATION, 2, RedactionCategory.PERSON, 3,
			RedactionCategory.HOSTNAME, 4, RedactionCategory.IP_ADDRESS, 5, RedactionCategory.PHONE, 6,
			RedactionCategory.IDENTIFIER, 7));

	private static final Comparator<Candidate> PREFERRED = Comparator.comparingInt(Candidate::length)
		.reversed()
		.thenComparing(candidate -> PRECEDENCE.get(candidate.category()))
		.thenComparingInt(Candidate::start);

	private record Name(RedactionCategory category, String key) {
	}

	public List<RedactionSuggestion> suggest(String text, RedactionContext context) {
		var view = NormalisedText.of(text);
		var infrastructure = new Infrastructure(context);
		var names = names(context);

		var candidates = new ArrayList<Candidate>();
		for (var hit : names.find(view)) {
			candidates.add(new Candidate(hit.value().category(), view.originalStart(hit.start()),
					view.originalEnd(hit.end()), hit.value().key()));
		}
		candidates.addAll(ObservableScanner.scan(view, text, infrastructure));

		var attacker = new ArrayList<int[]>();
		for (var hit : infrastructure.attackerOccurrences(view)) {
			attacker.add(new int[] { view.originalStart(hit.start()), view.originalEnd(hit.end()) });
		}
		candidates.removeIf(candidate -> attacker.stream().anyMatch(range -> candidate.overlaps(range[0], range[1])));

		var chosen = withoutOverlaps(candidates);
		return pseudonymised(text, chosen, names, infrastructure);
	}

	/** Replaces the accepted suggestions right to left; ignores any whose id was not produced for this text. */
	public String apply(String text, Collection<RedactionSuggestion> accepted) {
		byte[] digest = digest(text);
		var valid = new TreeMap<Integer, RedactionSuggestion>(Comparator.reverseOrder());
		var seen = new HashSet<String>();
		for (var suggestion : accepted) {
			if (suggestion.start() < 0 || suggestion.end() > text.length() || suggestion.start() >= suggestion.end()
					|| !text.substring(suggestion.start(), suggestion.end()).equals(suggestion.original())
					|| !suggestion.id().equals(id(digest, suggestion.category(), suggestion.start(), suggestion.end(),
							suggestion.original(), suggestion.replacement()))
					|| !seen.add(suggestion.id())) {
				continue;
			}
			valid.merge(suggestion.start(), suggestion, (a, b) -> a.end() >= b.end() ? a : b);
		}
		var result = new StringBuilder(text);
		int limit = text.length();
		for (var suggestion : valid.values()) {
			// Suggestions from different contexts for the same text may overlap; the later-starting one wins.
			if (suggestion.end() > limit) {
				continue;
			}
			result.replace(suggestion.start(), suggestion.end(), suggestion.replacement());
			limit = suggestion.start();
		}
		return result.toString();
	}

	private static PhraseMatcher<Name> names(RedactionContext context) {
		var matcher = new PhraseMatcher<Name>();
		for (String organisation : context.organisationNames()) {
			var name = new Name(RedactionCategory.ORGANISATION, NormalisedText.fold(organisation));
			NameVariants.ofOrganisation(organisation).forEach(variant -> matcher.add(variant, name));
		}
		for (String person : context.personNames()) {
			var name = new Name(RedactionCategory.PERSON, NormalisedText.fold(person));
			NameVariants.ofPerson(person).forEach(variant -> matcher.add(variant, name));
		}
		return matcher;
	}

	private static List<Candidate> withoutOverlaps(List<Candidate> candidates) {
		candidates.sort(PREFERRED);
		var taken = new TreeMap<Integer, Candidate>();
		for (var candidate : candidates) {
			var before = taken.floorEntry(candidate.start());
			if (before != null && before.getValue().end() > candidate.start()) {
				continue;
			}
			var after = taken.ceilingEntry(candidate.start());
			if (after != null && after.getKey() < candidate.end()) {
				continue;
			}
			taken.put(candidate.start(), candidate);
		}
		return List.copyOf(taken.values());
	}

	private static List<RedactionSuggestion> pseudonymised(String text, List<Candidate> chosen,
			PhraseMatcher<Name> names, Infrastructure infrastructure) {
		byte[] digest = digest(text);
		var numbers = new EnumMap<RedactionCategory, Map<String, Integer>>(RedactionCategory.class);
		var suggestions = new ArrayList<RedactionSuggestion>(chosen.size());
		for (var candidate : chosen) {
			var numbered = numbers.computeIfAbsent(candidate.category(), category -> new HashMap<>());
			int number = numbered.computeIfAbsent(candidate.key(), key -> numbered.size() + 1);
			String replacement = token(candidate.category(), number, names, infrastructure);
			String original = text.substring(candidate.start(), candidate.end());
			suggestions.add(new RedactionSuggestion(
					id(digest, candidate.category(), candidate.start(), candidate.end(), original, replacement),
					candidate.category(), candidate.start(), candidate.end(), original, replacement));
		}
		return suggestions;
	}

	/** [ORG-1], unless the context holds a name or domain that the token would spell ("Org", "ID"…). */
	private static String token(RedactionCategory category, int number, PhraseMatcher<Name> names,
			Infrastructure infrastructure) {
		List<String> forms = List.of("[" + category.tag() + "-" + number + "]", "[REDACTED-" + number + "]",
				"[#" + number + "]");
		for (String form : forms) {
			var folded = NormalisedText.of(form);
			boolean spellsSomething = !names.find(folded).isEmpty() || infrastructure.sourceDomains()
				.stream()
				.anyMatch(domain -> folded.view().contains(domain));
			if (!spellsSomething) {
				return form;
			}
		}
		return "[■]";
	}

	private static byte[] digest(String text) {
		return sha256().digest(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String id(byte[] textDigest, RedactionCategory category, int start, int end, String original,
			String replacement) {
		var sha = sha256();
		sha.update(textDigest);
		sha.update((category + "\u0000" + start + "\u0000" + end + "\u0000" + original + "\u0000" + replacement)
			.getBytes(StandardCharsets.UTF_8));
		return java.util.HexFormat.of().formatHex(sha.digest(), 0, 16);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java runtime provides SHA-256", e);
		}
	}
}
