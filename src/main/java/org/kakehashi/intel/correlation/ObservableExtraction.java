package org.kakehashi.intel.correlation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.kakehashi.intel.stix.pattern.ComparisonOperator;
import org.kakehashi.intel.stix.pattern.Constant;
import org.kakehashi.intel.stix.pattern.InvalidStixPattern;
import org.kakehashi.intel.stix.pattern.PatternComparison;
import org.kakehashi.intel.stix.pattern.StixPattern;

import tools.jackson.databind.JsonNode;

/**
 * The observable values a STIX object carries: the value of an address, domain, URL or e-mail SCO, the MD5 / SHA-1 /
 * SHA-256 hashes of a file or artifact, and for an indicator with a STIX pattern, every constant compared with
 * {@code =}, {@code IN} or (for addresses) {@code ISSUBSET} against one of those properties, whatever the boolean and
 * observation operators around it. Negated comparisons and {@code LIKE} / {@code MATCHES} say nothing about a
 * particular value and are skipped, as are revoked objects.
 */
public final class ObservableExtraction {

	/** What one object contributes to the index. */
	public record Extracted(List<ObservableValue> values, @Nullable Instant validUntil) {
	}

	private static final Set<String> REFERENCE_VALUES = Set.of("src_ref.value", "dst_ref.value");

	private ObservableExtraction() {
	}

	public static Extracted from(JsonNode object) {
		var type = text(object, "type");
		if (type == null || object.path("revoked").asBoolean(false)) {
			return new Extracted(List.of(), null);
		}
		var found = new LinkedHashMap<String, ObservableValue>();
		switch (type) {
			case "ipv4-addr" -> add(found, ObservableKind.IPV4, text(object, "value"));
			case "ipv6-addr" -> add(found, ObservableKind.IPV6, text(object, "value"));
			case "domain-name" -> add(found, ObservableKind.DOMAIN, text(object, "value"));
			case "url" -> add(found, ObservableKind.URL, text(object, "value"));
			case "email-addr" -> add(found, ObservableKind.EMAIL, text(object, "value"));
			case "file", "artifact" -> {
				for (var hash : object.path("hashes").properties()) {
					var value = hash.getValue().isString() ? hash.getValue().asString() : null;
					hashKind(hash.getKey()).ifPresent(kind -> add(found, kind, value));
				}
			}
			case "indicator" -> {
				if ("stix".equals(text(object, "pattern_type")) && text(object, "pattern") != null) {
					fromPattern(text(object, "pattern")).forEach(v -> found.putIfAbsent(v.kind() + " " + v.matchKey(), v));
				}
			}
			default -> {
			}
		}
		return new Extracted(List.copyOf(found.values()), "indicator".equals(type) ? instant(text(object, "valid_until")) : null);
	}

	/** The values an indicator pattern compares against; empty for a pattern that does not parse. */
	static List<ObservableValue> fromPattern(String pattern) {
		List<PatternComparison> comparisons;
		try {
			comparisons = StixPattern.parse(pattern).comparisons();
		} catch (InvalidStixPattern e) {
			return List.of();
		}
		var found = new ArrayList<ObservableValue>();
		for (var comparison : comparisons) {
			if (comparison.negated() || comparison.value() == null) {
				continue;
			}
			var kind = kindOf(comparison.objectType(), comparison.propertyPath());
			var operator = comparison.operator();
			boolean usable = operator == ComparisonOperator.EQUAL || operator == ComparisonOperator.IN
					|| (operator == ComparisonOperator.ISSUBSET && (kind.isEmpty() || kind.get().address()));
			if (!usable) {
				continue;
			}
			for (var constant : flatten(comparison.value())) {
				var text = constant instanceof Constant.StringConstant s ? s.value()
						: constant instanceof Constant.HexConstant h ? h.hex() : null;
				if (text == null) {
					continue;
				}
				// network-traffic references can point at an IPv4, IPv6 or domain object: the value tells which.
				var target = kind.isPresent() ? kind : isReference(comparison) ? guess(text) : Optional.<ObservableKind>empty();
				target.flatMap(k -> ObservableValue.of(k, text)).ifPresent(found::add);
			}
		}
		return found;
	}

	private static boolean isReference(PatternComparison comparison) {
		return comparison.objectType().equals("network-traffic") && REFERENCE_VALUES.contains(comparison.propertyPath());
	}

	private static Optional<ObservableKind> guess(String text) {
		if (text.contains(":")) {
			return Optional.of(ObservableKind.IPV6);
		}
		return IpNetwork.parseV4(text) != null ? Optional.of(ObservableKind.IPV4) : Optional.of(ObservableKind.DOMAIN);
	}

	private static Optional<ObservableKind> kindOf(String objectType, String path) {
		if (path.equals("value")) {
			return switch (objectType) {
				case "ipv4-addr" -> Optional.of(ObservableKind.IPV4);
				case "ipv6-addr" -> Optional.of(ObservableKind.IPV6);
				case "domain-name" -> Optional.of(ObservableKind.DOMAIN);
				case "url" -> Optional.of(ObservableKind.URL);
				case "email-addr" -> Optional.of(ObservableKind.EMAIL);
				default -> Optional.empty();
			};
		}
		if ((objectType.equals("file") || objectType.equals("artifact")) && path.startsWith("hashes.")) {
			var name = path.substring("hashes.".length());
			if (name.length() > 1 && name.startsWith("'") && name.endsWith("'")) {
				name = name.substring(1, name.length() - 1);
			}
			return hashKind(name);
		}
		if (objectType.equals("email-message") && path.endsWith(".value")
				&& (path.startsWith("from_ref") || path.startsWith("sender_ref") || path.startsWith("to_refs")
						|| path.startsWith("cc_refs") || path.startsWith("bcc_refs"))) {
			return Optional.of(ObservableKind.EMAIL);
		}
		return Optional.empty();
	}

	/** MD5, SHA-1 and SHA-256 under the names of the hash-algorithm vocabulary, case aside. */
	private static Optional<ObservableKind> hashKind(String name) {
		return switch (name.toUpperCase(Locale.ROOT)) {
			case "MD5" -> Optional.of(ObservableKind.MD5);
			case "SHA-1", "SHA1" -> Optional.of(ObservableKind.SHA1);
			case "SHA-256", "SHA256" -> Optional.of(ObservableKind.SHA256);
			default -> Optional.empty();
		};
	}

	private static List<Constant> flatten(Constant constant) {
		return constant instanceof Constant.SetConstant set ? set.values() : List.of(constant);
	}

	private static void add(LinkedHashMap<String, ObservableValue> found, ObservableKind kind, @Nullable String raw) {
		if (raw != null) {
			ObservableValue.of(kind, raw).ifPresent(v -> found.putIfAbsent(v.kind() + " " + v.matchKey(), v));
		}
	}

	static @Nullable String text(JsonNode object, String property) {
		var node = object.path(property);
		return node.isString() ? node.asString() : null;
	}

	static @Nullable Instant instant(@Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			return Instant.parse(text);
		} catch (DateTimeParseException e) {
			return null;
		}
	}
}
