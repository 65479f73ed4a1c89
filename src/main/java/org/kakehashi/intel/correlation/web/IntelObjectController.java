package org.kakehashi.intel.correlation.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.intel.correlation.Correlations;
import org.kakehashi.intel.correlation.ObservableExtraction;
import org.kakehashi.intel.correlation.StoredObjects;
import org.kakehashi.reporting.ReportLookup;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

import tools.jackson.databind.json.JsonMapper;

/**
 * One STIX object's page: its last version pretty-printed, its sightings, false-positive mark and expiry, and where
 * its observable values occur elsewhere. An object in a collection the viewer may not read is not found.
 */
@Controller
class IntelObjectController {

	private final StoredObjects objects;
	private final Correlations correlations;
	private final ReportLookup reports;
	private final IntelReaders readers;
	private final JsonMapper json;
	private final Clock clock;

	IntelObjectController(StoredObjects objects, Correlations correlations, ReportLookup reports, IntelReaders readers,
			JsonMapper json, Clock clock) {
		this.objects = objects;
		this.correlations = correlations;
		this.reports = reports;
		this.readers = readers;
		this.json = json;
		this.clock = clock;
	}

	@GetMapping("/intel/objects/{collectionId}/{stixId}")
	String object(@AuthenticationPrincipal KakehashiUser user, @PathVariable String collectionId, @PathVariable String stixId,
			Model model) {
		UUID collection;
		try {
			collection = UUID.fromString(collectionId);
		} catch (IllegalArgumentException e) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		var reader = readers.ofSession(user);
		var object = objects.lastVersion(reader, collection, stixId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		var tree = json.readTree(object.raw());
		var extracted = ObservableExtraction.from(tree);
		var audience = correlations.audience(reader, reports.viewer(user));
		var now = Instant.now(clock);
		model.addAttribute("object", object);
		model.addAttribute("pretty", json.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
		model.addAttribute("name", tree.path("name").isString() ? tree.path("name").asString() : null);
		model.addAttribute("revoked", tree.path("revoked").asBoolean(false));
		model.addAttribute("validUntil", extracted.validUntil());
		model.addAttribute("expired", extracted.validUntil() != null && !extracted.validUntil().isAfter(now));
		model.addAttribute("falsePositive", correlations.falsePositive(object.stixId()).orElse(null));
		model.addAttribute("sightings", correlations.sightings(audience, List.of(object.stixId())).get(object.stixId()));
		model.addAttribute("correlations", CorrelationPanel.model(
				correlations.forObject(audience, collection, object.stixId(), extracted.values(), CorrelationPanel.PER_VALUE)));
		return "intel/object";
	}
}
