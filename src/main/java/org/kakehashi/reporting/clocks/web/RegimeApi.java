package org.kakehashi.reporting.clocks.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.Directory;
import org.kakehashi.reporting.clocks.Regime;
import org.kakehashi.reporting.clocks.RegimeRule;
import org.kakehashi.reporting.clocks.Regimes;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Regimes over the API. Reading them is open to every token with reports:read: the rules are public law. Setting
 * an organisation's regimes takes a platform administrator with identity:write, because it is administration of
 * an organisation like the organisation API's, and reports:write is a scope administrators cannot hold.
 */
@RestController
@Tag(name = "Reporting")
class RegimeApi {

	record RuleJson(String milestone, String nameJa, String nameEn, String anchor, @Nullable String offset, boolean soft,
			String satisfiedBy, @Nullable String dueTextJa, @Nullable String dueTextEn) {

		static RuleJson of(RegimeRule r) {
			return new RuleJson(r.milestone(), r.nameJa(), r.nameEn(), r.anchor().toString(),
					r.offset() == null ? null : r.offset().iso(), r.soft(), r.satisfiedBy().toString(), r.dueTextJa(),
					r.dueTextEn());
		}
	}

	record VersionJson(LocalDate effectiveFrom, String basisJa, String basisEn, List<RuleJson> rules) {
	}

	record RegimeJson(String code, String nameJa, String nameEn, String zone, List<VersionJson> versions) {

		static RegimeJson of(Regime r) {
			return new RegimeJson(r.code(), r.nameJa(), r.nameEn(), r.zone().getId(), r.versions().stream()
				.map(v -> new VersionJson(v.effectiveFrom(), v.basisJa(), v.basisEn(), v.rules().stream().map(RuleJson::of).toList()))
				.toList());
		}
	}

	/** The regimes the organisation reports under; an empty list returns it to the default (JP). */
	record AssignmentJson(@NotNull @Size(max = 10) List<String> regimes) {
	}

	record AssignedJson(UUID organisationId, List<String> regimes, List<String> effective) {
	}

	private final Regimes regimes;
	private final Directory directory;

	RegimeApi(Regimes regimes, Directory directory) {
		this.regimes = regimes;
		this.directory = directory;
	}

	@GetMapping("/api/v1/regimes")
	@PreAuthorize("hasAuthority('SCOPE_reports:read')")
	@Operation(summary = "Reporting regimes with their versions and rules (scope reports:read)")
	List<RegimeJson> list() {
		return regimes.all().stream().map(RegimeJson::of).toList();
	}

	@PutMapping("/api/v1/regimes/organisations/{organisationId}")
	@PreAuthorize("hasRole('PLATFORM_ADMIN') and hasAuthority('SCOPE_identity:write')")
	@Operation(summary = "Set the regimes an organisation reports under (platform administrators, scope identity:write)")
	AssignedJson assign(@PathVariable UUID organisationId, @Valid @RequestBody AssignmentJson request) {
		if (directory.organisation(organisationId).isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such organisation.");
		}
		var assigned = regimes.assign(organisationId, request.regimes());
		return new AssignedJson(organisationId, assigned, assigned.isEmpty() ? List.of(Regime.DEFAULT) : assigned);
	}
}
