package org.kakehashi.intel.correlation.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.Role;
import org.kakehashi.intel.correlation.Correlations;
import org.kakehashi.intel.correlation.FalsePositives;
import org.kakehashi.intel.correlation.ObservableExtraction;
import org.kakehashi.intel.correlation.Sightings;
import org.kakehashi.intel.correlation.StoredObjects;
import org.kakehashi.intel.store.CollectionAccess;
import org.kakehashi.intel.store.Collections;
import org.kakehashi.intel.store.RestrictedReads;
import org.kakehashi.intel.store.IntelReader;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.web.DisplayTime;
import org.kakehashi.reporting.ReportLookup;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.json.JsonMapper;

/**
 * One STIX object's page: its last version pretty-printed, its sightings, false-positive mark and expiry, and where
 * its observable values occur elsewhere. An object in a collection the viewer may not read is not found. Analysts and
 * coordinators record sightings of indicators and mark them false positive here, under the same rules as the API.
 */
@Controller
class IntelObjectController {

	/** The sighting form as typed (datetime-local values in the display zone). */
	record SightingForm(String count, String firstSeen, String lastSeen, String collection) {
	}

	private final StoredObjects objects;
	private final Collections collections;
	private final Correlations correlations;
	private final Sightings sightings;
	private final FalsePositives falsePositives;
	private final ReportLookup reports;
	private final IntelReaders readers;
	private final DisplayTime displayTime;
	private final JsonMapper json;
	private final Clock clock;
	private final RestrictedReads restrictedReads;

	IntelObjectController(StoredObjects objects, Collections collections, Correlations correlations, Sightings sightings,
			FalsePositives falsePositives, ReportLookup reports, IntelReaders readers, DisplayTime displayTime, JsonMapper json,
			Clock clock, RestrictedReads restrictedReads) {
		this.restrictedReads = restrictedReads;
		this.objects = objects;
		this.collections = collections;
		this.correlations = correlations;
		this.sightings = sightings;
		this.falsePositives = falsePositives;
		this.reports = reports;
		this.readers = readers;
		this.displayTime = displayTime;
		this.json = json;
		this.clock = clock;
	}

	@GetMapping("/intel/objects/{collectionId}/{stixId}")
	String object(@AuthenticationPrincipal KakehashiUser user, @PathVariable String collectionId, @PathVariable String stixId,
			Model model) {
		return page(user, collectionId, stixId, model);
	}

