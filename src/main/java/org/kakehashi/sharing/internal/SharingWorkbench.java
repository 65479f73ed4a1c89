package org.kakehashi.sharing.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.kakehashi.platform.InvalidInput;
import org.kakehashi.reporting.ObservableType;
import org.kakehashi.reporting.ReportLookup;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.sharing.redaction.RedactionContext;
import org.kakehashi.sharing.redaction.RedactionEngine;
import org.kakehashi.sharing.redaction.RedactionSuggestion;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the pages need beside {@link SharedItems}: who the viewer is to an item (without marking a read), the
 * source reports' own text for the side-by-side view, redaction suggestions built from what identifies the
 * sources, and the directory entries an audience can name.
 */
@Service
public class SharingWorkbench {

	/** How the viewer stands to an item. */
	public enum Relation {
		HUB, SOURCE, RECIPIENT
	}

	/** A group or organisation to choose; {@code kind} is its group kind or organisation type. */
	public record Choice(String id, String name, String kind) {
	}

	/** Suggestions per text field, computed on the current revision. */
	public record Suggestions(int revision, List<RedactionSuggestion> title, List<RedactionSuggestion> body) {

		public boolean none() {
			return title.isEmpty() && body.isEmpty();
		}
	}

	/** An item made from a report, for the report page. */
	public record MadeFrom(UUID id, String number, ItemStatus status) {
	}

	static final int SEARCH_LIMIT = 20;

	private final SharingDao dao;
	private final WorkbenchDao workbench;
	private final SharedItems items;
	private final ReportLookup reports;
	private final java.time.Clock clock;
	private final RedactionEngine engine = new RedactionEngine();

	SharingWorkbench(SharingDao dao, WorkbenchDao workbench, SharedItems items, ReportLookup reports,
			java.time.Clock clock) {
		this.clock = clock;
		this.dao = dao;
		this.workbench = workbench;
		this.items = items;
		this.reports = reports;
	}

	/** How the viewer stands to the item, or empty when they may not see it. Marks nothing as read. */
	@Transactional(readOnly = true)
	public Optional<Relation> relation(Viewer viewer, UUID id) {
		return dao.find(id, viewer).map(item -> {
			if (ItemVisibility.hubStaff(viewer) && item.hubOrganisationId().equals(viewer.organisationId())) {
				return Relation.HUB;
			}
			return isSource(viewer, item) ? Relation.SOURCE : Relation.RECIPIENT;
		});
	}

	/**
	 * What a source organisation's approver sees of an item made from its report, before and after publication:
	 * the text as recipients see it, what it discloses, its own steps of the approval. Marks nothing as read.
	 */
	@Transactional(readOnly = true)
	public Optional<SharedItems.SourceView> sourceView(Viewer viewer, UUID id) {
		return dao.find(id, viewer).filter(item -> isSource(viewer, item)).map(item -> {
			var c = item.content();
			var text = new RecipientView(item.id(), item.number(), item.hubOrganisationId(), c.tlp(), c.language(),
					c.title(), c.body(), c.analysis(), c.countermeasures(),
					c.observables().stream().filter(o -> o.role() == ItemObservable.Role.ATTACKER).toList(),
					item.publishedAt() == null ? item.updatedAt() : item.publishedAt(), item.withdrawnAt(),
					item.withdrawnReason(), null);
			return new SharedItems.SourceView(text, item.status(), item.revision(), c.disclosedSectors(),
					c.disclosedPrefecture(), c.disclosedSizeClass(),
					dao.approvals(id, viewer.organisationId(), item.hubOrganisationId()));
		});
	}

	private static boolean isSource(Viewer viewer, SharedItem item) {
		return ItemVisibility.approver(viewer) && item.status() != ItemStatus.DRAFT
				&& item.sources().stream().anyMatch(s -> s.organisationId().equals(viewer.organisationId()));
	}

	/** The hub's item for its editor; 404 for anyone else. */
	@Transactional(readOnly = true)
	public SharedItem hubItem(Viewer viewer, UUID id) {
		return dao.find(id, viewer).filter(item -> ItemVisibility.hubStaff(viewer)
				&& item.hubOrganisationId().equals(viewer.organisationId())).orElseThrow(SharedItems.ItemNotFound::new);
	}

	/** The reports the item was made from, as their reporters wrote them (the hub sees them; nobody else asks). */
	@Transactional(readOnly = true)
	public List<ReportLookup.ReportSource> originals(Viewer viewer, SharedItem item) {
		return item.sources().stream().map(s -> reports.source(viewer, s.reportId())).flatMap(Optional::stream).toList();
	}

	@Transactional(readOnly = true)
	public Suggestions suggestions(Viewer viewer, UUID id) {
		var item = hubItem(viewer, id);
		var context = context(viewer, item);
		return new Suggestions(item.revision(), engine.suggest(item.content().title(), context),
				engine.suggest(item.content().body(), context));
	}

