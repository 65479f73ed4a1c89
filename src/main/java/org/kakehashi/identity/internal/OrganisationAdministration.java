package org.kakehashi.identity.internal;

import org.kakehashi.platform.Page;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.platform.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Organisations as administrators see them. Platform administrators see and change every organisation;
 * organisation administrators only their own (the scope is part of every query) and never its type.
 */
@Service
public class OrganisationAdministration {

	private final JdbcClient jdbc;
	private final Organisations organisations;
	private final Sectors sectors;
	private final AuditLog audit;

	OrganisationAdministration(JdbcClient jdbc, Organisations organisations, Sectors sectors, AuditLog audit) {
		this.jdbc = jdbc;
		this.organisations = organisations;
		this.sectors = sectors;
		this.audit = audit;
	}

	public record Query(@Nullable String text, @Nullable OrganisationType type, @Nullable String sector, int page, int size) {
	}

	public record GroupMembership(UUID groupId, String groupName, Groups.Kind kind) {
	}

	/** Null for platform administrators (everything), else the one organisation the actor may see. */
	static @Nullable UUID scope(KakehashiUser actor) {
		return actor.platformAdmin() ? null : actor.organisationId();
	}

	@Transactional(readOnly = true)
	public Page<Organisation> search(KakehashiUser actor, Query query) {
		return organisations.search(scope(actor), query.text(), query.type(), query.sector(), query.page(), query.size());
	}

	@Transactional(readOnly = true)
	public Optional<Organisation> find(KakehashiUser actor, UUID id) {
		return organisations.byIdWithin(id, scope(actor));
	}

	/** Organisations the actor may pick from (e.g. inviting a user): all for platform admins, else their own. */
	@Transactional(readOnly = true)
	public List<Organisation> selectable(KakehashiUser actor) {
		return organisations.within(scope(actor));
	}

	@Transactional(readOnly = true)
	public List<GroupMembership> groups(UUID organisationId) {
		return jdbc.sql("""
				select g.id as group_id, g.name as group_name, g.kind
				from group_membership m join member_group g on g.id = m.group_id
				where m.organisation_id = :org order by g.kind, g.name
				""").param("org", organisationId).query(GroupMembership.class).list();
	}

	public record SectorOverview(Sector sector, long members) {
	}

	/** The 14 sectors with how many organisations belong to each. */
	@Transactional(readOnly = true)
	public List<SectorOverview> sectorOverview() {
		var counts = new HashMap<String, Long>();
		jdbc.sql("select sector_code, count(*) as members from organisation_sector group by sector_code")
			.query((rs, row) -> counts.put(rs.getString("sector_code"), rs.getLong("members")))
			.list();
		return sectors.all().stream().map(s -> new SectorOverview(s, counts.getOrDefault(s.code(), 0L))).toList();
	}

	@Transactional
	public Organisation create(KakehashiUser actor, Organisations.Draft draft) {
		if (!actor.platformAdmin()) {
			throw new InvalidInput("type", "organisation.create-not-allowed", "Only platform administrators create organisations.",
					HttpStatus.FORBIDDEN);
		}
		check(draft, null);
		var created = organisations.create(draft);
		audit.record("identity.organisation.created", "organisation", created.id(), details(created));
		return created;
	}

	@Transactional
	public Organisation update(KakehashiUser actor, UUID id, Organisations.Draft draft) {
		var current = find(actor, id).orElseThrow(() -> new InvalidInput("id", "organisation.unknown", "Unknown organisation.",
				HttpStatus.NOT_FOUND));
		if (!actor.platformAdmin()) {
			if (!actor.has(Role.ORG_ADMIN)) {
				throw new InvalidInput("id", "organisation.edit-not-allowed", "Not allowed.", HttpStatus.FORBIDDEN);
			}
			if (draft.type() != current.type()) {
				throw new InvalidInput("type", "organisation.type-not-allowed", "Only platform administrators change the type.",
						HttpStatus.FORBIDDEN);
			}
		}
		check(draft, id);
		var updated = organisations.update(id, draft);
		var details = details(updated);
		details.put("previousName", current.name());
		audit.record("identity.organisation.updated", "organisation", id, details);
		return updated;
	}

	private void check(Organisations.Draft draft, @Nullable UUID except) {
		if (organisations.nameTaken(draft.name(), except)) {
			throw new InvalidInput("name", "organisation.name-taken", "An organisation with this name already exists.",
					HttpStatus.CONFLICT);
		}
		var known = sectors.all().stream().map(Sector::code).toList();
		var codes = draft.sectorCodes();
		for (int i = 0; i < codes.size(); i++) {
			if (!known.contains(codes.get(i))) {
				throw new InvalidInput("sectors[" + i + "]", "organisation.sector-unknown", "Unknown sector: " + codes.get(i));
			}
		}
		if (draft.prefecture() != null && Prefecture.byName(draft.prefecture()).isEmpty()) {
			throw new InvalidInput("prefecture", "organisation.prefecture-unknown", "Unknown prefecture.");
		}
	}

	private static Map<String, String> details(Organisation organisation) {
		var details = new HashMap<String, String>();
		details.put("name", organisation.name());
		details.put("type", organisation.type().name());
		details.put("sectors", String.join(",", organisation.sectorCodes()));
		details.put("requireMfa", String.valueOf(organisation.requireMfa()));
		return details;
	}
}
