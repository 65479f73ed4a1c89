package org.kakehashi.warnings.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.IdempotentRequests;
import org.kakehashi.platform.web.PageJson;
import org.kakehashi.warnings.internal.TrackingDao;
import org.kakehashi.warnings.internal.Warning;
import org.kakehashi.warnings.internal.WarningLists;
import org.kakehashi.warnings.internal.WarningStatus;
import org.kakehashi.warnings.internal.WarningViewer;
import org.kakehashi.warnings.internal.Warnings;
import org.kakehashi.warnings.internal.Warnings.WarningNotFound;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Early warnings over REST, for senders: compose, review, see whom it would reach, publish, update, withdraw,
 * and track who opened, acknowledged and acted. A recipient reading a warning gets the recipient view. A warning
 * the caller may not see answers 404.
 */
@RestController
@Tag(name = "Warnings")
class WarningsApi {

	private static final String SENDER = "hasAnyRole('ANALYST', 'COORDINATOR') and hasAuthority('SCOPE_warnings:";

	private final Warnings warnings;
	private final WarningLists lists;
	private final IdempotentRequests idempotent;

	WarningsApi(Warnings warnings, WarningLists lists, IdempotentRequests idempotent) {
		this.warnings = warnings;
		this.lists = lists;
		this.idempotent = idempotent;
	}

	@GetMapping("/api/v1/warnings")
	@PreAuthorize(SENDER + "read')")
	@Operation(summary = "Your organisation's warnings, newest change first (sender staff, scope warnings:read)")
	PageJson<WarningLists.SentLine> list(@AuthenticationPrincipal KakehashiUser user,
			@RequestParam(required = false) @Nullable String status, @RequestParam(required = false) @Nullable String q,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		var filter = status == null || status.isBlank() ? null : WarningJson.parse(WarningStatus.class, status, "status");
		return PageJson.of(lists.sent(WarningViewer.of(user), filter, q, PageJson.page(page), PageJson.size(size)),
				line -> line);
	}

	@PostMapping("/api/v1/warnings")
	@PreAuthorize(SENDER + "write')")
	@Operation(summary = "Draft a warning (sender staff, scope warnings:write; honours Idempotency-Key)")
	ResponseEntity<WarningJson.SenderOutput> create(@AuthenticationPrincipal KakehashiUser user,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
			@RequestBody WarningJson.Input input) {
		var viewer = WarningViewer.of(user);
		var outcome = idempotent.once(user.id(), "POST /api/v1/warnings", key, input, WarningJson.SenderOutput.class,
				() -> sender(viewer, warnings.create(viewer, input.content())));
		return ResponseEntity.created(URI.create("/api/v1/warnings/" + outcome.body().id()))
			.header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
			.body(outcome.body());
	}

	@GetMapping("/api/v1/warnings/{id}")
	@PreAuthorize("hasAuthority('SCOPE_warnings:read')")
	@Operation(summary = "One warning: the sender's full view, or a recipient's (opening it counts as read; reads "
			+ "of TLP:AMBER are audited; scope warnings:read)")
	Object get(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		var view = warnings.view(WarningViewer.of(user), id, false).orElseThrow(WarningNotFound::new);
		if (view instanceof Warnings.SenderView sender) {
			return WarningJson.SenderOutput.of(sender.warning(), sender.revisions());
		}
		return WarningJson.RecipientOutput.of((Warnings.ReceivedView) view);
	}

	@PutMapping("/api/v1/warnings/{id}")
	@PreAuthorize(SENDER + "write')")
	@Operation(summary = "Replace a draft's content; after a review it needs another (sender staff, scope "
			+ "warnings:write; basedOnRevision guards against overwriting a newer edit)")
	WarningJson.SenderOutput update(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody WarningJson.Input input) {
		var viewer = WarningViewer.of(user);
		return sender(viewer, warnings.update(viewer, id, input.content(), input.basedOnRevision()));
	}

