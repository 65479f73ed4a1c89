package org.kakehashi.sharing.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.Role;
import org.kakehashi.platform.Ids;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.Mailer;
import org.kakehashi.platform.Page;
import org.kakehashi.reporting.ReportLookup;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.sharing.SharedItemPublished;
import org.kakehashi.sharing.SharedItemWithdrawn;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The life of a shared item: the hub drafts it (from reports or from scratch), asks the sources to approve the
 * sanitised text, publishes it to its audience once approved and not re-identifiable (or with a recorded reason),
 * and may withdraw it. Every step is one transaction with its audit entry; audit entries never carry the text.
 */
@Service
public class SharedItems {

	/** What a viewer gets for an item, by who they are to it. */
	public sealed interface ItemView permits HubView, SourceView, ReceivedView {

		UUID id();
	}

	/** The hub's own view: everything. */
	public record HubView(SharedItem item, List<ApprovalStep> approvals, Map<String, String> audienceLabels)
			implements ItemView {

		@Override
		public UUID id() {
			return item.id();
		}
	}

	/** A source organisation deciding on approval: the text as recipients would see it and what it discloses. */
	public record SourceView(RecipientView text, ItemStatus status, int revision, List<String> disclosedSectors,
			@Nullable String disclosedPrefecture, @Nullable String disclosedSizeClass,
			List<ApprovalStep> approvals) implements ItemView {

		@Override
		public UUID id() {
			return text.id();
		}
	}

	/** A recipient: the published text only. */
	public record ReceivedView(RecipientView item) implements ItemView {

		@Override
		public UUID id() {
			return item.id();
		}
	}

	/** The re-identification check: how many organisations the item could have come from. */
	public record GuardCheck(int lookAlikes, int k, int audienceOrganisations, boolean applies) {

		public boolean passes() {
			return !applies || lookAlikes >= k;
		}
	}

	private final SharingDao dao;
	private final AuditLog audit;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final Directory directory;
	private final ReportLookup reports;
	private final SharingProperties settings;
	private final KakehashiProperties properties;
	private final Mailer mailer;
	private final ItemRules.References references;

	SharedItems(SharingDao dao, AuditLog audit, ApplicationEventPublisher events, Clock clock, Directory directory,
			ReportLookup reports, SharingProperties settings, KakehashiProperties properties, Mailer mailer,
			JdbcClient jdbc) {
		this.dao = dao;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		this.directory = directory;
		this.reports = reports;
		this.settings = settings;
		this.properties = properties;
		this.mailer = mailer;
		var sectors = directory.sectors().stream().map(Directory.SectorRef::code).collect(java.util.stream.Collectors.toSet());
		this.references = new ItemRules.References() {
			@Override
			public boolean sector(String code) {
				return sectors.contains(code);
			}

			@Override
			public boolean group(UUID id) {
				return directory.groupExists(id);
			}

			@Override
			public boolean organisation(UUID id) {
				return directory.organisation(id).isPresent();
			}

			@Override
			public boolean user(UUID id) {
				return jdbc.sql("select exists (select 1 from app_user where id = :id and active)").param("id", id)
					.query(Boolean.class).single();
			}
		};
	}

	public Viewer viewer(org.kakehashi.identity.KakehashiUser user) {
		return reports.viewer(user);
	}

	/**
	 * Starts an item. From reports, the draft begins with the reports' own text, observables (marked as the
	 * source's until the analyst says otherwise) and everything the source's organisation would disclose; the
	 * analyst then redacts and generalises.
	 */
	@Transactional
	public SharedItem create(Viewer viewer, ItemContent content, List<UUID> reportIds) {
		requireHubStaff(viewer);
		var sources = new ArrayList<ReportLookup.ReportSource>();
		for (int i = 0; i < reportIds.size(); i++) {
			var index = i;
			sources.add(reports.source(viewer, reportIds.get(i)).orElseThrow(() -> new InvalidInput(
					"reportIds[" + index + "]", "sharing.error.report-not-found", "No such submitted report.",
					HttpStatus.UNPROCESSABLE_ENTITY)));
		}
		var start = sources.isEmpty() ? content : fromReports(content, sources);
		var checked = ItemRules.check(start, references);
		var now = Instant.now(clock);
		var id = Ids.newId(clock);
		var number = dao.nextNumber(now.atZone(ZoneOffset.UTC).getYear());
		dao.insert(id, number, viewer.organisationId(), viewer.userId(), checked, now);
		sources.forEach(s -> dao.insertSource(id, s.id(), s.organisationId()));
		audit.record("sharing.item-created", "shared_item", id, Map.of("number", number, "tlp", checked.tlp().name(),
				"reports", String.valueOf(sources.size())));
		return dao.lock(id).orElseThrow();
	}

