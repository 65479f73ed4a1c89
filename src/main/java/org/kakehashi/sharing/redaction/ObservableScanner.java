package org.kakehashi.sharing.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds e-mail addresses, phone numbers, URLs, host names, IP addresses and internal identifiers in a
 * {@link NormalisedText} view (lower-case, refanged) and decides, with the {@link Infrastructure}, which of them to
 * suggest. Every candidate sits on word boundaries, so replacing it can never join the words around it.
 */
final class ObservableScanner {

	private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";

	private static final Pattern EMAIL = Pattern
		.compile("(?<![a-z0-9._%+-])[a-z0-9_%+-]+(?:\\.[a-z0-9_%+-]+)*@(?:" + LABEL + "\\.)+[a-z][a-z0-9-]{0,62}");

	// ASCII only: Japanese text often follows a URL without a space. Brackets stay for IPv6 hosts.
	private static final Pattern URL = Pattern
		.compile("(?<![a-z0-9])(?:https?|ftps?|sftp|wss?|smb|file)://[a-z0-9\\-._~:/?#\\[\\]@!$&*+,;=%]+");

	private static final Pattern HOST = Pattern
		.compile("(?<![a-z0-9.\\-])(?:" + LABEL + "\\.)+[a-z][a-z0-9-]{0,62}(?![a-z0-9\\-]|\\.[a-z0-9])");

	private static final Pattern IPV4 = Pattern
		.compile("(?<![0-9.])(?:\\d{1,3}\\.){3}\\d{1,3}(?:/\\d{1,2})?(?![0-9]|\\.[0-9])");

	private static final Pattern IPV6 = Pattern
		.compile("(?<![0-9a-z:.])(?=[0-9a-f:]*:[0-9a-f.]*:)[0-9a-f:.]+(?:/\\d{1,3})?");

	private static final String SEP = "[-\\u2010-\\u2015\\u2212\\u30fc. ]";

	// 03-1234-5678, (03)1234-5678, 03(1234)5678, 0120-123-456, 090-1234-5678, 0312345678.
	private static final Pattern PHONE_JP = Pattern
		.compile("(?<![0-9+])\\(?0\\d{1,4}\\)?" + SEP + "?\\(?\\d{1,4}\\)?" + SEP + "?\\d{3,4}(?![0-9])");

	// +81 3-1234-5678, +81 (0)3 1234 5678, +1 (555) 123-4567, +44 20 7946 0958.
	private static final Pattern PHONE_INTERNATIONAL = Pattern.compile(
			"(?<![0-9])\\+\\d{1,3}" + SEP + "?(?:\\(0\\)" + SEP + "?)?\\(?\\d{1,4}\\)?(?:" + SEP + "?\\d{1,4}){1,4}(?![0-9])");

	// Default Windows computer names: WIN-7Q2K9XJ3ABC, DESKTOP-1A2B3C4, LAPTOP-…; at least one digit.
	private static final Pattern WINDOWS_HOST = Pattern.compile("(?:win|desktop|laptop)-(?=[a-z]*[0-9])[a-z0-9]{5,15}");

	// CORP\taro.yamada or CORP¥taro (the yen sign is how Japanese Windows shows a backslash); not a path segment.
	private static final Pattern DOMAIN_ACCOUNT = Pattern
		.compile("(?<![\\\\¥/:.a-z0-9])[a-z][a-z0-9-]{1,14}[\\\\¥][\\p{L}\\p{N}._$-]{1,64}(?![\\\\¥\\p{L}\\p{N}])");

	// \\FILESRV01\share: the server of a UNC path.
	private static final Pattern UNC_HOST = Pattern.compile("(?<=[\\\\¥]{2})[a-z0-9][a-z0-9.-]*");

	// Asset tags and ticket numbers: SRV-0123, INC-2024-0042, PC-JP-00042 (upper case in the original).
	private static final Pattern TAG = Pattern
		.compile("(?<![a-z0-9_-])[a-z][a-z0-9]{1,9}(?:[-_][a-z0-9]{1,10}){0,3}[-_]\\d{3,10}(?![a-z0-9_-])");

