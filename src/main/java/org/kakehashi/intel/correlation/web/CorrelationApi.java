package org.kakehashi.intel.correlation.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.intel.correlation.Correlations;
import org.kakehashi.intel.correlation.FalsePositives;
import org.kakehashi.intel.correlation.ObservableKind;
import org.kakehashi.intel.correlation.ObservableValue;
import org.kakehashi.intel.correlation.Sightings;
import org.kakehashi.intel.store.StixTime;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.reporting.ReportLookup;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Correlation over the API: where a value occurs, where a report's observables occur elsewhere, sightings and
 * false-positive marks. Intelligence appears only with the intel:read scope and reports only with reports:read,
 * each filtered to what the caller may see before anything is returned.
 */
@RestController
@Tag(name = "Threat intelligence")
class CorrelationApi {

	static final int DEFAULT_LIMIT = 100;
	static final int MAX_LIMIT = 500;
	private static final Pattern INDICATOR_ID = Pattern.compile(
			"indicator--[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

	private final Correlations correlations;
	private final Sightings sightings;
	private final FalsePositives falsePositives;
	private final ReportLookup reports;
	private final IntelReaders readers;

	CorrelationApi(Correlations correlations, Sightings sightings, FalsePositives falsePositives, ReportLookup reports,
			IntelReaders readers) {
		this.correlations = correlations;
		this.sightings = sightings;
		this.falsePositives = falsePositives;
		this.reports = reports;
		this.readers = readers;
	}

	@GetMapping("/api/v1/intel/observables")
	@PreAuthorize("hasAuthority('SCOPE_intel:read')")
	@Operation(summary = "Every place a value occurs: STIX objects in collections the caller may read and (with scope "
			+ "reports:read) reports the caller may see; network containment and parent/sub-domain matches are flagged "
			+ "(scope intel:read)")
	CorrelationJson.Lookup observables(Authentication authentication, @RequestParam(required = false) @Nullable String type,
			@RequestParam(required = false) @Nullable String value, @RequestParam(required = false) @Nullable String limit) {
		if (type == null || type.isBlank()) {
			throw new InvalidInput("type", "intel.observable.type", "Give a type: ipv4, ipv6, domain, url, email, md5, sha1 or sha256.");
		}
		var kind = ObservableKind.of(type).orElseThrow(() -> new InvalidInput("type", "intel.observable.type",
				"Unknown type; use ipv4, ipv6, domain, url, email, md5, sha1 or sha256."));
		if (value == null || value.isBlank()) {
			throw new InvalidInput("value", "intel.observable.value", "Give the value to look up.");
		}
		var normalised = ObservableValue.of(kind, value).orElseThrow(() -> new InvalidInput("value", "intel.observable.value",
				"Not a valid " + kind.code() + " value."));
		var found = correlations.find(audience(authentication, true), normalised, Correlations.Except.NOTHING, limit(limit));
		return new CorrelationJson.Lookup(kind.code(), normalised.value(), CorrelationJson.OccurrenceJson.of(found),
				found.truncated());
	}

	@GetMapping("/api/v1/reports/{id}/correlations")
	@PreAuthorize("hasAuthority('SCOPE_reports:read')")
	@Operation(summary = "For each observable of a report the caller may see, where else it occurs: other reports the "
			+ "caller may see and (with scope intel:read) STIX objects in collections the caller may read (scope reports:read)")
	CorrelationJson.ReportCorrelations reportCorrelations(Authentication authentication, @PathVariable String id,
			@RequestParam(required = false) @Nullable String limit) {
		var reportId = uuid(id, "id");
		var viewer = reports.viewer(user(authentication));
		if (reports.visible(viewer, List.of(reportId)).isEmpty()) {
			throw new InvalidInput("id", "intel.report.not-found", "No such report.", HttpStatus.NOT_FOUND);
		}
		var audience = audience(authentication, IntelReaders.has(authentication, ApiScope.INTEL_READ));
		var values = correlations.forReport(audience, reportId, limit(limit)).stream()
			.map(c -> new CorrelationJson.ObservableCorrelations(c.value().kind().code(), c.value().value(),
					CorrelationJson.OccurrenceJson.of(c.found()), c.found().truncated()))
			.toList();
		return new CorrelationJson.ReportCorrelations(reportId, values);
	}

	@PostMapping("/api/v1/intel/sightings")
	@PreAuthorize("hasAnyRole('ANALYST','COORDINATOR') and hasAuthority('SCOPE_intel:write')")
	@Operation(summary = "Record a sighting of an indicator by the caller's organisation: stored as a STIX sighting in a "
			+ "collection the caller may write (analysts and coordinators, scope intel:write)")
	ResponseEntity<CorrelationJson.SightingCreated> sighting(Authentication authentication,
			@RequestBody CorrelationJson.NewSighting input) {
		var indicator = indicatorId(input.indicator(), "indicator");
		var first = time(input.firstSeen(), "firstSeen");
		var last = time(input.lastSeen(), "lastSeen");
		var created = sightings.record(user(authentication), readers.ofToken(authentication), indicator,
				input.count() == null ? 1 : input.count(), input.collection(), first, last);
		var href = "/intel/objects/" + created.collectionId() + "/" + created.sightingId();
		return ResponseEntity.created(URI.create(href)).body(new CorrelationJson.SightingCreated(created.sightingId(),
				created.collectionId(), created.indicatorId(), created.count(), href));
	}

	@PostMapping("/api/v1/intel/indicators/{stixId}/false-positive")
	@PreAuthorize("hasAnyRole('ANALYST','COORDINATOR') and hasAuthority('SCOPE_intel:write')")
	@Operation(summary = "Mark an indicator as a false positive, with a reason (audited); only writers of a collection "
			+ "holding it (analysts and coordinators, scope intel:write)")
	CorrelationJson.FalsePositiveJson markFalsePositive(Authentication authentication, @PathVariable String stixId,
			@RequestBody CorrelationJson.FalsePositiveInput input) {
		var id = indicatorId(stixId, "stixId");
		if (input.reason() == null) {
			throw new InvalidInput("reason", "intel.false-positive.reason", "Give a reason.");
		}
		var mark = falsePositives.mark(user(authentication), readers.ofToken(authentication), id, input.reason());
		return new CorrelationJson.FalsePositiveJson(id, true, mark.reason(), mark.markedAt());
	}

	@DeleteMapping("/api/v1/intel/indicators/{stixId}/false-positive")
	@PreAuthorize("hasAnyRole('ANALYST','COORDINATOR') and hasAuthority('SCOPE_intel:write')")
	@Operation(summary = "Withdraw a false-positive mark (audited; analysts and coordinators, scope intel:write)")
	CorrelationJson.FalsePositiveJson unmarkFalsePositive(Authentication authentication, @PathVariable String stixId) {
		var id = indicatorId(stixId, "stixId");
		falsePositives.unmark(user(authentication), readers.ofToken(authentication), id);
		return new CorrelationJson.FalsePositiveJson(id, false, null, null);
	}

	private Correlations.Audience audience(Authentication authentication, boolean intel) {
		var reportsToo = IntelReaders.has(authentication, ApiScope.REPORTS_READ);
		return correlations.audience(intel ? readers.ofToken(authentication) : null,
				reportsToo ? reports.viewer(user(authentication)) : null);
	}

	private static KakehashiUser user(Authentication authentication) {
		return (KakehashiUser) authentication.getPrincipal();
	}

	private static int limit(@Nullable String limit) {
		if (limit == null) {
			return DEFAULT_LIMIT;
		}
		try {
			var n = Integer.parseInt(limit);
			if (n >= 1 && n <= MAX_LIMIT) {
				return n;
			}
		} catch (NumberFormatException e) {
			// falls through to the problem below
		}
		throw new InvalidInput("limit", "intel.observable.limit", "limit is a whole number from 1 to " + MAX_LIMIT + ".");
	}

	private static UUID uuid(String text, String field) {
		try {
			if (text.length() == 36) {
				return UUID.fromString(text);
			}
		} catch (IllegalArgumentException e) {
			// falls through to the problem below
		}
		throw new InvalidInput(field, "intel.id", "Not a valid id.");
	}

	private static String indicatorId(@Nullable String text, String field) {
		if (text == null || text.isBlank()) {
			throw new InvalidInput(field, "intel.indicator.id", "Give the indicator's STIX id (indicator--<UUID>).");
		}
		if (!INDICATOR_ID.matcher(text).matches()) {
			throw new InvalidInput(field, "intel.indicator.id", "Not an indicator id (indicator--<UUID>, lower case).");
		}
		return text;
	}

	private static @Nullable Instant time(@Nullable String text, String field) {
		if (text == null) {
			return null;
		}
		return StixTime.parse(text).orElseThrow(() -> new InvalidInput(field, "intel.sighting.time",
				"A timestamp such as 2026-11-26T05:00:00Z (UTC)."));
	}
}