	/** The reports' text and observables fill whatever the analyst left empty. */
	private ItemContent fromReports(ItemContent c, List<ReportLookup.ReportSource> sources) {
		var first = sources.get(0);
		var title = c.title().isBlank() ? first.title() : c.title();
		var body = c.body();
		if (body.isBlank()) {
			var text = new StringBuilder();
			for (var s : sources) {
				var description = "en".equals(c.language()) && !s.descriptionEn().isBlank() ? s.descriptionEn()
						: !s.descriptionJa().isBlank() ? s.descriptionJa() : s.descriptionEn();
				if (!text.isEmpty()) {
					text.append("\n\n");
				}
				text.append(sources.size() > 1 ? s.title() + "\n" : "").append(description);
			}
			body = text.toString();
		}
		var observables = new ArrayList<>(c.observables());
		if (observables.isEmpty()) {
			sources.forEach(s -> s.observables().forEach(
					o -> observables.add(new ItemObservable(o.type(), o.value(), ItemObservable.Role.SOURCE))));
		}
		var sectors = c.disclosedSectors();
		if (sectors.isEmpty()) {
			sectors = sources.stream().flatMap(s -> s.sectors().stream()).distinct().toList();
		}
		return new ItemContent(title, body, c.analysis(), c.countermeasures(), c.language(), c.tlp(), sectors,
				c.disclosedPrefecture(), c.disclosedSizeClass(), observables, c.audience());
	}

	/**
	 * Replaces the content. Any change voids an approval or a pending request (the source approved other text);
	 * {@code basedOnRevision}, when given, refuses to overwrite someone else's newer edit.
	 */
	@Transactional
	public SharedItem update(Viewer viewer, UUID id, ItemContent content, @Nullable Integer basedOnRevision) {
		var item = editable(viewer, id);
		if (basedOnRevision != null && basedOnRevision != item.revision()) {
			throw new InvalidInput("basedOnRevision", "sharing.error.stale",
					"Revision " + item.revision() + " was saved since you started editing; reload it first.",
					HttpStatus.CONFLICT);
		}
		var checked = ItemRules.check(content, references);
		var now = Instant.now(clock);
		dao.writeContent(id, checked, now, true);
		if (item.status() == ItemStatus.AWAITING_APPROVAL || item.status() == ItemStatus.APPROVED) {
			dao.setStatus(id, ItemStatus.DRAFT, now);
		}
		audit.record("sharing.item-edited", "shared_item", id, Map.of("number", item.number(),
				"revision", String.valueOf(item.revision() + 1), "changed", String.join(",", changed(item.content(), checked))));
		return dao.lock(id).orElseThrow();
	}

	/** Applies the analyst's decisions on redaction suggestions to one text field, as one edit. */
	@Transactional
	public SharedItem applyRedactions(Viewer viewer, UUID id, String field, String redactedText,
			List<RedactionDecision> decisions) {
		var item = editable(viewer, id);
		var c = item.content();
		var updated = switch (field) {
			case "title" -> new ItemContent(redactedText, c.body(), c.analysis(), c.countermeasures(), c.language(),
					c.tlp(), c.disclosedSectors(), c.disclosedPrefecture(), c.disclosedSizeClass(), c.observables(),
					c.audience());
			case "body" -> new ItemContent(c.title(), redactedText, c.analysis(), c.countermeasures(), c.language(),
					c.tlp(), c.disclosedSectors(), c.disclosedPrefecture(), c.disclosedSizeClass(), c.observables(),
					c.audience());
			default -> throw new InvalidInput("field", "sharing.error.field", "Redactions apply to title or body.");
		};
		var result = update(viewer, id, updated, null);
		var now = Instant.now(clock);
		decisions.forEach(d -> dao.recordRedaction(id, field, d, viewer.userId(), now));
		return result;
	}