	// Public identifiers that look like tags but name nothing of the source.
	private static final Set<String> PUBLIC_PREFIXES = Set.of("cve", "cwe", "capec", "ghsa", "jvn", "jvndb", "jvnvu",
			"jvnta", "jsa", "ms", "kb", "rfc", "iso", "iec", "jis", "nist", "sp", "tlp", "sha", "aes", "rsa", "des",
			"rc", "md", "utf", "ecdsa", "ed", "apt", "ta", "fin", "unc", "covid", "sars", "ipv", "windows", "server",
			"fy", "cy", "ja", "en", "x", "osvdb", "bid", "edb", "exploit", "usn", "rhsa", "dsa", "ntp", "ss");

	private static final Set<String> NOT_ACCOUNTS = Set.of("windows", "system32", "users", "programdata",
			"appdata", "temp", "hklm", "hkcu", "hkcr", "hku", "hkcc", "builtin", "software", "system");

	// Top-level domains for which an unknown host is still worth suggesting; source domains match whatever their TLD.
	// File extensions that are also TLDs (.py, .sh, .md, .rs, .zip, .mov, .pl) are left out on purpose.
	private static final Set<String> TLDS = Set.of("com", "net", "org", "info", "biz", "edu", "gov", "mil", "int",
			"name", "pro", "mobi", "app", "dev", "io", "ai", "cloud", "online", "site", "xyz", "top", "club", "shop",
			"tech", "store", "live", "blog", "news", "page", "link", "click", "work", "global", "asia", "tokyo",
			"osaka", "nagoya", "yokohama", "kyoto", "okinawa", "local", "lan", "internal", "intra", "intranet", "corp",
			"home", "localdomain", "localhost", "ad", "jp", "cn", "kr", "tw", "hk", "sg", "us", "uk", "de", "fr", "ru",
			"nl", "it", "es", "ca", "au", "in", "br", "vn", "th", "my", "ph", "ir", "kp", "ua", "eu", "co", "me", "tv",
			"cc", "ws", "su", "to", "pw", "tk", "ml", "ga", "cf", "gq", "nz", "ch", "se", "no", "fi", "dk", "cz", "at",
			"be", "ie", "il", "tr", "sa", "ae", "mx", "ar", "za", "ng", "kz", "by", "ro", "hu", "gr", "pt", "lt", "lv",
			"ee", "bg", "hr", "sk", "si", "is", "lu", "li", "mo", "mn", "kh", "la", "mm", "bd", "pk", "lk", "np");

	private final NormalisedText text;
	private final String original;
	private final Infrastructure infrastructure;
	private final List<Candidate> candidates = new ArrayList<>();

	private ObservableScanner(NormalisedText text, String original, Infrastructure infrastructure) {
		this.text = text;
		this.original = original;
		this.infrastructure = infrastructure;
	}

	static List<Candidate> scan(NormalisedText text, String original, Infrastructure infrastructure) {
		var scanner = new ObservableScanner(text, original, infrastructure);
		scanner.emails();
		scanner.urls();
		scanner.hosts();
		scanner.ipv4();
		scanner.ipv6();
		scanner.phones();
		scanner.identifiers();
		return scanner.candidates;
	}

	private void each(Pattern pattern, Consumer<Matcher> action) {
		var matcher = pattern.matcher(text.view());
		while (matcher.find()) {
			action.accept(matcher);
		}
	}

	private void add(RedactionCategory category, int start, int end, String key) {
		if (start >= end || !text.onWordBoundaries(start, end)) {
			return;
		}
		candidates.add(new Candidate(category, text.originalStart(start), text.originalEnd(end), key));
	}

	private void emails() {
		// Every address: even a free-mail one can name a person.
		each(EMAIL, m -> {
			String address = m.group();
			String domain = address.substring(address.indexOf('@') + 1);
			if (!infrastructure.isAttackerLiteral(address) && !infrastructure.isAttackerHost(domain)) {
				add(RedactionCategory.EMAIL, m.start(), m.end(), address);
			}
		});
	}

