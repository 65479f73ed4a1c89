package org.kakehashi.warnings.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.Directory;
import org.kakehashi.platform.Ids;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.warnings.WarningPublished;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The life of a warning: a sender's staff drafts it, a second person reviews it (unless review is switched off),
 * it is published to the recipients its agreements and additions give, updated (each revision recorded with what
 * changed) and perhaps withdrawn. Recipients open, acknowledge and report what they did. Every step is one
 * transaction with its audit entry (never the text); deliveries leave through the outbox after commit.
 */
@Service
public class Warnings {

	private final WarningsDao dao;
	private final TrackingDao tracking;
	private final AuditLog audit;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final Directory directory;
	private final WarningsProperties settings;
	private final KakehashiProperties properties;
	private final JsonMapper json;

	Warnings(WarningsDao dao, TrackingDao tracking, AuditLog audit, ApplicationEventPublisher events, Clock clock,
			Directory directory, WarningsProperties settings, KakehashiProperties properties, JsonMapper json) {
		this.dao = dao;
		this.tracking = tracking;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		this.directory = directory;
		this.settings = settings;
		this.properties = properties;
		this.json = json;
	}

	public boolean reviewRequired() {
		return settings.reviewRequired();
	}

	@Transactional
	public Warning create(WarningViewer viewer, WarningContent content) {
		requireSender(viewer);
		var checked = check(content);
		var now = Instant.now(clock);
		var id = Ids.newId(clock);
		var number = dao.nextNumber(now.atZone(ZoneOffset.UTC).getYear());
		dao.insert(id, number, viewer.organisationId(), viewer.userId(), checked, now);
		audit.record("warnings.created", "warning", id, Map.of("number", number, "urgency", checked.urgency().name(),
				"tlp", checked.tlp().name()));
		return dao.lock(id).orElseThrow();
	}

	/**
	 * Replaces a draft's content. A change after a review asks for a new one; {@code basedOnRevision}, when given,
	 * refuses to overwrite someone else's newer edit.
	 */
	@Transactional
	public Warning update(WarningViewer viewer, UUID id, WarningContent content, @Nullable Integer basedOnRevision) {
		var warning = own(viewer, id);
		if (!warning.status().editable()) {
			throw conflict("warnings.error.state-edit", "A published warning changes through an update (revise).");
		}
		requireRevision(warning, basedOnRevision);
		var checked = check(content);
		var now = Instant.now(clock);
		dao.writeContent(id, checked, viewer.userId(), now, true);
		if (warning.status() == WarningStatus.APPROVED) {
			dao.setStatus(id, WarningStatus.IN_REVIEW, now);
		}
		audit.record("warnings.edited", "warning", id, Map.of("number", warning.number(),
				"revision", String.valueOf(warning.revision() + 1)));
		return dao.lock(id).orElseThrow();
	}

	/** Asks a colleague to review the current revision. */
	@Transactional
	public Warning requestReview(WarningViewer viewer, UUID id) {
		var warning = own(viewer, id);
		if (warning.status() != WarningStatus.DRAFT) {
			throw conflict("warnings.error.state-review", "Only a draft is sent for review.");
		}
		WarningRules.checkPublishable(warning.content());
		dao.setStatus(id, WarningStatus.IN_REVIEW, Instant.now(clock));
		audit.record("warnings.review-requested", "warning", id, Map.of("number", warning.number()));
		return dao.lock(id).orElseThrow();
	}

	/**
	 * A second person approves the revision under review, or returns it to draft with a comment. The last editor
	 * cannot review their own text.
	 */
	@Transactional
	public Warning review(WarningViewer viewer, UUID id, boolean approve, @Nullable String comment) {
		var warning = own(viewer, id);
		if (warning.status() != WarningStatus.IN_REVIEW) {
			throw conflict("warnings.error.state-not-in-review", "The warning is not waiting for a review.");
		}
		if (viewer.userId().equals(dao.updatedBy(id))) {
			throw new InvalidInput("reviewer", "warnings.error.own-review",
					"Someone other than the last editor reviews a warning.", HttpStatus.CONFLICT);
		}
		var now = Instant.now(clock);
		if (approve) {
			dao.reviewed(id, warning.revision(), viewer.userId(), now);
			audit.record("warnings.reviewed", "warning", id, Map.of("number", warning.number(),
					"revision", String.valueOf(warning.revision())));
		}
		else {
			if (comment == null || comment.isBlank()) {
				throw new InvalidInput("comment", "warnings.error.comment-required", "Say what should change.");
			}
			dao.setStatus(id, WarningStatus.DRAFT, now);
			audit.record("warnings.returned", "warning", id, Map.of("number", warning.number(),
					"comment", comment.strip()));
		}
		return dao.lock(id).orElseThrow();
	}

