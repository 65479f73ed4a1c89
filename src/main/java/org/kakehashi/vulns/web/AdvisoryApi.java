package org.kakehashi.vulns.web;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.vulns.internal.CaseViewer;
import org.kakehashi.vulns.publication.AdvisoryDraft;
import org.kakehashi.vulns.publication.AdvisoryDrafts;
import org.kakehashi.vulns.publication.AdvisoryPage;
import org.kakehashi.vulns.publication.AdvisoryPublication;
import org.kakehashi.vulns.publication.PublishedAdvisories;
import org.kakehashi.vulns.publication.Readiness;
import org.kakehashi.vulns.internal.VulnCases;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A product case's advisory over REST (coordinators): the draft, what it lacks, publication once the agreed moment has
 * come, and revisions. The published documents themselves are public under {@code /public/advisories/}.
 */
@RestController
@Tag(name = "Vulnerability advisories")
class AdvisoryApi {

	private final VulnCases cases;
	private final AdvisoryDrafts drafts;
	private final AdvisoryPublication publication;
	private final PublishedAdvisories published;
	private final MessageSource messages;

	AdvisoryApi(VulnCases cases, AdvisoryDrafts drafts, AdvisoryPublication publication, PublishedAdvisories published,
			MessageSource messages) {
		this.cases = cases;
		this.drafts = drafts;
		this.publication = publication;
		this.published = published;
		this.messages = messages;
	}

	record Missing(String key, String message) {
	}

	record State(AdvisoryDraft draft, boolean ready, List<Missing> missing, @Nullable AdvisoryPage published) {
	}

	record Outcome(boolean published, int revision, List<Missing> missing) {
	}

	record RevisionInput(@Nullable String summary) {
	}

	/** The draft as sent; missing texts count as empty. */
	record DraftInput(@Nullable String titleJa, @Nullable String titleEn, @Nullable String summaryJa,
			@Nullable String summaryEn, @Nullable String impactJa, @Nullable String impactEn, @Nullable String solutionJa,
			@Nullable String solutionEn, @Nullable String referenceLines, @Nullable String credit) {

		AdvisoryDraft draft() {
			return new AdvisoryDraft(t(titleJa), t(titleEn), t(summaryJa), t(summaryEn), t(impactJa), t(impactEn),
					t(solutionJa), t(solutionEn), t(referenceLines), t(credit), null);
		}

		private static String t(@Nullable String value) {
			return VulnCaseJson.text(value);
		}
	}

	@GetMapping("/api/v1/vuln-cases/{id}/advisory")
	@PreAuthorize("hasAuthority('SCOPE_vulns:read')")
	@Operation(summary = "The advisory's draft, what it still lacks and its published page if any (coordinators; scope vulns:read)")
	State state(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		return state(CaseViewer.of(user), id);
	}

	@PutMapping("/api/v1/vuln-cases/{id}/advisory")
	@PreAuthorize("hasAuthority('SCOPE_vulns:write')")
	@Operation(summary = "Save the advisory's draft: ja/en title, summary, impact, solution, reference lines, credit "
			+ "(coordinators; scope vulns:write)")
	State save(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id, @RequestBody DraftInput draft) {
		var viewer = CaseViewer.of(user);
		drafts.save(viewer, id, draft.draft());
		return state(viewer, id);
	}

	@PostMapping("/api/v1/vuln-cases/{id}/advisory/publication")
	@PreAuthorize("hasAuthority('SCOPE_vulns:write')")
	@Operation(summary = "Publish now: only once the agreed moment has come (409 before it); answers what is missing "
			+ "when the advisory is not ready (coordinators; scope vulns:write)")
	ResponseEntity<Outcome> publish(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		var outcome = publication.publishNow(CaseViewer.of(user), id);
		return ResponseEntity.status(outcome.published() ? 201 : 409).body(outcome(outcome));
	}

	@PostMapping("/api/v1/vuln-cases/{id}/advisory/revisions")
	@PreAuthorize("hasAuthority('SCOPE_vulns:write')")
	@Operation(summary = "Publish a new revision of a published advisory, with a summary of what changed "
			+ "(coordinators; scope vulns:write)")
	ResponseEntity<Outcome> revise(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody RevisionInput input) {
		var outcome = publication.republish(CaseViewer.of(user), id, input.summary() == null ? "" : input.summary());
		return ResponseEntity.status(outcome.published() ? 201 : 409).body(outcome(outcome));
	}

	private State state(CaseViewer viewer, UUID id) {
		var found = cases.find(viewer, id).orElseThrow(VulnCases.CaseNotFound::new);
		var readiness = drafts.readiness(viewer, id);
		return new State(drafts.draft(viewer, id), readiness.ready(), missing(readiness),
				published.page(AdvisoryDrafts.slug(found.number()), null).orElse(null));
	}

	private Outcome outcome(AdvisoryPublication.Outcome outcome) {
		return new Outcome(outcome.published(), outcome.revision(), missing(outcome.readiness()));
	}

	private List<Missing> missing(Readiness readiness) {
		var locale = LocaleContextHolder.getLocale();
		return readiness.missing().stream()
			.map(m -> new Missing(m.messageKey(), messages.getMessage(m.messageKey(), m.arguments(), locale))).toList();
	}
}