	@PostMapping("/intel/objects/{collectionId}/{stixId}/sightings")
	@PreAuthorize("hasAnyRole('ANALYST','COORDINATOR')")
	String sighting(@AuthenticationPrincipal KakehashiUser user, @PathVariable String collectionId, @PathVariable String stixId,
			@RequestParam(defaultValue = "1") String count, @RequestParam(defaultValue = "") String firstSeen,
			@RequestParam(defaultValue = "") String lastSeen, @RequestParam(defaultValue = "") String collection, Model model,
			RedirectAttributes redirect) {
		var reader = readers.ofSession(user);
		var collectionUuid = uuid(collectionId);
		objects.lastVersion(reader, collectionUuid, stixId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		var form = new SightingForm(count.strip(), firstSeen.strip(), lastSeen.strip(), collection.strip());
		var errors = new LinkedHashMap<String, String>();
		long n = 0;
		try {
			n = Long.parseLong(form.count());
		} catch (NumberFormatException e) {
			errors.put("count", "intel.sighting.count");
		}
		var first = localTime(form.firstSeen(), "firstSeen", errors);
		var last = localTime(form.lastSeen(), "lastSeen", errors);
		UUID target = null;
		if (!form.collection().isEmpty()) {
			try {
				target = UUID.fromString(form.collection());
			} catch (IllegalArgumentException e) {
				errors.put("collection", "intel.sighting.collection-unknown");
			}
		}
		if (errors.isEmpty()) {
			try {
				sightings.record(user, reader, stixId, n, target, first, last);
				redirect.addFlashAttribute("notice", "intel.sighting.recorded");
				return "redirect:/intel/objects/" + collectionUuid + "/" + stixId;
			} catch (InvalidInput e) {
				if (e.status() == HttpStatus.NOT_FOUND && "indicator".equals(e.field())) {
					throw e;
				}
				errors.put(e.field(), e.messageKey());
			}
		}
		model.addAttribute("sightingForm", form);
		model.addAttribute("sightingErrors", errors);
		return page(user, collectionId, stixId, model);
	}

	@PostMapping("/intel/objects/{collectionId}/{stixId}/false-positive")
	@PreAuthorize("hasAnyRole('ANALYST','COORDINATOR')")
	String markFalsePositive(@AuthenticationPrincipal KakehashiUser user, @PathVariable String collectionId,
			@PathVariable String stixId, @RequestParam(defaultValue = "") String reason, Model model, RedirectAttributes redirect) {
		var reader = readers.ofSession(user);
		var collectionUuid = uuid(collectionId);
		objects.lastVersion(reader, collectionUuid, stixId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		try {
			falsePositives.mark(user, reader, stixId, reason);
			redirect.addFlashAttribute("notice", "intel.false-positive.marked");
			return "redirect:/intel/objects/" + collectionUuid + "/" + stixId;
		} catch (InvalidInput e) {
			if (e.status() == HttpStatus.NOT_FOUND || e.status() == HttpStatus.FORBIDDEN) {
				throw e;
			}
			model.addAttribute("reason", reason);
			model.addAttribute("reasonError", e.messageKey());
			return page(user, collectionId, stixId, model);
		}
	}

	@PostMapping("/intel/objects/{collectionId}/{stixId}/false-positive/remove")
	@PreAuthorize("hasAnyRole('ANALYST','COORDINATOR')")
	String unmarkFalsePositive(@AuthenticationPrincipal KakehashiUser user, @PathVariable String collectionId,
			@PathVariable String stixId, RedirectAttributes redirect) {
		var reader = readers.ofSession(user);
		var collectionUuid = uuid(collectionId);
		objects.lastVersion(reader, collectionUuid, stixId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		falsePositives.unmark(user, reader, stixId);
		redirect.addFlashAttribute("notice", "intel.false-positive.removed");
		return "redirect:/intel/objects/" + collectionUuid + "/" + stixId;
	}

	private String page(KakehashiUser user, String collectionId, String stixId, Model model) {
		var collection = uuid(collectionId);
		var reader = readers.ofSession(user);
		var object = objects.lastVersion(reader, collection, stixId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		restrictedReads.record(user, collection, "web", object.stixId(), object.raw());
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
		curation(user, reader, object, model);
		return "intel/object";
	}

	/** Which forms the user gets: only for indicators, only analysts and coordinators, only where they may write. */
	private void curation(KakehashiUser user, IntelReader reader, StoredObjects.LastVersion object, Model model) {
		boolean curator = "indicator".equals(object.type())
				&& (user.roles().contains(Role.ANALYST) || user.roles().contains(Role.COORDINATOR));
		List<CollectionAccess> writable = curator
				? collections.visibleTo(reader).stream().filter(CollectionAccess::canWrite).toList()
				: List.of();
		boolean mayMark = curator && objects.holders(reader, object.stixId()).stream().anyMatch(a -> a.canRead() && a.canWrite());
		model.addAttribute("maySight", !writable.isEmpty());
		model.addAttribute("mayMark", mayMark);
		model.addAttribute("writable", writable);
		if (!model.containsAttribute("sightingForm")) {
			var preferred = object.access().canWrite() ? object.access().collection().id().toString() : "";
			model.addAttribute("sightingForm", new SightingForm("1", "", "", preferred));
			model.addAttribute("sightingErrors", Map.of());
		}
		if (!model.containsAttribute("reason")) {
			model.addAttribute("reason", "");
		}
	}

	private @Nullable Instant localTime(String text, String field, Map<String, String> errors) {
		if (text.isEmpty()) {
			return null;
		}
		try {
			return LocalDateTime.parse(text).atZone(displayTime.zone()).toInstant();
		} catch (DateTimeParseException e) {
			errors.put(field, "intel.sighting.local-time");
			return null;
		}
	}

	private static UUID uuid(String text) {
		try {
			return UUID.fromString(text);
		} catch (IllegalArgumentException e) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}
}
