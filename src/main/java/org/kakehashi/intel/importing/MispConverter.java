package org.kakehashi.intel.importing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.kakehashi.intel.stix.StixValidator;
import org.kakehashi.intel.stix.pattern.InvalidStixPattern;
import org.kakehashi.intel.stix.pattern.StixPattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns MISP events into STIX 2.1 objects. An attribute flagged {@code to_ids} becomes an indicator whose pattern is
 * built here and parsed back with {@link StixPattern}; any other becomes SCOs inside an observed-data. MISP objects
 * {@code file} and {@code domain-ip} become one combined observable; other MISP objects are mapped attribute by
 * attribute. The event becomes a {@code report} when published, else a {@code grouping}, referring to everything made
 * from it, created by an identity for the event's creator organisation. {@code tlp:*} tags become TLP 2.0 marking
 * definitions. Ids are UUIDv5 of the MISP uuids and versions are MISP timestamps, so importing the same event again
 * stores nothing new.
 *
 * <p>Distribution: MISP's "your organisation only" (0) and "sharing group" (4, groups this platform cannot map) are
 * honoured by refusing such an event or attribute unless the target collection is readable by the uploader's
 * organisation alone. Every attribute that cannot be imported is reported with the reason.
 */
final class MispConverter {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final DateTimeFormatter STIX_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);
	private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
	private static final Map<String, String> HASHES = Map.of("md5", "MD5", "sha1", "SHA-1", "sha256", "SHA-256",
			"sha512", "SHA-512", "sha3-256", "SHA3-256", "sha3-512", "SHA3-512", "ssdeep", "SSDEEP", "tlsh", "TLSH");

	private final boolean organisationOnly;
	private final StixValidator validator;
	private final List<ImportItem> items = new ArrayList<>();
	private final Set<Tlp2> markingsWritten = new LinkedHashSet<>();
	private final Set<String> writtenIds = new java.util.HashSet<>();

	/** @param organisationOnly whether the target collection is readable by the uploader's organisation alone */
	private MispConverter(boolean organisationOnly, StixValidator validator) {
		this.organisationOnly = organisationOnly;
		this.validator = validator;
	}

	/**
	 * The items of a MISP file: {@code {"Event": ...}}, a bare event, {@code {"response": [{"Event": ...}]}}, or a
	 * search result {@code {"response": {"Attribute": [...], "Object": [...]}}}.
	 *
	 * @throws BundleFormatException when the file holds no MISP event at all
	 */
	static List<ImportItem> convert(JsonNode root, boolean organisationOnly, StixValidator validator) {
		var converter = new MispConverter(organisationOnly, validator);
		var events = new ArrayList<JsonNode>();
		if (root.isObject() && root.get("Event") != null) {
			events.add(root.get("Event"));
		} else if (root.isObject() && root.get("response") != null && root.get("response").isArray()) {
			// Event searches list {"Event": ...}; object and attribute searches list {"Object": ...} / {"Attribute": ...}.
			var loose = NODES.objectNode();
			for (var element : root.get("response")) {
				if (element.has("Event")) {
					events.add(element.get("Event"));
				} else if (element.get("Object") != null && element.get("Object").isObject()) {
					loose.withArray("Object").add(element.get("Object"));
				} else if (element.get("Attribute") != null && element.get("Attribute").isObject()) {
					loose.withArray("Attribute").add(element.get("Attribute"));
				} else {
					events.add(element);
				}
			}
			if (!loose.isEmpty()) {
				converter.loose(loose);
				if (events.isEmpty()) {
					return converter.items;
				}
			}
		} else if (root.isObject() && root.get("response") != null && root.get("response").isObject()
				&& (root.get("response").has("Attribute") || root.get("response").has("Object"))) {
			converter.loose(root.get("response"));
			return converter.items;
		} else if (root.isObject() && root.has("uuid") && (root.has("Attribute") || root.has("info"))) {
			events.add(root);
		}
		if (events.isEmpty() || events.stream().anyMatch(e -> !e.isObject())) {
			throw new BundleFormatException("The file is not a MISP event: expected {\"Event\": {...}}, an event object, "
					+ "or {\"response\": [{\"Event\": {...}}]}.");
		}
		for (int i = 0; i < events.size(); i++) {
			converter.event(events.get(i), "response[" + i + "].Event");
		}
		return converter.items;
	}

	private void event(JsonNode event, String path) {
		var uuid = text(event, "uuid");
		if (uuid == null || !UUID_TEXT.matcher(uuid).matches()) {
			refuse(uuid, path + ".uuid", "the event needs a uuid; without it its objects cannot get stable ids");
			return;
		}
		var eventTime = timestamp(event, "timestamp");
		if (eventTime == null) {
			eventTime = date(event);
		}
		if (eventTime == null) {
			refuse(uuid, path + ".timestamp", "the event has neither a timestamp nor a date");
			return;
		}
		int distribution = distribution(event, 3);
		if (restricted(distribution)) {
			refuse(uuid, path + ".distribution", distributionMessage(distribution, "event"));
			return;
		}
		var eventTlp = tlp(event, null);
		var orgc = event.get("Orgc");
		var creatorName = orgc == null ? null : text(orgc, "name");
		var creatorUuid = orgc == null ? null : text(orgc, "uuid");
		var identityId = StixIds.fromMisp("identity", creatorUuid != null ? creatorUuid : "name:" + (creatorName == null ? "MISP" : creatorName));
		var refs = new LinkedHashSet<String>();
		var identity = base("identity", identityId, eventTime, null);
		identity.put("name", creatorName == null || creatorName.isBlank() ? "MISP organisation" : creatorName);
		identity.put("identity_class", "organization");
		emit(identity, path + ".Orgc", refs);

		var links = new ArrayList<String>();
		var attributes = event.get("Attribute");
		if (attributes != null && attributes.isArray()) {
			for (int i = 0; i < attributes.size(); i++) {
				var attribute = attributes.get(i);
				var attributePath = path + ".Attribute[" + i + "]";
				if ("link".equals(text(attribute, "type")) && text(attribute, "value") != null) {
					links.add(text(attribute, "value"));
					continue;
				}
				attribute(attribute, attributePath, distribution, eventTlp, identityId, eventTime, refs);
			}
		}
		var objects = event.get("Object");
		if (objects != null && objects.isArray()) {
			for (int i = 0; i < objects.size(); i++) {
				mispObject(objects.get(i), path + ".Object[" + i + "]", distribution, eventTlp, identityId, eventTime, refs);
			}
		}

		var published = timestamp(event, "publish_timestamp");
		boolean isReport = published != null && published.getEpochSecond() > 0;
		var container = base(isReport ? "report" : "grouping", StixIds.fromMisp(isReport ? "report" : "grouping", uuid),
				eventTime, eventTlp);
		container.put("created_by_ref", identityId);
		var info = text(event, "info");
		container.put("name", info == null || info.isBlank() ? "MISP event " + uuid : info);
		if (isReport) {
			container.put("published", STIX_TIME.format(published));
			container.set("report_types", NODES.arrayNode().add("threat-report"));
		} else {
			container.put("context", "suspicious-activity");
		}
		var labels = labels(event);
		if (!labels.isEmpty()) {
			container.set("labels", labels);
		}
		if (!links.isEmpty()) {
			var references = NODES.arrayNode();
			references.addObject().put("source_name", "misp").put("external_id", uuid);
			links.forEach(link -> references.addObject().put("source_name", "link").put("url", link));
			container.set("external_references", references);
		} else {
			container.set("external_references", NODES.arrayNode().add(NODES.objectNode().put("source_name", "misp")
				.put("external_id", uuid)));
		}
		var refArray = container.putArray("object_refs");
		refs.forEach(refArray::add);
		emit(container, path, null);
	}

	/**
	 * Attributes and objects found by a MISP search ({@code {"response": {"Attribute": [...], "Object": [...]}}}):
	 * no event, so no report or grouping, and an identity named "MISP" as creator.
	 */
	private void loose(JsonNode response) {
		var identityId = StixIds.fromMisp("identity", "name:MISP");
		var identity = base("identity", identityId, Instant.EPOCH, null);
		identity.put("name", "MISP");
		identity.put("identity_class", "system");
		var refs = new LinkedHashSet<String>();
		emit(identity, "response", refs);
		var attributes = response.get("Attribute");
		if (attributes != null && attributes.isArray()) {
			for (int i = 0; i < attributes.size(); i++) {
				attribute(attributes.get(i), "response.Attribute[" + i + "]", 3, null, identityId, Instant.EPOCH, refs);
			}
		}
		var objects = response.get("Object");
		if (objects != null && objects.isArray()) {
			for (int i = 0; i < objects.size(); i++) {
				mispObject(objects.get(i), "response.Object[" + i + "]", 3, null, identityId, Instant.EPOCH, refs);
			}
		}
	}

	private void attribute(JsonNode attribute, String path, int eventDistribution, @Nullable Tlp2 eventTlp, String identityId,
			Instant eventTime, Set<String> refs) {
		var uuid = text(attribute, "uuid");
		var type = text(attribute, "type");
		var value = text(attribute, "value");
		if (uuid == null || !UUID_TEXT.matcher(uuid).matches() || type == null || value == null) {
			refuse(uuid, path, "an attribute needs a uuid, a type and a value");
			return;
		}
		int distribution = distribution(attribute, eventDistribution);
		if (restricted(distribution)) {
			refuse(uuid, path + ".distribution", distributionMessage(distribution, "attribute"));
			return;
		}
		var observable = Observables.of(type, value);
		if (observable == null) {
			refuse(uuid, path + ".type", "MISP type '" + type + "' has no STIX 2.1 observable mapping here; not imported");
			return;
		}
		var time = timestamp(attribute, "timestamp");
		observe(uuid, path, observable, bool(attribute, "to_ids"), tlp(attribute, eventTlp), identityId,
				time == null ? eventTime : time, text(attribute, "category"), text(attribute, "comment"), refs);
	}

	private void mispObject(JsonNode object, String path, int eventDistribution, @Nullable Tlp2 eventTlp, String identityId,
			Instant eventTime, Set<String> refs) {
		var uuid = text(object, "uuid");
		var name = text(object, "name");
		var attributes = object.get("Attribute");
		if (uuid == null || !UUID_TEXT.matcher(uuid).matches() || attributes == null || !attributes.isArray()) {
			refuse(uuid, path, "a MISP object needs a uuid and a list of attributes");
			return;
		}
		int distribution = distribution(object, eventDistribution);
		if (restricted(distribution)) {
			refuse(uuid, path + ".distribution", distributionMessage(distribution, "object"));
			return;
		}
		var values = new LinkedHashMap<String, List<String>>();
		boolean toIds = false;
		var time = timestamp(object, "timestamp");
		for (var attribute : attributes) {
			var relation = text(attribute, "object_relation");
			var value = text(attribute, "value");
			if (relation != null && value != null && !restricted(distribution(attribute, distribution))) {
				values.computeIfAbsent(relation, r -> new ArrayList<>()).add(value);
				toIds |= bool(attribute, "to_ids");
			}
		}
		var combined = "file".equals(name) ? Observables.file(values) : "domain-ip".equals(name) ? Observables.domainIp(values) : null;
		if (combined != null) {
			observe(uuid, path, combined, toIds, tlp(object, eventTlp), identityId, time == null ? eventTime : time,
					text(object, "meta-category"), text(object, "comment"), refs);
			return;
		}
		for (int i = 0; i < attributes.size(); i++) {
			attribute(attributes.get(i), path + ".Attribute[" + i + "]", distribution, tlp(object, eventTlp), identityId,
					eventTime, refs);
		}
	}

	/** An indicator (to_ids) or SCOs with an observed-data, made from one MISP element. */
	private void observe(String mispUuid, String path, Observables.Observable observable, boolean toIds, @Nullable Tlp2 tlp,
			String identityId, Instant time, @Nullable String category, @Nullable String comment, Set<String> refs) {
		if (toIds) {
			try {
				StixPattern.parse(observable.pattern());
			} catch (InvalidStixPattern e) {
				refuse(mispUuid, path + ".value", "no valid STIX pattern can be made of this value: " + e.getMessage());
				return;
			}
			var indicator = base("indicator", StixIds.fromMisp("indicator", mispUuid), time, tlp);
			indicator.put("created_by_ref", identityId);
			indicator.put("name", observable.name());
			if (comment != null && !comment.isBlank()) {
				indicator.put("description", comment);
			}
			indicator.set("indicator_types", NODES.arrayNode().add("malicious-activity"));
			indicator.put("pattern", observable.pattern());
			indicator.put("pattern_type", "stix");
			indicator.put("valid_from", STIX_TIME.format(time));
			if (category != null && !category.isBlank()) {
				indicator.set("labels", NODES.arrayNode().add(category));
			}
			emit(indicator, path, refs);
			return;
		}
		var observed = base("observed-data", StixIds.fromMisp("observed-data", mispUuid), time, tlp);
		observed.put("created_by_ref", identityId);
		observed.put("first_observed", STIX_TIME.format(time));
		observed.put("last_observed", STIX_TIME.format(time));
		observed.put("number_observed", 1);
		var objectRefs = observed.putArray("object_refs");
		var scoRefs = new LinkedHashSet<String>();
		for (var sco : observable.scos()) {
			if (!emit(sco, path, scoRefs)) {
				return;
			}
		}
		scoRefs.forEach(objectRefs::add);
		if (emit(observed, path, refs)) {
			refs.addAll(scoRefs);
		}
	}

	/** Adds one object (valid, or reported with its problems); true when it will be stored. */
	private boolean emit(ObjectNode object, String path, @Nullable Set<String> refs) {
		var markings = object.get("object_marking_refs");
		if (markings != null) {
			for (var marking : markings) {
				for (var level : Tlp2.values()) {
					if (level.id().equals(marking.asString()) && markingsWritten.add(level)) {
						var json = level.json();
						items.add(ImportItem.object(items.size(), json, JSON.readTree(json)));
					}
				}
			}
		}
		var id = object.get("id").asString();
		var problems = validator.validate(object);
		if (!problems.isEmpty()) {
			for (var problem : problems) {
				items.add(ImportItem.refused(items.size(), new ImportError(items.size(), id, path + " → " + problem.property(),
						problem.message())));
			}
			return false;
		}
		if (refs != null) {
			refs.add(id);
		}
		if (writtenIds.add(id + "|" + object.path("modified").asString(""))) {
			var raw = JSON.writeValueAsString(object);
			items.add(ImportItem.object(items.size(), raw, object));
		}
		return true;
	}

	private void refuse(@Nullable String mispUuid, String property, String message) {
		items.add(ImportItem.refused(items.size(), new ImportError(items.size(), mispUuid, property, message)));
	}

	private ObjectNode base(String type, String id, Instant time, @Nullable Tlp2 tlp) {
		var node = NODES.objectNode();
		node.put("type", type);
		node.put("spec_version", "2.1");
		node.put("id", id);
		node.put("created", STIX_TIME.format(time));
		node.put("modified", STIX_TIME.format(time));
		if (tlp != null) {
			node.putArray("object_marking_refs").add(tlp.id());
		}
		return node;
	}

	private boolean restricted(int distribution) {
		return (distribution == 0 || distribution == 4) && !organisationOnly;
	}

	private static String distributionMessage(int distribution, String what) {
		return distribution == 0
				? "the " + what + " is for the uploading organisation only (MISP distribution 0), but the collection can be read beyond your organisation; import it into a collection only your organisation reads"
				: "the " + what + " is for a MISP sharing group (distribution 4), which has no equivalent here; import it into a collection only your organisation reads";
	}

	/** MISP distribution 0–4; 5 ("inherit") and absent take the enclosing level. */
	private static int distribution(JsonNode node, int inherited) {
		var value = node.get("distribution");
		if (value == null || value.isNull()) {
			return inherited;
		}
		int level;
		try {
			level = value.isNumber() ? value.asInt() : Integer.parseInt(value.asString().strip());
		} catch (NumberFormatException e) {
			// Unknown wording: treat as the most restrictive level rather than guess wider.
			return 0;
		}
		return level == 5 ? inherited : level < 0 || level > 5 ? 0 : level;
	}

	private static @Nullable Tlp2 tlp(JsonNode node, @Nullable Tlp2 inherited) {
		Tlp2 found = null;
		var tags = node.get("Tag");
		if (tags != null && tags.isArray()) {
			for (var tag : tags) {
				var name = text(tag, "name");
				var level = name == null ? null : Tlp2.ofMispTag(name).orElse(null);
				if (level != null) {
					found = found == null ? level : Tlp2.stricter(found, level);
				}
			}
		}
		return found != null ? found : inherited;
	}

	private static ArrayNode labels(JsonNode event) {
		var labels = NODES.arrayNode();
		var tags = event.get("Tag");
		if (tags != null && tags.isArray()) {
			for (var tag : tags) {
				var name = text(tag, "name");
				if (name != null && !name.isBlank() && Tlp2.ofMispTag(name).isEmpty() && !name.startsWith("tlp:")) {
					labels.add(name);
				}
			}
		}
		return labels;
	}

	private static @Nullable Instant timestamp(JsonNode node, String property) {
		var value = node.get(property);
		if (value == null || value.isNull()) {
			return null;
		}
		try {
			long seconds = value.isNumber() ? value.asLong() : Long.parseLong(value.asString().strip());
			return seconds < 0 || seconds > 253402300799L ? null : Instant.ofEpochSecond(seconds);
		} catch (NumberFormatException e) {
			return null;
		}
	}

	private static @Nullable Instant date(JsonNode event) {
		var date = text(event, "date");
		try {
			return date == null ? null : LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant();
		} catch (java.time.format.DateTimeParseException e) {
			return null;
		}
	}

	private static boolean bool(JsonNode node, String property) {
		var value = node.get(property);
		return value != null && (value.isBoolean() ? value.asBoolean() : "1".equals(value.asString("")) || "true".equals(value.asString("")));
	}

	private static @Nullable String text(JsonNode node, String property) {
		var value = node.get(property);
		return value != null && value.isString() ? value.asString() : null;
	}

	/** The MISP attribute types mapped here, as STIX patterns and SCOs. */
	static final class Observables {

		record Observable(String name, String pattern, List<ObjectNode> scos) {
		}

		private Observables() {
		}

		static @Nullable Observable of(String type, String value) {
			var v = value.strip();
			return switch (type) {
				case "ip-src", "ip-dst" -> ip(v);
				case "ip-src|port", "ip-dst|port" -> {
					int bar = v.lastIndexOf('|');
					yield bar < 0 ? null : ip(v.substring(0, bar));
				}
				case "domain", "hostname" -> simple("domain-name", "value", v);
				case "url", "uri" -> simple("url", "value", v);
				case "email", "email-src", "email-dst" -> simple("email-addr", "value", v);
				case "mac-address" -> simple("mac-addr", "value", v.toLowerCase(Locale.ROOT));
				case "mutex" -> simple("mutex", "name", v);
				case "filename" -> file(Map.of("filename", List.of(v)));
				case "AS" -> autonomousSystem(v);
				case "domain|ip" -> {
					int bar = v.indexOf('|');
					yield bar < 0 ? null : domainIp(Map.of("domain", List.of(v.substring(0, bar)), "ip", List.of(v.substring(bar + 1))));
				}
				case "regkey" -> simple("windows-registry-key", "key", v);
				default -> {
					if (HASHES.containsKey(type)) {
						yield file(Map.of(type, List.of(v)));
					}
					if (type.startsWith("filename|") && HASHES.containsKey(type.substring(9))) {
						int bar = v.indexOf('|');
						yield bar < 0 ? null : file(Map.of("filename", List.of(v.substring(0, bar)), type.substring(9),
								List.of(v.substring(bar + 1))));
					}
					yield null;
				}
			};
		}

		private static @Nullable Observable ip(String value) {
			if (value.isEmpty()) {
				return null;
			}
			return simple(value.contains(":") ? "ipv6-addr" : "ipv4-addr", "value", value);
		}

		private static Observable simple(String type, String property, String value) {
			var sco = sco(type, Map.of(property, value));
			sco.put(property, value);
			return new Observable(type + " " + value, "[" + type + ":" + property + " = " + literal(value) + "]", List.of(sco));
		}

		private static @Nullable Observable autonomousSystem(String value) {
			var digits = value.toUpperCase(Locale.ROOT).startsWith("AS") ? value.substring(2) : value;
			long number;
			try {
				number = Long.parseLong(digits.strip());
			} catch (NumberFormatException e) {
				return null;
			}
			var sco = sco("autonomous-system", Map.of("number", number));
			sco.put("number", number);
			return new Observable("AS" + number, "[autonomous-system:number = " + number + "]", List.of(sco));
		}

		/** A MISP file object (or hash/filename attribute): one file SCO with its name and hashes. */
		static @Nullable Observable file(Map<String, List<String>> values) {
			var hashes = new TreeMap<String, String>();
			String name = null;
			for (var entry : values.entrySet()) {
				var key = HASHES.get(entry.getKey());
				if (key != null && !entry.getValue().isEmpty()) {
					hashes.put(key, entry.getValue().get(0).strip());
				}
				if (entry.getKey().equals("filename") && !entry.getValue().isEmpty()) {
					name = entry.getValue().get(0);
				}
			}
			if (hashes.isEmpty() && name == null) {
				return null;
			}
			var contributing = new TreeMap<String, Object>();
			var terms = new ArrayList<String>();
			if (!hashes.isEmpty()) {
				contributing.put("hashes", hashes);
				hashes.forEach((algorithm, hash) -> terms.add("file:hashes." + quote(algorithm) + " = " + literal(hash)));
			}
			if (name != null) {
				contributing.put("name", name);
				terms.add("file:name = " + literal(name));
			}
			var sco = sco("file", contributing);
			if (!hashes.isEmpty()) {
				var hashNode = sco.putObject("hashes");
				hashes.forEach(hashNode::put);
			}
			if (name != null) {
				sco.put("name", name);
			}
			var label = name != null ? name : hashes.values().iterator().next();
			return new Observable("file " + label, "[" + String.join(" AND ", terms) + "]", List.of(sco));
		}

		/** A MISP domain-ip object (or domain|ip attribute): a domain name resolving to its addresses. */
		static @Nullable Observable domainIp(Map<String, List<String>> values) {
			var domains = values.getOrDefault("domain", values.getOrDefault("hostname", List.of()));
			if (domains.isEmpty()) {
				return null;
			}
			var domain = domains.get(0).strip();
			var ips = values.getOrDefault("ip", List.of()).stream().map(String::strip).filter(ip -> !ip.isEmpty()).toList();
			var scos = new ArrayList<ObjectNode>();
			var terms = new ArrayList<String>();
			terms.add("domain-name:value = " + literal(domain));
			var domainSco = sco("domain-name", Map.of("value", domain));
			domainSco.put("value", domain);
			scos.add(domainSco);
			// resolves_to_refs stays off the SCO: a domain's id is its value alone, and the same domain seen resolving
			// elsewhere in another event must stay the same object. The pairing lives in the pattern / observed-data.
			for (var ip : ips) {
				var type = ip.contains(":") ? "ipv6-addr" : "ipv4-addr";
				var ipSco = sco(type, Map.of("value", ip));
				ipSco.put("value", ip);
				scos.add(ipSco);
				terms.add("domain-name:resolves_to_refs[*].value = " + literal(ip));
			}
			return new Observable("domain-name " + domain, "[" + String.join(" AND ", terms) + "]", scos);
		}

		private static ObjectNode sco(String type, Map<String, ?> contributing) {
			var node = NODES.objectNode();
			node.put("type", type);
			node.put("spec_version", "2.1");
			node.put("id", StixIds.sco(type, canonical(contributing)));
			return node;
		}

		/** JSON with keys sorted and no white space, as STIX 2.1 section 2.9 asks for deterministic SCO ids. */
		private static String canonical(Map<String, ?> properties) {
			return JSON.writeValueAsString(new TreeMap<>(properties));
		}

		private static String literal(String value) {
			return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
		}

		private static String quote(String key) {
			return "'" + key + "'";
		}
	}

}