	private void urls() {
		each(URL, m -> {
			int end = m.end();
			String view = text.view();
			while (end > m.start() && ".,;:!?'*".indexOf(view.charAt(end - 1)) >= 0
					|| end > m.start() && view.charAt(end - 1) == ']' && view.lastIndexOf('[', end) < m.start()) {
				end--;
			}
			String url = view.substring(m.start(), end);
			var host = Infrastructure.hostOfUrl(url);
			if (host.isEmpty() || infrastructure.isAttackerLiteral(url) || infrastructure.isAttackerHost(host.get())) {
				return;
			}
			// Every other URL: the source's own, or a third party's the analyst should look at.
			add(RedactionCategory.URL, m.start(), end, url);
		});
	}

	private void hosts() {
		each(HOST, m -> host(m.start(), m.end()));
		each(UNC_HOST, m -> host(m.start(), m.end()));
	}

	private void host(int start, int end) {
		String host = text.view().substring(start, end);
		if (infrastructure.isAttackerHost(host)) {
			return;
		}
		String tld = host.substring(host.lastIndexOf('.') + 1);
		if (infrastructure.isSourceHost(host) || TLDS.contains(tld) || !host.contains(".")) {
			add(RedactionCategory.HOSTNAME, start, end, host);
		}
	}

	private void ipv4() {
		each(IPV4, m -> address(m.start(), m.end()));
	}

	private void ipv6() {
		each(IPV6, m -> {
			int start = m.start();
			int end = m.end();
			String view = text.view();
			// A colon or full stop that ends a sentence, or a colon glued in front ("アドレス：2001:db8::1").
			while (end > start && view.charAt(end - 1) == '.') {
				end--;
			}
			if (end - start > 1 && view.charAt(end - 1) == ':' && view.charAt(end - 2) != ':') {
				end--;
			}
			if (end - start > 1 && view.charAt(start) == ':' && view.charAt(start + 1) != ':') {
				start++;
			}
			if (view.substring(start, end).indexOf(':') >= 0) {
				address(start, end);
			}
		});
	}

	private void address(int start, int end) {
		String value = text.view().substring(start, end);
		var address = IpNetwork.parse(value);
		if (address.isEmpty() || address.get().isMeaningless() || infrastructure.isAttackerAddress(address.get())) {
			return;
		}
		// Public addresses outside the source's networks are usually the attacker's: they stay unless marked.
		if (address.get().isInternal() || infrastructure.isSourceAddress(address.get())) {
			add(RedactionCategory.IP_ADDRESS, start, end, address.get().canonical());
		}
	}

	private void phones() {
		each(PHONE_JP, m -> phone(m, m.group().replaceAll("[^0-9]", "")));
		each(PHONE_INTERNATIONAL, m -> {
			String digits = m.group().replace("(0)", "").replaceAll("[^0-9]", "");
			// +81 3 1234 5678 is the same line as 03-1234-5678.
			phone(m, digits.startsWith("81") && digits.length() >= 11 ? "0" + digits.substring(2) : "+" + digits);
		});
	}

	private void phone(Matcher m, String key) {
		int digits = key.replace("+", "").length();
		boolean domestic = key.startsWith("0");
		if (domestic ? digits == 10 || digits == 11 : digits >= 8 && digits <= 15) {
			add(RedactionCategory.PHONE, m.start(), m.end(), key);
		}
	}

	private void identifiers() {
		each(WINDOWS_HOST, m -> add(RedactionCategory.IDENTIFIER, m.start(), m.end(), m.group()));
		each(DOMAIN_ACCOUNT, m -> {
			String domain = m.group().split("[\\\\¥]", 2)[0];
			if (!NOT_ACCOUNTS.contains(domain) && !domain.startsWith("hkey")) {
				add(RedactionCategory.IDENTIFIER, m.start(), m.end(), m.group().replace('¥', '\\'));
			}
		});
		each(TAG, m -> {
			String prefix = m.group().split("[-_]", 2)[0];
			// MS17-010: the letters of the prefix decide.
			String letters = prefix.replaceAll("[0-9]+$", "");
			if (PUBLIC_PREFIXES.contains(prefix) || PUBLIC_PREFIXES.contains(letters) || letters.isEmpty()) {
				return;
			}
			String shown = original.substring(text.originalStart(m.start()), text.originalEnd(m.end()));
			if (shown.equals(shown.toUpperCase(Locale.ROOT))) {
				add(RedactionCategory.IDENTIFIER, m.start(), m.end(), m.group());
			}
		});
	}
}
