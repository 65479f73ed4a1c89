package org.kakehashi.sharing.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.platform.Ids;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.Page;
import org.kakehashi.reporting.Viewer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The receiving side of sharing: a user's inbox (what their organisation, or they by name, received), read
 * marks, feedback to the hub, the CEPTOAR relay view and the public TLP:CLEAR list. Reading an item itself goes
 * through {@link SharedItems#view}, which marks and audits the read.
 */
@Service
public class Inbox {

	/** The PostgreSQL notification channel publications are announced on (see {@code DatabaseNotifications}). */
	public static final String CHANNEL = SharingDao.CHANNEL;


	/** Feedback is a comment, not a report: long enough for a paragraph or two. */
	public static final int MAX_FEEDBACK = 4000;

	private final InboxDao dao;
	private final AuditLog audit;
	private final Clock clock;

	Inbox(InboxDao dao, AuditLog audit, Clock clock) {
		this.dao = dao;
		this.audit = audit;
		this.clock = clock;
	}

	/** Newest publication first. */
	@Transactional(readOnly = true)
	public Page<InboxEntry> list(Viewer viewer, InboxQuery query, int page, int size) {
		var checked = check(query);
		var total = dao.countInbox(viewer, checked);
		return new Page<>(dao.inbox(viewer, checked, page * size, size), page, size, total);
	}

	@Transactional(readOnly = true)
	public int unreadCount(Viewer viewer) {
		return dao.unreadCount(viewer);
	}

	/** Marks a received item read without opening it; false when the viewer did not receive it. */
	@Transactional
	public boolean markRead(Viewer viewer, UUID id) {
		if (!dao.received(viewer, id)) {
			return false;
		}
		dao.markRead(viewer, id, Instant.now(clock));
		return true;
	}

	/** Returns how many items were newly marked. */
	@Transactional
	public int markAllRead(Viewer viewer) {
		return dao.markAllRead(viewer, Instant.now(clock));
	}

	/** For the live stream: which of the connected users received the item, with their new unread counts. */
	@Transactional(readOnly = true)
	public List<Arrival> arrivals(UUID itemId, Collection<UUID> connectedUsers) {
		return connectedUsers.isEmpty() ? List.of() : dao.arrivals(itemId, connectedUsers);
	}

	/** A recipient comments back to the hub. The audit entry names the item, never the text. */
	@Transactional
	public Feedback giveFeedback(Viewer viewer, UUID id, @Nullable String body) {
		var access = dao.access(viewer, id).filter(InboxDao.ItemAccess::received)
			.orElseThrow(SharedItems.ItemNotFound::new);
		var text = body == null ? "" : body.strip();
		if (text.isEmpty()) {
			throw new InvalidInput("body", "inbox.error.feedback-required", "Write your comment.");
		}
		if (text.length() > MAX_FEEDBACK) {
			throw new InvalidInput("body", "inbox.error.feedback-too-long", "At most " + MAX_FEEDBACK + " characters.");
		}
		var feedbackId = Ids.newId(clock);
		dao.insertFeedback(feedbackId, id, viewer, text, Instant.now(clock));
		audit.record("sharing.feedback-given", "shared_item", id, Map.of("number", access.number()));
		return dao.feedback(id, viewer.organisationId()).stream().filter(f -> f.id().equals(feedbackId)).findFirst()
			.orElseThrow();
	}

	/**
	 * Feedback on an item: the hub's staff see every organisation's; a recipient sees only its own
	 * organisation's. Anyone else gets "not found", as for an item that does not exist.
	 */
	@Transactional(readOnly = true)
	public List<Feedback> feedback(Viewer viewer, UUID id) {
		var access = dao.access(viewer, id).orElseThrow(SharedItems.ItemNotFound::new);
		if (ItemVisibility.hubStaff(viewer) && access.hubOrganisationId().equals(viewer.organisationId())) {
			return dao.feedback(id, null);
		}
		if (access.received()) {
			return dao.feedback(id, viewer.organisationId());
		}
		throw new SharedItems.ItemNotFound();
	}

	/** Every organisation's feedback, for staff of the item's hub only (the hub's item page). */
	@Transactional(readOnly = true)
	public List<Feedback> hubFeedback(Viewer viewer, UUID id) {
		dao.access(viewer, id)
			.filter(a -> ItemVisibility.hubStaff(viewer) && a.hubOrganisationId().equals(viewer.organisationId()))
			.orElseThrow(SharedItems.ItemNotFound::new);
		return dao.feedback(id, null);
	}

	/** Whether the viewer may open the relay view: their organisation is a CEPTOAR in a CEPTOAR group. */
	@Transactional(readOnly = true)
	public boolean relays(Viewer viewer) {
		return viewer.is(org.kakehashi.identity.OrganisationType.CEPTOAR) && dao.ceptoarMember(viewer);
	}

	/** The CEPTOAR's received items, newest first, each with its group members' receipt and first read. */
	@Transactional(readOnly = true)
	public Page<RelayItem> relay(Viewer viewer, int page, int size) {
		if (!relays(viewer)) {
			throw new org.springframework.security.access.AccessDeniedException(
					"The relay view is for members of a CEPTOAR organisation in a CEPTOAR group.");
		}
		var query = InboxQuery.all();
		var entries = dao.inbox(viewer, query, page * size, size);
		var members = dao.relayMembers(viewer, entries.stream().map(InboxEntry::id).toList());
		var items = entries.stream().map(e -> new RelayItem(e, members.getOrDefault(e.id(), List.of()))).toList();
		return new Page<>(items, page, size, dao.countInbox(viewer, query));
	}

	@Transactional(readOnly = true)
	public Page<PublicItem> publicItems(int page, int size) {
		return new Page<>(dao.publicItems(page * size, size), page, size, dao.countPublic());
	}

	@Transactional(readOnly = true)
	public java.util.Optional<PublicItem> publicItem(UUID id) {
		return dao.publicItem(id);
	}

	private static InboxQuery check(InboxQuery query) {
		var text = query.text() == null || query.text().isBlank() ? null : query.text().strip();
		if (text != null && text.length() > InboxQuery.MAX_TEXT) {
			throw new InvalidInput("q", "inbox.error.text-too-long", "At most " + InboxQuery.MAX_TEXT + " characters.");
		}
		if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
			throw new InvalidInput("to", "inbox.error.range", "The end of the range comes after its start.");
		}
		return new InboxQuery(text, query.tlp(), query.unreadOnly(), query.withdrawn(), query.from(), query.to());
	}
}
