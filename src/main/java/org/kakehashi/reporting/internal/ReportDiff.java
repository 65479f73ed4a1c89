package org.kakehashi.reporting.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.kakehashi.reporting.Observable;

/** Compares two versions of a report field by field. */
public final class ReportDiff {

	/** One field that changed; values are rendered as plain text (times as ISO-8601 UTC). */
	public record Change(String field, @Nullable String before, @Nullable String after) {
	}

	private ReportDiff() {
	}

	public static List<Change> between(ReportContent before, ReportContent after) {
		var a = fields(before);
		var b = fields(after);
		return a.keySet().stream()
			.filter(field -> !Objects.equals(a.get(field), b.get(field)))
			.map(field -> new Change(field, a.get(field), b.get(field)))
			.toList();
	}

	/** The content as ordered field → text; collections are sorted so order alone is no change. */
	static Map<String, @Nullable String> fields(ReportContent c) {
		var f = new LinkedHashMap<String, @Nullable String>();
		f.put("kind", c.kind().name());
		f.put("title", c.title());
		f.put("descriptionJa", c.descriptionJa());
		f.put("descriptionEn", c.descriptionEn());
		f.put("sectors", joined(c.sectors()));
		f.put("servicesAffected", c.servicesAffected());
		f.put("eventTypes", joined(c.eventTypes().stream().map(Enum::name).toList()));
		f.put("causes", joined(c.causes().stream().map(Enum::name).toList()));
		f.put("severityContinuity", text(c.severityContinuity()));
		f.put("severitySafety", text(c.severitySafety()));
		f.put("occurredAt", text(c.occurredAt()));
		f.put("awareAt", text(c.awareAt()));
		f.put("containedAt", text(c.containedAt()));
		f.put("recoveredAt", text(c.recoveredAt()));
		f.put("usersAffected", text(c.usersAffected()));
		f.put("outageMinutes", text(c.outageMinutes()));
		f.put("regions", c.regions());
		f.put("ransomDemanded", String.valueOf(c.ransomDemanded()));
		f.put("ransomPaid", String.valueOf(c.ransomPaid()));
		f.put("ransomPaidAt", text(c.ransomPaidAt()));
		f.put("observables", c.observables().stream().map(ReportDiff::observable).sorted()
			.collect(Collectors.joining("\n")));
		f.put("contactName", c.contactName());
		f.put("contactEmail", c.contactEmail());
		f.put("contactPhone", c.contactPhone());
		return f;
	}

	private static String observable(Observable o) {
		return o.type() + " " + o.value();
	}

	private static @Nullable String joined(List<String> values) {
		return values.isEmpty() ? null : values.stream().sorted().collect(Collectors.joining(", "));
	}

	private static @Nullable String text(@Nullable Object value) {
		return value == null ? null : value.toString();
	}
}
