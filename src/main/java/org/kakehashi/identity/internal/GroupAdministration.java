package org.kakehashi.identity.internal;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** CEPTOARs, SIGs and sharing groups are run by platform administrators; every change is audited. */
@Service
public class GroupAdministration {

	private final Groups groups;
	private final Organisations organisations;
	private final Sectors sectors;
	private final AuditLog audit;

	GroupAdministration(Groups groups, Organisations organisations, Sectors sectors, AuditLog audit) {
		this.groups = groups;
		this.organisations = organisations;
		this.sectors = sectors;
		this.audit = audit;
	}

	@Transactional
	public Groups.Group create(KakehashiUser actor, String name, Groups.Kind kind, @Nullable String sectorCode,
			@Nullable String description, boolean requiresNda) {
		requirePlatformAdmin(actor);
		if (groups.nameTaken(name)) {
			throw new InvalidInput("name", "group.name-taken", "A group with this name already exists.");
		}
		if (sectorCode != null && sectors.byCode(sectorCode).isEmpty()) {
			throw new InvalidInput("sector", "organisation.sector-unknown", "Unknown sector.");
		}
		var group = groups.create(name, kind, sectorCode, description, requiresNda);
		var details = new HashMap<String, String>();
		details.put("name", group.name());
		details.put("kind", kind.name());
		details.put("requiresNda", String.valueOf(requiresNda));
		if (sectorCode != null) {
			details.put("sector", sectorCode);
		}
		audit.record("identity.group.created", "group", group.id(), details);
		return group;
	}

	@Transactional
	public void addMember(KakehashiUser actor, UUID groupId, UUID organisationId, @Nullable LocalDate ndaAcceptedOn) {
		requirePlatformAdmin(actor);
		var group = groups.byId(groupId).orElseThrow(() -> new InvalidInput("groupId", "group.unknown", "Unknown group.",
				HttpStatus.NOT_FOUND));
		var organisation = organisations.byId(organisationId)
			.orElseThrow(() -> new InvalidInput("organisationId", "organisation.unknown", "Unknown organisation."));
		if (group.requiresNda() && ndaAcceptedOn == null) {
			throw new InvalidInput("ndaAcceptedOn", "group.nda-required", "This group requires the date the NDA was accepted.");
		}
		groups.addMember(groupId, organisationId, ndaAcceptedOn);
		var details = new HashMap<String, String>(Map.of("group", group.name(), "organisation", organisation.name()));
		if (ndaAcceptedOn != null) {
			details.put("ndaAcceptedOn", ndaAcceptedOn.toString());
		}
		audit.record("identity.group.member-added", "group", groupId, details);
	}

	@Transactional
	public void removeMember(KakehashiUser actor, UUID groupId, UUID organisationId) {
		requirePlatformAdmin(actor);
		var group = groups.byId(groupId).orElseThrow(() -> new InvalidInput("groupId", "group.unknown", "Unknown group.",
				HttpStatus.NOT_FOUND));
		if (groups.removeMember(groupId, organisationId)) {
			var organisation = organisations.byId(organisationId).map(Organisation::name).orElse(organisationId.toString());
			audit.record("identity.group.member-removed", "group", groupId,
					Map.of("group", group.name(), "organisation", organisation));
		}
	}

	private static void requirePlatformAdmin(KakehashiUser actor) {
		if (!actor.platformAdmin()) {
			throw new InvalidInput("groupId", "group.not-allowed", "Only platform administrators manage groups.",
					HttpStatus.FORBIDDEN);
		}
	}
}
