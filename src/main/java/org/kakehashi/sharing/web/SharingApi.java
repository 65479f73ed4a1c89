package org.kakehashi.sharing.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.IdempotentRequests;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.web.PageJson;
import org.kakehashi.sharing.internal.ApprovalStep;
import org.kakehashi.sharing.internal.ItemStatus;
import org.kakehashi.sharing.internal.SharedItem;
import org.kakehashi.sharing.internal.SharedItems;
import org.kakehashi.sharing.internal.SharedItems.ItemNotFound;
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
 * Shared items over REST: the hub drafts, edits, asks for approval, checks re-identification, publishes and
 * withdraws; a source approves or asks for changes; recipients read. An item the caller may not see answers 404.
 */
@RestController
@Tag(name = "Sharing")
class SharingApi {

	private final SharedItems items;
	private final IdempotentRequests idempotent;

	SharingApi(SharedItems items, IdempotentRequests idempotent) {
		this.items = items;
		this.idempotent = idempotent;
	}

	@GetMapping("/api/v1/shared-items")
	@PreAuthorize("hasAnyRole('ANALYST', 'COORDINATOR') and hasAuthority('SCOPE_sharing:read')")
	@Operation(summary = "Your hub's shared items, newest change first (hub analysts and coordinators, scope sharing:read)")
	PageJson<ItemJson.HubOutput> list(@AuthenticationPrincipal KakehashiUser user,
			@RequestParam(required = false) @Nullable String status, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		if (page < 0) {
			throw new InvalidInput("page", "sharing.error.page", "page is 0 or more.");
		}
		if (size < 1 || size > 200) {
			throw new InvalidInput("size", "sharing.error.size", "size is between 1 and 200.");
		}
		var filter = status == null || status.isBlank() ? null : ItemJson.parse(ItemStatus.class, status, "status");
		var result = items.hubItems(items.viewer(user), filter, page, size);
		return PageJson.of(result, item -> ItemJson.HubOutput.of(item, List.of(), java.util.Map.of()));
	}

	@PostMapping("/api/v1/shared-items")
	@PreAuthorize("hasAnyRole('ANALYST', 'COORDINATOR') and hasAuthority('SCOPE_sharing:write')")
	@Operation(summary = "Draft a shared item, from reports (reportIds) or from scratch (hub analysts and coordinators, "
			+ "scope sharing:write; honours Idempotency-Key)")
	ResponseEntity<ItemJson.HubOutput> create(@AuthenticationPrincipal KakehashiUser user,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
			@RequestBody ItemJson.Input input) {
		var viewer = items.viewer(user);
		var outcome = idempotent.once(user.id(), "POST /api/v1/shared-items", key, input, ItemJson.HubOutput.class,
				() -> hub(items.create(viewer, input.content(),
						input.reportIds() == null ? List.of() : input.reportIds()), user));
		return ResponseEntity.created(URI.create("/api/v1/shared-items/" + outcome.body().id()))
			.header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
			.body(outcome.body());
	}

	@GetMapping("/api/v1/shared-items/{id}")
	@PreAuthorize("hasAuthority('SCOPE_sharing:read')")
	@Operation(summary = "One shared item as you may see it: the hub's full view, a source's approval view, or a "
			+ "recipient's view (scope sharing:read; reads of TLP:RED and AMBER are audited)")
	Object get(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		var view = items.view(items.viewer(user), id).orElseThrow(ItemNotFound::new);
		if (view instanceof SharedItems.HubView hub) {
			return ItemJson.HubOutput.of(hub.item(), steps(hub.approvals(), hub.item()), hub.audienceLabels());
		}
		if (view instanceof SharedItems.SourceView source) {
			var t = source.text();
			return new ItemJson.SourceOutput("source", t.id(), t.number(), source.status().name(), source.revision(),
					t.tlp().label(), t.language(), t.title(), t.body(), t.analysis(), t.countermeasures(),
					t.observables(), source.disclosedSectors(), source.disclosedPrefecture(),
					source.disclosedSizeClass(), source.approvals().stream()
						.map(s -> new ItemJson.Step(s.revision(), s.decision(), s.comment(),
								s.organisationId().equals(t.hubOrganisationId()), s.decidedAt()))
						.toList());
		}
		return ItemJson.RecipientOutput.of(((SharedItems.ReceivedView) view).item());
	}