	/** One decision on a suggested redaction, kept for review with the hub. */
	public record RedactionDecision(String suggestionId, String category, String original, String replacement,
			boolean accepted) {
	}

	@Transactional
	public SharedItem requestApproval(Viewer viewer, UUID id) {
		var item = editable(viewer, id);
		if (!item.hasSources()) {
			throw new InvalidInput("status", "sharing.error.no-sources",
					"This item was not made from reports: there is no source to approve it.", HttpStatus.CONFLICT);
		}
		if (item.status() != ItemStatus.DRAFT && item.status() != ItemStatus.CHANGES_REQUESTED) {
			throw conflict("sharing.error.state", "Approval can be requested for a draft or after changes were requested.");
		}
		var now = Instant.now(clock);
		dao.setStatus(id, ItemStatus.AWAITING_APPROVAL, now);
		dao.recordApproval(id, item.revision(), "REQUESTED", null, viewer, now);
		audit.record("sharing.approval-requested", "shared_item", id,
				Map.of("number", item.number(), "revision", String.valueOf(item.revision())));
		var hub = directory.organisation(viewer.organisationId()).map(Directory.OrganisationRef::name).orElse("");
		var recipients = item.sources().stream().map(SharedItem.Source::organisationId).distinct()
			.flatMap(org -> directory.contacts(org, Set.of(Role.REPORTER, Role.ORG_ADMIN)).stream())
			.toList();
		mailer.afterCommit("an approval request", () -> recipients.forEach(to -> mailer.sendInBothLanguages(
				to.email(), to.locale(), "mail.sharing.approval-requested.subject", "mail.sharing.approval-requested.body", item.number(), hub,
				properties.link("/sharing/items/" + id))));
		return dao.lock(id).orElseThrow();
	}

	/** The source approves the revision it was shown; a later edit voids it. */
	@Transactional
	public SharedItem approve(Viewer viewer, UUID id, int revision, @Nullable String comment) {
		var item = awaitingDecision(viewer, id, revision);
		var now = Instant.now(clock);
		dao.approve(id, revision, now);
		dao.recordApproval(id, revision, "APPROVED", ItemRules.blankToNull(comment), viewer, now);
		audit.record("sharing.approved", "shared_item", id,
				Map.of("number", item.number(), "revision", String.valueOf(revision)));
		return dao.lock(id).orElseThrow();
	}

	@Transactional
	public SharedItem requestChanges(Viewer viewer, UUID id, int revision, String comment) {
		if (comment.isBlank()) {
			throw new InvalidInput("comment", "sharing.error.comment-required", "Say what should change.");
		}
		var item = awaitingDecision(viewer, id, revision);
		var now = Instant.now(clock);
		dao.setStatus(id, ItemStatus.CHANGES_REQUESTED, now);
		dao.recordApproval(id, revision, "CHANGES_REQUESTED", comment.strip(), viewer, now);
		audit.record("sharing.changes-requested", "shared_item", id,
				Map.of("number", item.number(), "revision", String.valueOf(revision)));
		return dao.lock(id).orElseThrow();
	}

	/** The re-identification check for the item as it stands. */
	@Transactional(readOnly = true)
	public GuardCheck guard(Viewer viewer, UUID id) {
		var item = dao.find(id, viewer).filter(i -> isHubStaffOf(viewer, i)).orElseThrow(ItemNotFound::new);
		return guard(item);
	}

	private GuardCheck guard(SharedItem item) {
		var c = item.content();
		var lookAlikes = dao.lookAlikes(item.id(), c.disclosedSectors(), c.disclosedPrefecture(), c.disclosedSizeClass());
		return new GuardCheck(lookAlikes, settings.reidentificationK(), dao.audienceSize(item.id()), item.hasSources());
	}

