package org.kakehashi.identity;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Who is who, for other modules: organisations with their type and sectors, the sector list, and whom to
 * write to in an organisation. Read-only; changes go through the identity module's own pages and API.
 */
public interface Directory {

	/** An organisation as other modules see it. */
	record OrganisationRef(UUID id, String name, @Nullable String nameEn, OrganisationType type, List<String> sectors) {

		public String name(Locale locale) {
			return "en".equals(locale.getLanguage()) && nameEn != null ? nameEn : name;
		}
	}

	/** A critical-infrastructure sector with its names in both languages. */
	record SectorRef(String code, String nameJa, String nameEn) {

		public String name(Locale locale) {
			return "en".equals(locale.getLanguage()) ? nameEn : nameJa;
		}
	}

	/** An active user to write to, in their own language when they chose one. */
	record Contact(UUID userId, String email, String displayName, @Nullable String locale) {
	}

	Optional<OrganisationRef> organisation(UUID id);

	Map<UUID, OrganisationRef> organisations(Collection<UUID> ids);

	/** Organisations of a type, optionally only those covering one of the sectors (empty = any sector). */
	List<OrganisationRef> organisationsOfType(OrganisationType type, Collection<String> sectors);

	/** All sectors in their official order. */
	List<SectorRef> sectors();

	/** Active users of an organisation holding at least one of the roles. */
	List<Contact> contacts(UUID organisationId, Set<Role> roles);

	/** A CEPTOAR, SIG or sharing group by name; {@code kind} is its Groups.Kind name. */
	record GroupRef(UUID id, String name, String kind) {
	}

	/** Every organisation, by name: for administrators' choices. */
	List<OrganisationRef> allOrganisations();

	/** Every group, by name: for administrators' choices. */
	List<GroupRef> groups();

	/** Whether a group (CEPTOAR, SIG, sharing group) with this id exists. */
	boolean groupExists(UUID groupId);

	/** The groups an organisation belongs to. */
	Set<UUID> groupsOf(UUID organisationId);
}