	@PutMapping("/api/v1/shared-items/{id}")
	@PreAuthorize("hasAnyRole('ANALYST', 'COORDINATOR') and hasAuthority('SCOPE_sharing:write')")
	@Operation(summary = "Replace the item's content before publication; voids a given approval (hub staff, scope "
			+ "sharing:write; basedOnRevision guards against overwriting a newer edit)")
	ItemJson.HubOutput update(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody ItemJson.Input input) {
		return hub(items.update(items.viewer(user), id, input.content(), input.basedOnRevision()), user);
	}

	@PostMapping("/api/v1/shared-items/{id}/approval-requests")
	@PreAuthorize("hasAnyRole('ANALYST', 'COORDINATOR') and hasAuthority('SCOPE_sharing:write')")
	@Operation(summary = "Ask the source organisations to approve the current revision (hub staff, scope sharing:write)")
	ItemJson.HubOutput requestApproval(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		return hub(items.requestApproval(items.viewer(user), id), user);
	}

	@PostMapping("/api/v1/shared-items/{id}/approval")
	@PreAuthorize("hasAnyRole('REPORTER', 'ORG_ADMIN') and hasAuthority('SCOPE_sharing:write')")
	@Operation(summary = "Approve the revision you were shown, as the source (reporters and administrators of a "
			+ "source organisation, scope sharing:write)")
	ResponseEntity<Void> approve(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody ItemJson.Decision decision) {
		items.approve(items.viewer(user), id, decision.requireRevision(), decision.comment());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/shared-items/{id}/change-requests")
	@PreAuthorize("hasAnyRole('REPORTER', 'ORG_ADMIN') and hasAuthority('SCOPE_sharing:write')")
	@Operation(summary = "Ask the hub to change the text, as the source; the comment is required (scope sharing:write)")
	ResponseEntity<Void> requestChanges(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody ItemJson.Decision decision) {
		items.requestChanges(items.viewer(user), id, decision.requireRevision(),
				decision.comment() == null ? "" : decision.comment());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/shared-items/{id}/guard")
	@PreAuthorize("hasAnyRole('ANALYST', 'COORDINATOR') and hasAuthority('SCOPE_sharing:read')")
	@Operation(summary = "The re-identification check: how many organisations in the audience share what the item "
			+ "discloses, against k (hub staff, scope sharing:read)")
	ItemJson.Guard guard(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		return ItemJson.Guard.of(items.guard(items.viewer(user), id));
	}

	@PostMapping("/api/v1/shared-items/{id}/publication")
	@PreAuthorize("hasAnyRole('ANALYST', 'COORDINATOR') and hasAuthority('SCOPE_sharing:write')")
	@Operation(summary = "Publish to the audience: needs the source's approval of this revision and a passing "
			+ "re-identification check, or a reason to override each (hub staff, scope sharing:write)")
	ItemJson.HubOutput publish(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody(required = false) ItemJson.@Nullable Publication publication) {
		var given = publication == null ? new ItemJson.Publication(null, null) : publication;
		return hub(items.publish(items.viewer(user), id, given.approvalOverrideReason(), given.guardOverrideReason()),
				user);
	}

	@PostMapping("/api/v1/shared-items/{id}/withdrawal")
	@PreAuthorize("hasAnyRole('ANALYST', 'COORDINATOR') and hasAuthority('SCOPE_sharing:write')")
	@Operation(summary = "Withdraw a published item with a reason; recipients see it marked withdrawn (hub staff, "
			+ "scope sharing:write)")
	ItemJson.HubOutput withdraw(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody ItemJson.Withdrawal withdrawal) {
		return hub(items.withdraw(items.viewer(user), id, withdrawal.reason() == null ? "" : withdrawal.reason()), user);
	}

	private ItemJson.HubOutput hub(SharedItem item, KakehashiUser user) {
		var view = items.view(items.viewer(user), item.id()).orElseThrow(ItemNotFound::new);
		if (view instanceof SharedItems.HubView hub) {
			return ItemJson.HubOutput.of(hub.item(), steps(hub.approvals(), hub.item()), hub.audienceLabels());
		}
		throw new ItemNotFound();
	}

	private static List<ItemJson.Step> steps(List<ApprovalStep> approvals, SharedItem item) {
		return approvals.stream()
			.map(s -> new ItemJson.Step(s.revision(), s.decision(), s.comment(),
					s.organisationId().equals(item.hubOrganisationId()), s.decidedAt()))
			.toList();
	}
}