	/** Whom the warning would reach if published now. */
	@Transactional(readOnly = true)
	public List<WarningsDao.PlannedRecipient> plannedRecipients(WarningViewer viewer, UUID id) {
		var warning = dao.find(id, viewer).filter(w -> isSenderOf(viewer, w)).orElseThrow(WarningNotFound::new);
		return dao.plannedRecipients(warning.id(), today());
	}

	/**
	 * Publishes: resolves recipients, records revision 1, queues e-mails and webhooks and announces the warning to
	 * every node's live inboxes, all in one transaction.
	 */
	@Transactional
	public Warning publish(WarningViewer viewer, UUID id) {
		var warning = own(viewer, id);
		if (!warning.status().editable()) {
			throw conflict("warnings.error.state-publish", "The warning is already published.");
		}
		if (settings.reviewRequired() && (warning.status() != WarningStatus.APPROVED
				|| !Objects.equals(warning.reviewedRevision(), warning.revision()))) {
			throw conflict("warnings.error.review-required", "A second person reviews the warning before it is published.");
		}
		WarningRules.checkPublishable(warning.content());
		var now = Instant.now(clock);
		dao.published(id, viewer.userId(), now);
		dao.snapshot(id, warning.revision(), contentJson(warning.content()), List.of(), "", viewer.userId(), now);
		// Matching the agreements once: a warning reaching nobody rolls the whole publication back.
		var recipients = dao.addRecipients(id, today(), now);
		if (recipients == 0) {
			throw new InvalidInput("additions", "warnings.error.no-recipients",
					"No agreement matches this warning and nobody was added: it would reach no one.",
					HttpStatus.UNPROCESSABLE_ENTITY);
		}
		var queued = dao.enqueue(id, WarningPublished.Kind.PUBLISHED.name(), warning.revision(), now);
		dao.announce(id);
		events.publishEvent(new WarningPublished(id, warning.number(), warning.revision(), WarningPublished.Kind.PUBLISHED));
		audit.record("warnings.published", "warning", id, Map.of("number", warning.number(),
				"recipients", String.valueOf(recipients), "messages", String.valueOf(queued),
				"tlp", warning.content().tlp().name()));
		return dao.lock(id).orElseThrow();
	}

	/**
	 * Changes a published warning: a new revision with what changed, reaching every recipient (and any new one the
	 * agreements now give) at once. Recipients see the change list.
	 */
	@Transactional
	public Warning revise(WarningViewer viewer, UUID id, WarningContent content, String changeNote,
			@Nullable Integer basedOnRevision) {
		var warning = own(viewer, id);
		if (warning.status() != WarningStatus.PUBLISHED) {
			throw conflict("warnings.error.state-revise", "Only a published warning is updated.");
		}
		requireRevision(warning, basedOnRevision);
		var checked = check(content);
		WarningRules.checkPublishable(checked);
		var changed = changed(warning.content(), checked);
		if (changed.isEmpty()) {
			throw new InvalidInput("content", "warnings.error.nothing-changed", "Nothing changed.");
		}
		if (changeNote.isBlank()) {
			throw new InvalidInput("changeNote", "warnings.error.change-note-required",
					"Tell recipients what changed and why.");
		}
		var now = Instant.now(clock);
		var revision = warning.revision() + 1;
		dao.writeContent(id, checked, viewer.userId(), now, true);
		dao.snapshot(id, revision, contentJson(checked), changed, changeNote.strip(), viewer.userId(), now);
		var added = dao.addRecipients(id, today(), now);
		var queued = dao.enqueue(id, WarningPublished.Kind.UPDATED.name(), revision, now);
		dao.announce(id);
		events.publishEvent(new WarningPublished(id, warning.number(), revision, WarningPublished.Kind.UPDATED));
		audit.record("warnings.updated", "warning", id, Map.of("number", warning.number(),
				"revision", String.valueOf(revision), "changed", String.join(",", changed),
				"newRecipients", String.valueOf(added), "messages", String.valueOf(queued)));
		return dao.lock(id).orElseThrow();
	}

