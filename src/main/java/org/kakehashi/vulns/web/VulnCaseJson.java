package org.kakehashi.vulns.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.vulns.internal.CaseKind;
import org.kakehashi.vulns.internal.CaseReport;
import org.kakehashi.vulns.internal.CaseStatus;
import org.kakehashi.vulns.internal.CaseTransition;
import org.kakehashi.vulns.internal.CaseViewer;
import org.kakehashi.vulns.internal.Outcome;
import org.kakehashi.vulns.internal.TransitionRequest;
import org.kakehashi.vulns.internal.VulnCase;
import org.kakehashi.vulns.internal.CaseLine;

/** The API's payloads: never the stored rows themselves. */
final class VulnCaseJson {

	private VulnCaseJson() {
	}

	/** A finder's report. Missing text fields count as empty. */
	record Report(@Nullable CaseKind kind, @Nullable Boolean ics, @Nullable String vendorName,
			@Nullable String productName, @Nullable String versions, @Nullable String siteUrl, @Nullable String title,
			@Nullable String description, @Nullable String reproduction, @Nullable String impact,
			@Nullable String suggestedCvss, @Nullable Boolean consentCredit, @Nullable Boolean consentShareWithVendor) {

		CaseReport report() {
			return new CaseReport(kind, Boolean.TRUE.equals(ics), text(vendorName), text(productName), text(versions),
					text(siteUrl), text(title), text(description), text(reproduction), text(impact), text(suggestedCvss),
					Boolean.TRUE.equals(consentCredit), Boolean.TRUE.equals(consentShareWithVendor));
		}
	}

	/**
	 * A move. {@code publicationAt} is the agreed wall-clock time ({@code 2026-12-01T10:00}) in
	 * {@code publicationZone} (an IANA zone such as {@code Asia/Tokyo}).
	 */
	record Transition(@Nullable CaseStatus to, @Nullable String reason, @Nullable Boolean reasonVisibleToFinder,
			@Nullable Outcome outcome, @Nullable LocalDate firstVendorContactOn, @Nullable LocalDateTime publicationAt,
			@Nullable String publicationZone) {

		TransitionRequest request() {
			return new TransitionRequest(to, text(reason), Boolean.TRUE.equals(reasonVisibleToFinder), outcome,
					firstVendorContactOn, publicationAt, publicationZone);
		}
	}

	/** The answer to a filing: what the finder keeps. */
	record Filed(UUID id, String number, CaseStatus status, Instant createdAt) {

		static Filed of(VulnCase c) {
			return new Filed(c.id(), c.number(), c.status(), c.createdAt());
		}
	}

	record Step(@Nullable CaseStatus from, CaseStatus to, @Nullable Outcome outcome, @Nullable String reason,
			@Nullable Boolean visibleToFinder, @Nullable UUID byUserId, @Nullable String byName, Instant at) {

		static Step of(CaseTransition t, boolean coordinator) {
			if (coordinator) {
				return new Step(t.from(), t.to(), t.outcome(), t.reason(), t.visibleToFinder(), t.byUserId(), t.byName(),
						t.at());
			}
			return new Step(t.from(), t.to(), t.outcome(), t.reason().isEmpty() ? null : t.reason(), null, null, null,
					t.at());
		}
	}

	/** One case: the reported fields, where it stands, and its history as the caller may see it. */
	record Case(UUID id, String number, CaseKind kind, boolean ics, String vendorName, String productName,
			String versions, String siteUrl, String title, String description, String reproduction, String impact,
			String suggestedCvss, boolean consentCredit, boolean consentShareWithVendor, CaseStatus status,
			@Nullable Outcome outcome, @Nullable LocalDate firstVendorContactOn, @Nullable Instant publicationAt,
			@Nullable String publicationZone, @Nullable String publicationLocal, List<CaseStatus> allowedNext,
			Instant createdAt, Instant updatedAt, List<Step> history) {

		static Case of(VulnCase c, List<CaseTransition> history, CaseViewer viewer) {
			var publication = c.publication();
			return new Case(c.id(), c.number(), c.kind(), c.ics(), c.vendorName(), c.productName(), c.versions(),
					c.siteUrl(), c.title(), c.description(), c.reproduction(), c.impact(), c.suggestedCvss(),
					c.consentCredit(), c.consentShareWithVendor(), c.status(), c.outcome(), c.firstVendorContactOn(),
					c.publicationAt(), c.publicationZone(),
					publication == null ? null : publication.toLocalDateTime().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME),
					viewer.coordinator() ? List.copyOf(c.status().next(c.kind())) : List.of(), c.createdAt(), c.updatedAt(),
					history.stream().map(t -> Step.of(t, viewer.coordinator())).toList());
		}
	}

	record Line(UUID id, String number, CaseKind kind, boolean ics, String title, String vendorName, String productName,
			String siteUrl, CaseStatus status, @Nullable Outcome outcome, Instant createdAt, Instant updatedAt) {

		static Line of(CaseLine l) {
			return new Line(l.id(), l.number(), l.kind(), l.ics(), l.title(), l.vendorName(), l.productName(),
					l.siteUrl(), l.status(), l.outcome(), l.createdAt(), l.updatedAt());
		}
	}

	/** A text field the request left out counts as empty. */
	static String text(@Nullable String value) {
		return value == null ? "" : value;
	}
}