	/**
	 * Publishes to the audience. Refused without an audience; without the sources' approval of this revision
	 * unless an override reason is given; while fewer than k organisations could be the source unless a guard
	 * override reason is given. Both overrides are audited.
	 */
	@Transactional
	public SharedItem publish(Viewer viewer, UUID id, @Nullable String approvalOverride, @Nullable String guardOverride) {
		var item = editable(viewer, id);
		var approvalReason = ItemRules.blankToNull(approvalOverride);
		var guardReason = ItemRules.blankToNull(guardOverride);
		if (item.content().audience().isEmpty()) {
			throw new InvalidInput("audience", "sharing.error.no-audience", "Choose who receives the item.",
					HttpStatus.CONFLICT);
		}
		if (item.hasSources() && !item.approvedAsIs() && approvalReason == null) {
			throw new InvalidInput("approvalOverrideReason", "sharing.error.approval-required",
					"The source has not approved this revision. Ask for approval, or give the reason to publish without.",
					HttpStatus.CONFLICT);
		}
		var check = guard(item);
		if (!check.passes() && guardReason == null) {
			throw new InvalidInput("guardOverrideReason", "sharing.error.reidentifiable",
					"Only " + check.lookAlikes() + " organisation(s) in the audience share what the item discloses (at least "
							+ check.k() + " needed): generalise the sector, region or size class, or give a reason.",
					HttpStatus.CONFLICT);
		}
		var now = Instant.now(clock);
		var recipients = dao.materialiseRecipients(id, item.content().tlp());
		dao.publish(id, viewer.userId(), now, item.approvedAsIs() ? null : approvalReason,
				check.passes() ? null : guardReason);
		var details = new LinkedHashMap<String, String>();
		details.put("number", item.number());
		details.put("tlp", item.content().tlp().name());
		details.put("revision", String.valueOf(item.revision()));
		details.put("recipients", String.valueOf(recipients));
		if (item.hasSources() && !item.approvedAsIs()) {
			details.put("approvalOverride", approvalReason);
		}
		if (!check.passes()) {
			details.put("guardOverride", guardReason);
			details.put("lookAlikes", String.valueOf(check.lookAlikes()));
		}
		audit.record("sharing.published", "shared_item", id, details);
		// Delivered at commit to every node's inbox listener (and not at all on rollback).
		dao.notifyPublished(id);
		events.publishEvent(new SharedItemPublished(id, item.number(), item.content().tlp(), item.hubOrganisationId(), now));
		return dao.lock(id).orElseThrow();
	}

	@Transactional
	public SharedItem withdraw(Viewer viewer, UUID id, String reason) {
		var item = dao.lock(id).filter(i -> isHubStaffOf(viewer, i)).orElseThrow(ItemNotFound::new);
		if (item.status() != ItemStatus.PUBLISHED) {
			throw conflict("sharing.error.state", "Only a published item can be withdrawn.");
		}
		if (reason.isBlank()) {
			throw new InvalidInput("reason", "sharing.error.reason-required", "Say why the item is withdrawn.");
		}
		var now = Instant.now(clock);
		dao.withdraw(id, reason.strip(), now);
		audit.record("sharing.withdrawn", "shared_item", id, Map.of("number", item.number()));
		events.publishEvent(new SharedItemWithdrawn(id, item.number(), now));
		return dao.lock(id).orElseThrow();
	}

	/**
	 * The item as this viewer may see it, or empty (exactly as for an item that does not exist). A recipient's
	 * read is marked, and audited for TLP:RED and AMBER.
	 */
	@Transactional
	public Optional<ItemView> view(Viewer viewer, UUID id) {
		return dao.find(id, viewer).map(item -> {
			if (isHubStaffOf(viewer, item)) {
				return new HubView(item, dao.approvals(id, null, item.hubOrganisationId()),
						dao.audienceLabels(item.content().audience()));
			}
			var source = item.sources().stream().anyMatch(s -> s.organisationId().equals(viewer.organisationId()))
					&& ItemVisibility.approver(viewer) && item.status() != ItemStatus.DRAFT;
			if (source && !item.status().published()) {
				var c = item.content();
				var text = new RecipientView(item.id(), item.number(), item.hubOrganisationId(), c.tlp(), c.language(),
						c.title(), c.body(), c.analysis(), c.countermeasures(),
						c.observables().stream().filter(o -> o.role() == ItemObservable.Role.ATTACKER).toList(),
						item.updatedAt(), null, null, null);
				return new SourceView(text, item.status(), item.revision(), c.disclosedSectors(),
						c.disclosedPrefecture(), c.disclosedSizeClass(),
						dao.approvals(id, viewer.organisationId(), item.hubOrganisationId()));
			}
			var now = Instant.now(clock);
			var first = dao.markRead(id, viewer, now);
			if (item.content().tlp().auditedOnRead()) {
				audit.record("sharing.item-read", "shared_item", id, Map.of("number", item.number(),
						"tlp", item.content().tlp().name(), "first", String.valueOf(first)));
			}
			return new ReceivedView(RecipientView.of(item, dao.readAt(id, viewer.userId())));
		});
	}

