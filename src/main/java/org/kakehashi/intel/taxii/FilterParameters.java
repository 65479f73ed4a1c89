package org.kakehashi.intel.taxii;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.kakehashi.intel.store.ObjectQuery;
import org.kakehashi.intel.store.StixTime;

/**
 * The TAXII URL filter parameters of one request (section 3.4), checked: a malformed value, or a parameter that
 * may appear once appearing twice, is a 400 naming the parameter. Unknown {@code match[...]} fields are ignored,
 * as the specification allows.
 */
record FilterParameters(Set<String> ids, Set<String> types, ObjectQuery.@Nullable Versions versions,
		Set<String> specVersions, @Nullable Instant addedAfter, @Nullable Integer limit, @Nullable String next) {

	private static final Pattern SPEC_VERSION = Pattern.compile("\\d{1,3}\\.\\d{1,3}");
	private static final int MAX_VALUES = 100;
	private static final int MAX_VALUE_LENGTH = 300;

	static FilterParameters parse(Map<String, String[]> parameters) {
		var addedAfter = single(parameters, "added_after");
		var limit = single(parameters, "limit");
		var next = single(parameters, "next");
		var versions = list(parameters, "match[version]");
		return new FilterParameters(new LinkedHashSet<>(list(parameters, "match[id]")),
				new LinkedHashSet<>(list(parameters, "match[type]")), versions.isEmpty() ? null : versions(versions),
				specVersions(list(parameters, "match[spec_version]")), addedAfter == null ? null : addedAfter(addedAfter),
				limit == null ? null : limit(limit), next);
	}

	/** The query for one page: the client's limit capped by the server's, starting after {@code position}. */
	ObjectQuery query(ObjectQuery.Versions defaultVersions, int maxPageSize, ObjectQuery.@Nullable Position position) {
		int size = limit == null ? maxPageSize : Math.min(limit, maxPageSize);
		return new ObjectQuery(ids, types, versions == null ? defaultVersions : versions, specVersions, addedAfter,
				position, size);
	}

	/** The filters in a canonical form, which a {@code next} value is bound to (the limit may change between pages). */
	String binding(String endpoint) {
		var v = versions;
		var versionText = v == null ? "-" : (v.all() ? "all," : "") + (v.first() ? "first," : "") + (v.last() ? "last," : "")
				+ String.join(",", v.exact().stream().map(StixTime::format).sorted().toList());
		return endpoint + "|id=" + String.join(",", new TreeSet<>(ids)) + "|type=" + String.join(",", new TreeSet<>(types))
				+ "|version=" + versionText + "|spec=" + String.join(",", new TreeSet<>(specVersions)) + "|after="
				+ (addedAfter == null ? "-" : StixTime.format(addedAfter));
	}

	private static @Nullable String single(Map<String, String[]> parameters, String name) {
		var values = parameters.get(name);
		if (values == null) {
			return null;
		}
		if (values.length > 1) {
			throw TaxiiError.badParameter(name, name + " may appear only once.");
		}
		if (values[0].isEmpty() || values[0].length() > MAX_VALUE_LENGTH) {
			throw TaxiiError.badParameter(name, name + " must have a value of at most " + MAX_VALUE_LENGTH + " characters.");
		}
		return values[0];
	}

	private static List<String> list(Map<String, String[]> parameters, String name) {
		var value = single(parameters, name);
		if (value == null) {
			return List.of();
		}
		var values = List.of(value.split(",", -1));
		if (values.size() > MAX_VALUES || values.stream().anyMatch(String::isEmpty)) {
			throw TaxiiError.badParameter(name, name + " takes up to " + MAX_VALUES
					+ " values separated by commas, none of them empty.");
		}
		return values;
	}

	private static ObjectQuery.Versions versions(List<String> values) {
		boolean all = false;
		boolean first = false;
		boolean last = false;
		var exact = new ArrayList<Instant>();
		var seen = new java.util.HashSet<String>();
		for (var value : values) {
			if (!seen.add(value)) {
				throw TaxiiError.badParameter("match[version]", "match[version] must not name the same version twice.");
			}
			switch (value) {
				case "all" -> all = true;
				case "first" -> first = true;
				case "last" -> last = true;
				default -> exact.add(StixTime.parse(value).orElseThrow(() -> TaxiiError.badParameter("match[version]",
						"match[version] takes first, last, all or STIX timestamps such as 2016-01-01T01:01:01.000Z.")));
			}
		}
		if (all && values.size() > 1) {
			throw TaxiiError.badParameter("match[version]", "match[version]=all cannot be combined with other versions.");
		}
		return new ObjectQuery.Versions(all, first, last, List.copyOf(exact));
	}

	private static Set<String> specVersions(List<String> values) {
		for (var value : values) {
			if (!SPEC_VERSION.matcher(value).matches()) {
				throw TaxiiError.badParameter("match[spec_version]", "match[spec_version] takes versions such as 2.1.");
			}
		}
		return new LinkedHashSet<>(values);
	}

	private static Instant addedAfter(String value) {
		return StixTime.parse(value).orElseThrow(() -> TaxiiError.badParameter("added_after",
				"added_after must be a timestamp such as 2016-01-01T01:01:01.000000Z."));
	}

	private static int limit(String value) {
		if (!value.matches("[0-9]{1,9}") || Integer.parseInt(value) < 1) {
			throw TaxiiError.badParameter("limit", "limit must be a positive whole number.");
		}
		return Integer.parseInt(value);
	}
}
