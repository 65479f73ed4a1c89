package org.kakehashi.warnings.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.warnings.internal.EscalationEntry;
import org.kakehashi.warnings.internal.EscalationRules;
import org.kakehashi.warnings.internal.Urgency;
import org.kakehashi.warnings.internal.WarningViewer;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A sender's escalation rules (hours of silence before a reminder and before escalation, per urgency) and each
 * warning's escalation log, for the sender's staff only.
 */
@RestController
@Tag(name = "Warnings")
class EscalationApi {

	static final String READ = "hasAnyRole('ANALYST','COORDINATOR') and hasAuthority('SCOPE_warnings:read')";
	static final String WRITE = "hasAnyRole('ANALYST','COORDINATOR') and hasAuthority('SCOPE_warnings:write')";

	private final EscalationRules rules;

	EscalationApi(EscalationRules rules) {
		this.rules = rules;
	}

	record RuleJson(Urgency urgency, int remindAfterHours, int escalateAfterHours, boolean own,
			int defaultRemindAfterHours, int defaultEscalateAfterHours) {

		static RuleJson of(EscalationRules.Rule rule) {
			return new RuleJson(rule.urgency(), rule.remindAfterHours(), rule.escalateAfterHours(), rule.own(),
					rule.defaultRemindAfterHours(), rule.defaultEscalateAfterHours());
		}
	}

	record RulesJson(List<RuleJson> rules) {
	}

	record RuleInput(@Nullable Urgency urgency, @Nullable Integer remindAfterHours, @Nullable Integer escalateAfterHours) {
	}

	record RulesInput(@Nullable List<RuleInput> rules) {
	}

	@GetMapping("/api/v1/warning-escalation-rules")
	@PreAuthorize(READ)
	@Operation(summary = "Your organisation's escalation rules per urgency, the defaults where you set none "
			+ "(senders' analysts and coordinators, scope warnings:read)")
	RulesJson rules(@AuthenticationPrincipal KakehashiUser user) {
		return new RulesJson(rules.rules(WarningViewer.of(user)).stream().map(RuleJson::of).toList());
	}

	@PutMapping("/api/v1/warning-escalation-rules")
	@PreAuthorize(WRITE)
	@Operation(summary = "Set hours before a reminder and before escalation for the urgencies given; escalate ≥ "
			+ "remind > 0 (senders' analysts and coordinators, scope warnings:write)")
	RulesJson save(@AuthenticationPrincipal KakehashiUser user, @RequestBody RulesInput input) {
		if (input.rules() == null || input.rules().isEmpty()) {
			throw new InvalidInput("rules", "warnings.rules.error.empty", "Give at least one rule.");
		}
		var hours = input.rules().stream()
			.map(r -> new EscalationRules.Hours(r.urgency(), r.remindAfterHours() == null ? 0 : r.remindAfterHours(),
					r.escalateAfterHours() == null ? 0 : r.escalateAfterHours()))
			.toList();
		return new RulesJson(rules.save(WarningViewer.of(user), hours).stream().map(RuleJson::of).toList());
	}

	record EntryJson(String kind, UUID organisationId, String organisationName, @Nullable UUID targetOrganisationId,
			@Nullable String targetOrganisationName, @Nullable UUID targetGroupId, @Nullable String targetGroupName,
			Instant at) {

		static EntryJson of(EscalationEntry e) {
			return new EntryJson(e.kind(), e.organisationId(), e.organisationName(), e.targetOrganisationId(),
					e.targetOrganisationName(), e.targetGroupId(), e.targetGroupName(), e.at());
		}
	}

	@GetMapping("/api/v1/warnings/{id}/escalations")
	@PreAuthorize("hasAuthority('SCOPE_warnings:read')")
	@Operation(summary = "Reminders and escalations of a warning's silent recipients (the sender's staff; 404 for "
			+ "anyone else, scope warnings:read)")
	List<EntryJson> escalations(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		var english = "en".equals(LocaleContextHolder.getLocale().getLanguage());
		return rules.log(WarningViewer.of(user), id, english).stream().map(EntryJson::of).toList();
	}
}