	@Transactional
	public Warning withdraw(WarningViewer viewer, UUID id, String reason) {
		var warning = own(viewer, id);
		if (warning.status() != WarningStatus.PUBLISHED) {
			throw conflict("warnings.error.state-withdraw", "Only a published warning can be withdrawn.");
		}
		if (reason.isBlank()) {
			throw new InvalidInput("reason", "warnings.error.reason-required", "Say why the warning is withdrawn.");
		}
		var now = Instant.now(clock);
		dao.withdrawn(id, reason.strip(), now);
		var queued = dao.enqueue(id, WarningPublished.Kind.WITHDRAWN.name(), warning.revision(), now);
		dao.announce(id);
		events.publishEvent(new WarningPublished(id, warning.number(), warning.revision(), WarningPublished.Kind.WITHDRAWN));
		audit.record("warnings.withdrawn", "warning", id, Map.of("number", warning.number(),
				"messages", String.valueOf(queued)));
		return dao.lock(id).orElseThrow();
	}

	/** What a viewer gets for a warning: the sender's full view, or a recipient's. */
	public sealed interface WarningView permits SenderView, ReceivedView {

		Warning warning();
	}

	public record SenderView(Warning warning, List<WarningsDao.RevisionStep> revisions, Map<UUID, String> additionNames)
			implements WarningView {
	}

	/** A recipient: the published text, its history, and what their organisation said about it. */
	public record ReceivedView(Warning warning, List<WarningsDao.RevisionStep> revisions, String senderName,
			TrackingDao.OwnStatus own) implements WarningView {
	}

	/**
	 * The warning as {@code viewer} may see it. A recipient's first look marks it opened for them and their
	 * organisation; reads of TLP:AMBER and AMBER+STRICT warnings are audited (never the text).
	 */
	@Transactional
	public Optional<WarningView> view(WarningViewer viewer, UUID id, boolean english) {
		var found = dao.find(id, viewer);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		var warning = found.get();
		if (isSenderOf(viewer, warning)) {
			return Optional.of(new SenderView(warning, dao.revisions(id),
					dao.organisationNames(warning.content().additions(), english)));
		}
		var now = Instant.now(clock);
		if (tracking.opened(id, viewer.userId(), viewer.organisationId(), now)) {
			dao.announceTracking(id);
		}
		if (warning.content().tlp().auditedOnRead()) {
			audit.record("warnings.read", "warning", id, Map.of("number", warning.number(),
					"tlp", warning.content().tlp().name()));
		}
		var sender = directory.organisation(warning.senderOrganisationId())
			.map(o -> o.name(english ? java.util.Locale.ENGLISH : java.util.Locale.JAPANESE)).orElse("");
		return Optional.of(new ReceivedView(warning, dao.revisions(id), sender,
				tracking.own(id, viewer.organisationId())));
	}

	/** One click: the recipient's organisation has the warning. A later click only changes the comment. */
	@Transactional
	public TrackingDao.OwnStatus acknowledge(WarningViewer viewer, UUID id, @Nullable String comment) {
		var warning = received(viewer, id);
		if (comment != null && comment.length() > WarningRules.TEXT_MAX) {
			throw new InvalidInput("comment", "warnings.error.text-too-long", "Too long.");
		}
		var now = Instant.now(clock);
		tracking.opened(id, viewer.userId(), viewer.organisationId(), now);
		tracking.acknowledge(id, viewer.organisationId(), viewer.userId(), blankToNull(comment), now);
		dao.announceTracking(id);
		audit.record("warnings.acknowledged", "warning", id, Map.of("number", warning.number()));
		return tracking.own(id, viewer.organisationId());
	}

	/** What the recipient's organisation did: not affected, mitigated, in progress or cannot mitigate. */
	@Transactional
	public TrackingDao.OwnStatus reportAction(WarningViewer viewer, UUID id, ActionStatus status, @Nullable String note) {
		var warning = received(viewer, id);
		if (note != null && note.length() > WarningRules.TEXT_MAX) {
			throw new InvalidInput("note", "warnings.error.text-too-long", "Too long.");
		}
		var now = Instant.now(clock);
		tracking.opened(id, viewer.userId(), viewer.organisationId(), now);
		// Reporting an action implies the warning was received.
		tracking.acknowledge(id, viewer.organisationId(), viewer.userId(), null, now);
		tracking.action(id, viewer.organisationId(), viewer.userId(), status, blankToNull(note), now);
		dao.announceTracking(id);
		audit.record("warnings.action-reported", "warning", id, Map.of("number", warning.number(),
				"status", status.name()));
		return tracking.own(id, viewer.organisationId());
	}

