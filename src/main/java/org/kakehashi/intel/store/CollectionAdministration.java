package org.kakehashi.intel.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditEvent;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating collections and deciding who reads and writes them: platform administrators only (the web layer
 * checks the role). Every rule broken is reported against its field; every change is audited.
 */
@Service
public class CollectionAdministration {

	private static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
	private static final Pattern UUID_SHAPE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
	private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]*");
	public static final int MAX_GRANTS = 500;

	/** Who may read without a grant, and the grants. */
	public record Access(boolean readableByAll, boolean readableByCentre, List<Grant> grants) {
	}

	private final Collections collections;
	private final Directory directory;
	private final AuditLog audit;

	CollectionAdministration(Collections collections, Directory directory, AuditLog audit) {
		this.collections = collections;
		this.directory = directory;
		this.audit = audit;
	}

	@Transactional
	public IntelCollection create(KakehashiUser admin, String title, @Nullable String description, @Nullable String alias,
			Access access) {
		var problems = new ArrayList<InvalidFields.Problem>();
		var cleanTitle = cleanTitle(title, problems);
		var cleanDescription = cleanDescription(description, problems);
		if (alias != null && (!ALIAS.matcher(alias).matches() || UUID_SHAPE.matcher(alias).matches())) {
			problems.add(problem("alias", "intel.collection.alias-invalid",
					"Lower-case letters, digits and hyphens, at most 63, not shaped like a UUID (clients use it in place of the id)."));
		}
		checkGrants(access.grants(), problems);
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		if (alias != null && collections.aliasTaken(alias)) {
			throw new InvalidInput("alias", "intel.collection.alias-taken", "Another collection has this alias.", HttpStatus.CONFLICT);
		}
		var created = collections.create(new Collections.Draft(cleanTitle, cleanDescription, alias, access.readableByAll(),
				access.readableByCentre()), admin.id());
		collections.replaceGrants(created.id(), access.grants());
		audit.record(AuditEvent.by(admin, "intel.collection.created", "intel_collection", created.id(),
				Map.of("title", cleanTitle, "alias", alias == null ? "" : alias, "access", describe(access))));
		return created;
	}

	/** Replaces who may read and write; false when there is no such collection. */
	@Transactional
	public boolean setAccess(KakehashiUser admin, UUID collectionId, Access access) {
		var problems = new ArrayList<InvalidFields.Problem>();
		checkGrants(access.grants(), problems);
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		if (!collections.setOpenness(collectionId, access.readableByAll(), access.readableByCentre())) {
			return false;
		}
		collections.replaceGrants(collectionId, access.grants());
		audit.record(AuditEvent.by(admin, "intel.collection.access-changed", "intel_collection", collectionId,
				Map.of("access", describe(access))));
		return true;
	}

	/** Changes the title and description; false when there is no such collection. */
	@Transactional
	public boolean describe(KakehashiUser admin, UUID collectionId, String title, @Nullable String description) {
		var problems = new ArrayList<InvalidFields.Problem>();
		var cleanTitle = cleanTitle(title, problems);
		var cleanDescription = cleanDescription(description, problems);
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		if (!collections.describe(collectionId, cleanTitle, cleanDescription)) {
			return false;
		}
		audit.record(AuditEvent.by(admin, "intel.collection.updated", "intel_collection", collectionId,
				Map.of("title", cleanTitle, "description", cleanDescription == null ? "" : cleanDescription)));
		return true;
	}

	/**
	 * Gives one organisation, group or role read and/or write access, replacing what that grantee had; the rest of
	 * the access stays as it is. Checked and audited like {@link #setAccess}. False when there is no such collection.
	 */
	@Transactional
	public boolean grant(KakehashiUser admin, UUID collectionId, Grant grant) {
		if (!collections.lock(collectionId)) {
			return false;
		}
		var current = current(collectionId);
		var grants = new ArrayList<>(current.grants().stream().filter(g -> !sameGrantee(g, grant)).toList());
		grants.add(grant);
		return setAccess(admin, collectionId, new Access(current.readableByAll(), current.readableByCentre(), grants));
	}

	/** Takes away everything the grantee had; false when there is no such collection. */
	@Transactional
	public boolean revoke(KakehashiUser admin, UUID collectionId, Grant grantee) {
		if (!collections.lock(collectionId)) {
			return false;
		}
		var current = current(collectionId);
		var grants = current.grants().stream().filter(g -> !sameGrantee(g, grantee)).toList();
		return setAccess(admin, collectionId, new Access(current.readableByAll(), current.readableByCentre(), grants));
	}

	/** Changes only who may read without a grant; false when there is no such collection. */
	@Transactional
	public boolean open(KakehashiUser admin, UUID collectionId, boolean readableByAll, boolean readableByCentre) {
		if (!collections.lock(collectionId)) {
			return false;
		}
		return setAccess(admin, collectionId, new Access(readableByAll, readableByCentre, collections.grants(collectionId)));
	}

	/** The access as stored now. */
	public Access current(UUID collectionId) {
		var collection = collections.byId(collectionId).orElseThrow();
		return new Access(collection.readableByAll(), collection.readableByCentre(), collections.grants(collectionId));
	}

	private static boolean sameGrantee(Grant a, Grant b) {
		return java.util.Objects.equals(a.organisationId(), b.organisationId()) && java.util.Objects.equals(a.groupId(), b.groupId())
				&& a.role() == b.role();
	}

	private static String cleanTitle(@Nullable String title, List<InvalidFields.Problem> problems) {
		var clean = title == null ? "" : title.strip();
		if (clean.isEmpty() || clean.length() > 200 || !PRINTABLE.matcher(clean).matches()) {
			problems.add(problem("title", "intel.collection.title-invalid", "Required; at most 200 characters, no control characters."));
		}
		return clean;
	}

	private static @Nullable String cleanDescription(@Nullable String description, List<InvalidFields.Problem> problems) {
		var clean = description == null || description.isBlank() ? null : description.strip();
		if (clean != null && (clean.length() > 2000
				|| clean.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t'))) {
			problems.add(problem("description", "intel.collection.description-invalid", "At most 2000 characters, no control characters."));
		}
		return clean;
	}

	private void checkGrants(List<Grant> grants, List<InvalidFields.Problem> problems) {
		if (grants.size() > MAX_GRANTS) {
			problems.add(problem("grants", "intel.collection.too-many-grants", "At most " + MAX_GRANTS + " grants."));
			return;
		}
		for (int i = 0; i < grants.size(); i++) {
			var grant = grants.get(i);
			var field = "grants[" + i + "]";
			int named = (grant.organisationId() == null ? 0 : 1) + (grant.groupId() == null ? 0 : 1) + (grant.role() == null ? 0 : 1);
			if (named != 1) {
				problems.add(problem(field, "intel.collection.grantee", "Name exactly one of organisationId, groupId or role."));
				continue;
			}
			if (!grant.canRead() && !grant.canWrite()) {
				problems.add(problem(field + ".read", "intel.collection.grant-empty", "A grant must allow reading, writing or both."));
			}
			if (grant.organisationId() != null && directory.organisation(grant.organisationId()).isEmpty()) {
				problems.add(problem(field + ".organisationId", "intel.collection.unknown-organisation", "No such organisation."));
			}
			if (grant.groupId() != null && !directory.groupExists(grant.groupId())) {
				problems.add(problem(field + ".groupId", "intel.collection.unknown-group", "No such group."));
			}
		}
	}

	private static String describe(Access access) {
		return "all=" + access.readableByAll() + ";centre=" + access.readableByCentre() + ";" + access.grants().stream()
			.map(g -> (g.organisationId() != null ? "org:" + g.organisationId()
					: g.groupId() != null ? "group:" + g.groupId() : "role:" + g.role())
					+ (g.canRead() ? "+r" : "") + (g.canWrite() ? "+w" : ""))
			.collect(Collectors.joining(","));
	}

	private static InvalidFields.Problem problem(String field, String key, String message) {
		return new InvalidFields.Problem(field, key, List.of(), message);
	}
}
