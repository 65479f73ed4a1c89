package org.kakehashi.sharing.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.web.DisplayTime;
import org.kakehashi.platform.web.PageJson;
import org.kakehashi.sharing.internal.Feedback;
import org.kakehashi.sharing.internal.Inbox;
import org.kakehashi.sharing.internal.InboxEntry;
import org.kakehashi.sharing.internal.SharedItems;
import org.kakehashi.sharing.internal.SharedItems.ItemNotFound;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The receiving side over REST: the caller's inbox, unread count, read marks and feedback to the hub. */
@RestController
@Tag(name = "Sharing")
class InboxApi {

	private final Inbox inbox;
	private final SharedItems items;
	private final DisplayTime displayTime;

	InboxApi(Inbox inbox, SharedItems items, DisplayTime displayTime) {
		this.inbox = inbox;
		this.items = items;
		this.displayTime = displayTime;
	}

	record EntryJson(UUID id, String number, String tlp, String title, String hub, Instant publishedAt,
			boolean withdrawn, @Nullable Instant withdrawnAt, @Nullable Instant readByMe,
			@Nullable Instant readByOrganisation) {

		static EntryJson of(InboxEntry e) {
			return new EntryJson(e.id(), e.number(), e.tlp().label(), e.title(), e.hubName(), e.publishedAt(),
					e.withdrawn(), e.withdrawnAt(), e.readByMe(), e.readByOrganisation());
		}
	}

	record FeedbackInput(@Nullable String body) {
	}

	record FeedbackJson(UUID id, String organisation, String author, String body, Instant createdAt) {

		static FeedbackJson of(Feedback f) {
			return new FeedbackJson(f.id(), f.organisationName(), f.author(), f.body(), f.createdAt());
		}
	}

	@GetMapping("/api/v1/inbox")
	@PreAuthorize("hasAuthority('SCOPE_sharing:read')")
	@Operation(summary = "Shared items your organisation (or you by name, for TLP:RED) received, newest first; filters "
			+ "q (number, title, text), tlp, unread, withdrawn (include, exclude, only), from/to (dates, Asia/Tokyo) "
			+ "(any signed-in user, scope sharing:read)")
	PageJson<EntryJson> list(@AuthenticationPrincipal KakehashiUser user, @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String tlp, @RequestParam(defaultValue = "false") boolean unread,
			@RequestParam(required = false) @Nullable String withdrawn,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		if (page < 0) {
			throw new InvalidInput("page", "sharing.error.page", "page is 0 or more.");
		}
		if (size < 1 || size > 200) {
			throw new InvalidInput("size", "sharing.error.size", "size is between 1 and 200.");
		}
		var query = InboxFilters.query(q, tlp, unread, withdrawn, from, to, displayTime.zone());
		return PageJson.of(inbox.list(items.viewer(user), query, page, size), EntryJson::of);
	}

	@GetMapping("/api/v1/inbox/unread-count")
	@PreAuthorize("hasAuthority('SCOPE_sharing:read')")
	@Operation(summary = "How many received, published items you have not opened (any signed-in user, scope sharing:read)")
	Map<String, Integer> unreadCount(@AuthenticationPrincipal KakehashiUser user) {
		return Map.of("unread", inbox.unreadCount(items.viewer(user)));
	}

	@PostMapping("/api/v1/inbox/{id}/read")
	@PreAuthorize("hasAuthority('SCOPE_sharing:read')")
	@Operation(summary = "Mark a received item read without fetching it (recipients, scope sharing:read); 404 if you "
			+ "did not receive it")
	ResponseEntity<Void> markRead(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		if (!inbox.markRead(items.viewer(user), id)) {
			throw new ItemNotFound();
		}
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/shared-items/{id}/feedback")
	@PreAuthorize("hasAuthority('SCOPE_sharing:write')")
	@Operation(summary = "Comment back to the hub on an item you received (recipients, scope sharing:write); only "
			+ "the hub and your own organisation see it")
	ResponseEntity<FeedbackJson> giveFeedback(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestBody FeedbackInput input) {
		var feedback = inbox.giveFeedback(items.viewer(user), id, input.body());
		return ResponseEntity.created(URI.create("/api/v1/shared-items/" + id + "/feedback"))
			.body(FeedbackJson.of(feedback));
	}

	@GetMapping("/api/v1/shared-items/{id}/feedback")
	@PreAuthorize("hasAuthority('SCOPE_sharing:read')")
	@Operation(summary = "Feedback on an item: every organisation's for the hub's staff, your organisation's own for a "
			+ "recipient (scope sharing:read)")
	List<FeedbackJson> feedback(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id) {
		return inbox.feedback(items.viewer(user), id).stream().map(FeedbackJson::of).toList();
	}
}