	@PostMapping("/api/v1/warnings/{id}/review-request")
	@PreAuthorize(SENDER + "write')")
	@Operation(summary = "Send the draft for review by a colleague (sender staff, scope warnings:write)")
	WarningJson.SenderOutput requestReview(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		var viewer = WarningViewer.of(user);
		return sender(viewer, warnings.requestReview(viewer, id));
	}

	@PostMapping("/api/v1/warnings/{id}/review")
	@PreAuthorize(SENDER + "write')")
	@Operation(summary = "Approve the revision under review, or return it with a comment; not by its last editor "
			+ "(sender staff, scope warnings:write)")
	WarningJson.SenderOutput review(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody WarningJson.Review review) {
		var viewer = WarningViewer.of(user);
		return sender(viewer, warnings.review(viewer, id, Boolean.TRUE.equals(review.approve()), review.comment()));
	}

	@GetMapping("/api/v1/warnings/{id}/planned-recipients")
	@PreAuthorize(SENDER + "read')")
	@Operation(summary = "Whom the warning would reach if published now: matching agreements and additions "
			+ "(sender staff, scope warnings:read)")
	List<WarningJson.Planned> planned(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		return warnings.plannedRecipients(WarningViewer.of(user), id).stream().map(WarningJson.Planned::of).toList();
	}

	@PostMapping("/api/v1/warnings/{id}/publication")
	@PreAuthorize(SENDER + "write')")
	@Operation(summary = "Publish: recipients resolved, inboxes, e-mails, webhooks and TAXII follow (sender staff, "
			+ "scope warnings:write; needs a review unless switched off, and countermeasures)")
	WarningJson.SenderOutput publish(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		var viewer = WarningViewer.of(user);
		return sender(viewer, warnings.publish(viewer, id));
	}

	@PostMapping("/api/v1/warnings/{id}/revisions")
	@PreAuthorize(SENDER + "write')")
	@Operation(summary = "Update a published warning: a new revision with a change note, sent to every recipient "
			+ "(sender staff, scope warnings:write)")
	WarningJson.SenderOutput revise(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody WarningJson.Input input) {
		var viewer = WarningViewer.of(user);
		return sender(viewer, warnings.revise(viewer, id, input.content(),
				input.changeNote() == null ? "" : input.changeNote(), input.basedOnRevision()));
	}

	@PostMapping("/api/v1/warnings/{id}/withdrawal")
	@PreAuthorize(SENDER + "write')")
	@Operation(summary = "Withdraw a published warning with a reason (sender staff, scope warnings:write)")
	WarningJson.SenderOutput withdraw(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody WarningJson.Withdrawal withdrawal) {
		var viewer = WarningViewer.of(user);
		return sender(viewer, warnings.withdraw(viewer, id, withdrawal.reason() == null ? "" : withdrawal.reason()));
	}

	@GetMapping("/api/v1/warnings/{id}/tracking")
	@PreAuthorize(SENDER + "read')")
	@Operation(summary = "Coverage: opened, acknowledged, acted, reminders, escalations, messages and the "
			+ "time-to-acknowledge distribution (sender staff, scope warnings:read)")
	TrackingDao.Tracking tracking(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		return warnings.tracking(WarningViewer.of(user), id);
	}

	@GetMapping("/api/v1/warnings/{id}/recipients")
	@PreAuthorize(SENDER + "read')")
	@Operation(summary = "Each recipient organisation's state; filter ALL, SILENT, UNOPENED, ACKNOWLEDGED, ACTED "
			+ "(sender staff, scope warnings:read)")
	List<WarningJson.Recipient> recipients(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "ALL") String filter) {
		return warnings.recipients(WarningViewer.of(user), id,
				WarningJson.parse(TrackingDao.RecipientFilter.class, filter, "filter")).stream()
			.map(WarningJson.Recipient::of).toList();
	}

	private WarningJson.SenderOutput sender(WarningViewer viewer, Warning warning) {
		var view = warnings.view(viewer, warning.id(), false).orElseThrow(WarningNotFound::new);
		if (view instanceof Warnings.SenderView sender) {
			return WarningJson.SenderOutput.of(sender.warning(), sender.revisions());
		}
		throw new WarningNotFound();
	}
}
