package org.kakehashi.intel.importing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditEvent;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.intel.stix.pattern.StixPattern;
import org.kakehashi.intel.store.CollectionAccess;
import org.kakehashi.intel.store.ObjectQuery;
import org.kakehashi.intel.store.StixObjects;
import org.kakehashi.reporting.Observable;
import org.kakehashi.reporting.ObservableBundles;
import org.kakehashi.reporting.ReportLookup;
import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * STIX 2.1 bundles out: a collection's objects (latest versions, optionally of some types or added after a time),
 * written page by page in date_added order with each object's stored bytes, so a bundle of any size streams; and a
 * report's observables as SCOs with one indicator each, grouped under the report's number.
 */
@Service
public class BundleExport implements ObservableBundles {

	private static final int PAGE = 1000;
	private static final DateTimeFormatter STIX_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);
	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
	/** Kakehashi's namespace for objects made from reports' observables (fixed forever). */
	private static final UUID REPORT_NAMESPACE = UUID.fromString("0b5e1d2c-7a44-5c1e-9d6b-4b616b656872");

	private final StixObjects objects;
	private final ReportLookup reports;
	private final AuditLog audit;
	private final Clock clock;

	BundleExport(StixObjects objects, ReportLookup reports, AuditLog audit, Clock clock) {
		this.objects = objects;
		this.reports = reports;
		this.audit = audit;
		this.clock = clock;
	}

	/** Writes the collection's objects as one bundle; the caller has checked that the reader may read it. */
	public void collection(KakehashiUser user, CollectionAccess access, Set<String> types, @Nullable Instant addedAfter,
			OutputStream out) throws IOException {
		var id = access.collection().id();
		audit.record(AuditEvent.by(user, "intel.collection.exported", "intel_collection", id,
				Map.of("types", String.join(",", types), "addedAfter", addedAfter == null ? "" : addedAfter.toString())));
		out.write(("{\"type\":\"bundle\",\"id\":\"bundle--" + UUID.randomUUID() + "\",\"objects\":[")
			.getBytes(StandardCharsets.UTF_8));
		ObjectQuery.Position after = null;
		boolean first = true;
		while (true) {
			var slice = objects.find(id, new ObjectQuery(Set.of(), types, ObjectQuery.Versions.LAST, Set.of(), addedAfter,
					after, PAGE), true);
			for (var row : slice.rows()) {
				if (!first) {
					out.write(',');
				}
				first = false;
				out.write(row.raw().getBytes(StandardCharsets.UTF_8));
			}
			out.flush();
			if (!slice.more() || slice.rows().isEmpty()) {
				break;
			}
			after = slice.rows().get(slice.rows().size() - 1).position();
		}
		out.write("]}".getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A report's observables as a bundle (SCOs, an indicator for each, a grouping named after the report), or empty
	 * when the user may not see the report. Ids derive from the report and the observable, so exporting twice gives
	 * the same objects (in new versions).
	 */
	public Optional<String> report(KakehashiUser user, UUID reportId) {
		var viewer = reports.viewer(user);
		if (!reports.visible(viewer, Set.of(reportId)).contains(reportId)) {
			return Optional.empty();
		}
		var number = reports.numbers(Set.of(reportId)).getOrDefault(reportId, reportId.toString());
		var now = STIX_TIME.format(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
		var bundleObjects = reportObjects(reportId, number, reports.observables(reportId), now);
		audit.record(AuditEvent.by(user, "intel.report.exported", "report", reportId, Map.of("objects", String.valueOf(bundleObjects.size()))));
		var bundle = NODES.objectNode();
		bundle.put("type", "bundle");
		bundle.put("id", "bundle--" + UUID.randomUUID());
		var array = bundle.putArray("objects");
		bundleObjects.forEach(array::add);
		return Optional.of(JSON.writeValueAsString(bundle));
	}

	/**
	 * Several reports' observables as one bundle, written report by report so a search result of any size streams;
	 * the caller (the reporting module's export) has filtered the ids by the viewer's visibility and audited it.
	 */
	@Override
	public void write(List<UUID> reportIds, OutputStream out) throws IOException {
		var now = STIX_TIME.format(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
		out.write(("{\"type\":\"bundle\",\"id\":\"bundle--" + UUID.randomUUID() + "\",\"objects\":[")
			.getBytes(StandardCharsets.UTF_8));
		var first = true;
		for (int from = 0; from < reportIds.size(); from += PAGE) {
			var chunk = reportIds.subList(from, Math.min(reportIds.size(), from + PAGE));
			var numbers = reports.numbers(chunk);
			var observables = reports.observables(chunk);
			for (var id : chunk) {
				for (var object : reportObjects(id, numbers.getOrDefault(id, id.toString()),
						observables.getOrDefault(id, List.of()), now)) {
					if (!first) {
						out.write(',');
					}
					first = false;
					out.write(JSON.writeValueAsBytes(object));
				}
			}
			out.flush();
		}
		out.write("]}".getBytes(StandardCharsets.UTF_8));
	}

	/** SCOs, an indicator for each, and a grouping named after the report; ids derive from report and value. */
	private static List<ObjectNode> reportObjects(UUID reportId, String number, List<Observable> observables, String now) {
		var bundleObjects = new ArrayList<ObjectNode>();
		var refs = new ArrayList<String>();
		for (var observable : observables) {
			var mapped = sco(observable);
			if (mapped == null) {
				continue;
			}
			// Only patterns that parse are exported: the parser is the one the validator uses.
			StixPattern.parse(mapped.pattern());
			bundleObjects.add(mapped.sco());
			refs.add(mapped.sco().get("id").asString());
			var indicator = indicator(REPORT_NAMESPACE, reportId.toString(), number, observable, mapped.pattern(), now);
			bundleObjects.add(indicator);
			refs.add(indicator.get("id").asString());
		}
		if (!refs.isEmpty()) {
			var grouping = NODES.objectNode();
			grouping.put("type", "grouping");
			grouping.put("spec_version", "2.1");
			grouping.put("id", "grouping--" + StixIds.v5(REPORT_NAMESPACE, reportId.toString()));
			grouping.put("created", now);
			grouping.put("modified", now);
			grouping.put("name", "Observables of " + number);
			grouping.put("context", "suspicious-activity");
			var objectRefs = grouping.putArray("object_refs");
			refs.forEach(objectRefs::add);
			bundleObjects.add(grouping);
		}
		return bundleObjects;
	}

	/**
	 * An indicator for one observable of a report or shared item ({@code owner}, shown as {@code label}): its id derives
	 * from the owner and the value, so exporting twice gives the same object.
	 */
	static ObjectNode indicator(UUID namespace, String owner, String label, Observable observable, String pattern,
			String at) {
		var indicator = NODES.objectNode();
		indicator.put("type", "indicator");
		indicator.put("spec_version", "2.1");
		indicator.put("id", "indicator--" + StixIds.v5(namespace, owner + "|" + observable.type() + "|" + observable.value()));
		indicator.put("created", at);
		indicator.put("modified", at);
		indicator.put("name", observable.type().name() + " " + observable.value() + " (" + label + ")");
		indicator.put("pattern", pattern);
		indicator.put("pattern_type", "stix");
		indicator.put("valid_from", at);
		return indicator;
	}

	record Mapped(ObjectNode sco, String pattern) {
	}

	static @Nullable Mapped sco(Observable observable) {
		var value = observable.value();
		return switch (observable.type()) {
			case IPV4 -> simple("ipv4-addr", value);
			case IPV6 -> simple("ipv6-addr", value);
			case DOMAIN -> simple("domain-name", value);
			case URL -> simple("url", value);
			case EMAIL -> simple("email-addr", value);
			case MD5 -> hash("MD5", value);
			case SHA1 -> hash("SHA-1", value);
			case SHA256 -> hash("SHA-256", value);
		};
	}

	private static Mapped simple(String type, String value) {
		var sco = NODES.objectNode();
		sco.put("type", type);
		sco.put("spec_version", "2.1");
		sco.put("id", StixIds.sco(type, JSON.writeValueAsString(Map.of("value", value))));
		sco.put("value", value);
		return new Mapped(sco, "[" + type + ":value = " + literal(value) + "]");
	}

	private static Mapped hash(String algorithm, String value) {
		var sco = NODES.objectNode();
		sco.put("type", "file");
		sco.put("spec_version", "2.1");
		sco.put("id", StixIds.sco("file", JSON.writeValueAsString(Map.of("hashes", Map.of(algorithm, value)))));
		sco.putObject("hashes").put(algorithm, value);
		return new Mapped(sco, "[file:hashes.'" + algorithm + "' = " + literal(value) + "]");
	}

	private static String literal(String value) {
		return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
	}

}