	/**
	 * Applies the accepted suggestions to one field and records every decision (the rest as rejected), as one
	 * edit. The suggestions are recomputed on the current text, so {@code basedOnRevision} must match it.
	 */
	@Transactional
	public SharedItem applySuggestions(Viewer viewer, UUID id, String field, Collection<String> acceptedIds,
			int basedOnRevision) {
		var item = hubItem(viewer, id);
		if (item.revision() != basedOnRevision) {
			throw new InvalidInput("basedOnRevision", "sharing.error.stale",
					"Revision " + item.revision() + " was saved since the suggestions were made; reload them.",
					HttpStatus.CONFLICT);
		}
		var text = switch (field) {
			case "title" -> item.content().title();
			case "body" -> item.content().body();
			default -> throw new InvalidInput("field", "sharing.error.field", "Redactions apply to title or body.");
		};
		var suggestions = engine.suggest(text, context(viewer, item));
		if (suggestions.isEmpty()) {
			return item;
		}
		var accepted = new HashSet<>(acceptedIds);
		var chosen = suggestions.stream().filter(s -> accepted.contains(s.id())).toList();
		var decisions = suggestions.stream()
			.map(s -> new SharedItems.RedactionDecision(s.id(), s.category().name(), s.original(), s.replacement(),
					accepted.contains(s.id())))
			.toList();
		if (chosen.isEmpty()) {
			// Keeping the text as it is is no edit: the revision (and any approval of it) stands.
			if (!item.status().editable()) {
				throw new InvalidInput("status", "sharing.error.published",
						"The item was published; withdraw it and write a new one.", HttpStatus.CONFLICT);
			}
			var now = java.time.Instant.now(clock);
			decisions.forEach(d -> dao.recordRedaction(id, field, d, viewer.userId(), now));
			return item;
		}
		return items.applyRedactions(viewer, id, field, engine.apply(text, chosen), decisions);
	}

	/**
	 * What identifies the sources: every organisation name in the directory, the names and mail domains of the
	 * source organisations' users and of the reports' contacts, observables the hub marked as the source's own;
	 * attacker observables are never suggested.
	 */
	RedactionContext context(Viewer viewer, SharedItem item) {
		var people = new LinkedHashSet<String>();
		var domains = new HashSet<String>();
		var networks = new HashSet<String>();
		var attacker = new HashSet<String>();
		var organisations = item.sources().stream().map(SharedItem.Source::organisationId).distinct().toList();
		for (var user : workbench.usersOf(organisations)) {
			people.add(user[0]);
			domainOf(user[1]).ifPresent(domains::add);
		}
		for (var report : originals(viewer, item)) {
			if (!report.contactName().isBlank()) {
				people.add(report.contactName().strip());
			}
			domainOf(report.contactEmail()).ifPresent(domains::add);
		}
		for (var o : item.content().observables()) {
			if (o.role() == ItemObservable.Role.ATTACKER) {
				attacker.add(o.value());
			}
			else if (o.type() == ObservableType.DOMAIN) {
				domains.add(o.value());
			}
			else if (o.type() == ObservableType.EMAIL) {
				domainOf(o.value()).ifPresent(domains::add);
			}
			else if (o.type() == ObservableType.IPV4 || o.type() == ObservableType.IPV6) {
				networks.add(o.value());
			}
		}
		return new RedactionContext(workbench.organisationNames(), new ArrayList<>(people), domains, networks, attacker);
	}

	private static Optional<String> domainOf(String email) {
		var at = email.lastIndexOf('@');
		return at < 0 || at == email.length() - 1 ? Optional.empty()
				: Optional.of(email.substring(at + 1).strip().toLowerCase(Locale.ROOT));
	}

	/** The viewer's hub's items made from the report; none for anyone but hub staff. */
	@Transactional(readOnly = true)
	public List<MadeFrom> itemsFromReport(Viewer viewer, UUID reportId) {
		return ItemVisibility.hubStaff(viewer) ? workbench.itemsFromReport(viewer.organisationId(), reportId) : List.of();
	}

	/** CEPTOARs, SIGs and sharing groups, for the audience editor. */
	@Transactional(readOnly = true)
	public List<Choice> groups() {
		return workbench.groups();
	}

	@Transactional(readOnly = true)
	public List<Choice> searchOrganisations(Viewer viewer, String text) {
		if (!ItemVisibility.hubStaff(viewer) || text.isBlank()) {
			return List.of();
		}
		return workbench.searchOrganisations(text.strip(), SEARCH_LIMIT);
	}

	@Transactional(readOnly = true)
	public Map<String, String> organisationNames(Collection<String> ids) {
		return workbench.organisationNames(ids);
	}

	/** Active users by lower-cased e-mail address, for naming TLP:RED recipients. */
	@Transactional(readOnly = true)
	public Map<String, UUID> usersByEmail(Collection<String> emails) {
		return workbench.activeUsersByEmail(emails);
	}

	@Transactional(readOnly = true)
	public Map<String, String> emails(Collection<String> userIds) {
		return workbench.emails(userIds);
	}

	/** Whether the viewer writes shared items (the national centre's or a hub's analysts and coordinators). */
	public static boolean hubStaff(Viewer viewer) {
		return ItemVisibility.hubStaff(viewer);
	}

	public static boolean approver(Viewer viewer) {
		return ItemVisibility.approver(viewer);
	}
}