	/** The sender's tracking: coverage, each recipient's state, time to acknowledge. */
	@Transactional(readOnly = true)
	public TrackingDao.Tracking tracking(WarningViewer viewer, UUID id) {
		var warning = dao.find(id, viewer).filter(w -> isSenderOf(viewer, w)).orElseThrow(WarningNotFound::new);
		return tracking.tracking(warning.id());
	}

	@Transactional(readOnly = true)
	public List<TrackingDao.RecipientState> recipients(WarningViewer viewer, UUID id, TrackingDao.RecipientFilter filter) {
		var warning = dao.find(id, viewer).filter(w -> isSenderOf(viewer, w)).orElseThrow(WarningNotFound::new);
		return tracking.recipients(warning.id(), filter);
	}

	private Warning received(WarningViewer viewer, UUID id) {
		var warning = dao.find(id, viewer).filter(w -> w.publishedAt() != null)
			.filter(w -> tracking.isRecipient(id, viewer.organisationId())).orElseThrow(WarningNotFound::new);
		if (warning.status() == WarningStatus.WITHDRAWN) {
			throw conflict("warnings.error.withdrawn", "The warning was withdrawn.");
		}
		return warning;
	}

	private Warning own(WarningViewer viewer, UUID id) {
		requireSender(viewer);
		return dao.lock(id).filter(w -> isSenderOf(viewer, w)).orElseThrow(WarningNotFound::new);
	}

	static boolean isSenderOf(WarningViewer viewer, Warning warning) {
		return viewer.senderStaff() && warning.senderOrganisationId().equals(viewer.organisationId());
	}

	private static void requireSender(WarningViewer viewer) {
		if (!viewer.senderStaff()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN,
					"Warnings are sent by analysts and coordinators of the centre, coordinators, ministries and hubs.");
		}
	}

	private static void requireRevision(Warning warning, @Nullable Integer basedOnRevision) {
		if (basedOnRevision != null && basedOnRevision != warning.revision()) {
			throw new InvalidInput("basedOnRevision", "warnings.error.stale",
					"Someone changed the warning meanwhile (now revision " + warning.revision() + ").",
					HttpStatus.CONFLICT);
		}
	}

	private WarningContent check(WarningContent content) {
		var sectors = directory.sectors().stream().map(Directory.SectorRef::code).collect(Collectors.toSet());
		var known = directory.organisations(content.additions()).keySet();
		return WarningRules.check(content, sectors::contains, known::contains);
	}

	private LocalDate today() {
		return LocalDate.now(clock.withZone(properties.timeZone()));
	}

	private String contentJson(WarningContent content) {
		return json.writeValueAsString(content);
	}

	/** The fields a revision changed, by their API names. */
	static List<String> changed(WarningContent before, WarningContent after) {
		var fields = new LinkedHashMap<String, Boolean>();
		fields.put("urgency", before.urgency() != after.urgency());
		fields.put("tlp", before.tlp() != after.tlp());
		fields.put("title", !before.titleJa().equals(after.titleJa()) || !before.titleEn().equals(after.titleEn()));
		fields.put("summary", !before.summaryJa().equals(after.summaryJa()) || !before.summaryEn().equals(after.summaryEn()));
		fields.put("threat", !before.threatJa().equals(after.threatJa()) || !before.threatEn().equals(after.threatEn()));
		fields.put("countermeasures", !before.countermeasuresJa().equals(after.countermeasuresJa())
				|| !before.countermeasuresEn().equals(after.countermeasuresEn()));
		fields.put("affectedProducts", !before.affectedProducts().equals(after.affectedProducts()));
		fields.put("cveIds", !before.cveIds().equals(after.cveIds()));
		fields.put("referenceUrls", !before.referenceUrls().equals(after.referenceUrls()));
		fields.put("scope", !before.sectors().equals(after.sectors()) || !before.topics().equals(after.topics())
				|| !before.keywords().equals(after.keywords()));
		fields.put("indicators", !before.indicators().equals(after.indicators()));
		fields.put("additions", !before.additions().equals(after.additions()));
		var out = new ArrayList<String>();
		fields.forEach((name, differs) -> {
			if (differs) {
				out.add(name);
			}
		});
		return out;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static InvalidInput conflict(String key, String message) {
		return new InvalidInput("status", key, message, HttpStatus.CONFLICT);
	}

	/** A warning that does not exist or that the viewer may not see: the same answer for both. */
	public static final class WarningNotFound extends ResponseStatusException {

		public WarningNotFound() {
			super(HttpStatus.NOT_FOUND, "No such warning.");
		}
	}
}