	/** A published or withdrawn item's recipient-safe content, for the platform's own listeners (no viewer). */
	@Transactional(readOnly = true)
	public Optional<RecipientView> published(UUID id) {
		return dao.get(id).filter(item -> item.status().published()).map(item -> RecipientView.of(item, null));
	}

	/** The hub's items, newest change first. */
	@Transactional(readOnly = true)
	public Page<SharedItem> hubItems(Viewer viewer, @Nullable ItemStatus status, int page, int size) {
		requireHubStaff(viewer);
		var total = dao.countOfHub(viewer, status);
		return new Page<>(dao.ofHub(viewer, status, page * size, size), page, size, total);
	}

	/** Items waiting for the viewer's organisation to approve as a source. */
	@Transactional(readOnly = true)
	public List<SharedItem> awaitingMyApproval(Viewer viewer) {
		return ItemVisibility.approver(viewer) ? dao.awaitingSource(viewer) : List.of();
	}

	private SharedItem editable(Viewer viewer, UUID id) {
		var item = dao.lock(id).filter(i -> isHubStaffOf(viewer, i)).orElseThrow(ItemNotFound::new);
		if (!item.status().editable()) {
			throw conflict("sharing.error.published", "The item was published; withdraw it and write a new one.");
		}
		return item;
	}

	private SharedItem awaitingDecision(Viewer viewer, UUID id, int revision) {
		var item = dao.lock(id)
			.filter(i -> ItemVisibility.approver(viewer) && i.status() != ItemStatus.DRAFT
					&& i.sources().stream().anyMatch(s -> s.organisationId().equals(viewer.organisationId())))
			.orElseThrow(ItemNotFound::new);
		if (item.status() != ItemStatus.AWAITING_APPROVAL) {
			throw conflict("sharing.error.not-awaiting", "The hub is not waiting for a decision on this item.");
		}
		if (revision != item.revision()) {
			throw new InvalidInput("revision", "sharing.error.stale",
					"The hub changed the text since you opened it (revision " + item.revision() + "); reload it.",
					HttpStatus.CONFLICT);
		}
		return item;
	}

	private static boolean isHubStaffOf(Viewer viewer, SharedItem item) {
		return ItemVisibility.hubStaff(viewer) && item.hubOrganisationId().equals(viewer.organisationId());
	}

	private static void requireHubStaff(Viewer viewer) {
		if (!ItemVisibility.hubStaff(viewer)) {
			throw new org.springframework.security.access.AccessDeniedException(
					"Only analysts and coordinators of the national centre or an information hub write shared items.");
		}
	}

	private static InvalidInput conflict(String key, String message) {
		return new InvalidInput("status", key, message, HttpStatus.CONFLICT);
	}

	private static List<String> changed(ItemContent before, ItemContent after) {
		var fields = new ArrayList<String>();
		check(fields, "title", before.title(), after.title());
		check(fields, "body", before.body(), after.body());
		check(fields, "analysis", before.analysis(), after.analysis());
		check(fields, "countermeasures", before.countermeasures(), after.countermeasures());
		check(fields, "language", before.language(), after.language());
		check(fields, "tlp", before.tlp(), after.tlp());
		check(fields, "disclosedSectors", before.disclosedSectors(), after.disclosedSectors());
		check(fields, "disclosedPrefecture", before.disclosedPrefecture(), after.disclosedPrefecture());
		check(fields, "disclosedSizeClass", before.disclosedSizeClass(), after.disclosedSizeClass());
		check(fields, "observables", before.observables(), after.observables());
		check(fields, "audience", before.audience(), after.audience());
		return fields;
	}

	private static void check(List<String> fields, String name, @Nullable Object before, @Nullable Object after) {
		if (!java.util.Objects.equals(before, after)) {
			fields.add(name);
		}
	}


	/** An item that does not exist or that the viewer may not see: the same answer for both. */
	public static final class ItemNotFound extends org.springframework.web.server.ResponseStatusException {

		public ItemNotFound() {
			super(HttpStatus.NOT_FOUND, "No such shared item.");
		}
	}
}
