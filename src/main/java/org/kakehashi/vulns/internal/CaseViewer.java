package org.kakehashi.vulns.internal;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;

/**
 * Who is looking at vulnerability cases. The rules of who takes part in a case, all applied in SQL
 * ({@link CaseScope}):
 * <ul>
 * <li>analysts and coordinators of a coordinator organisation (JPCERT/CC-like) see and drive every case;</li>
 * <li>the finder who filed it while signed in;</li>
 * <li>the PSIRT of an invited vendor: administrators, analysts and coordinators of the organisation the vendor's
 * directory entry is linked to;</li>
 * <li>whoever holds a personal link for the case (a guest finder, a vendor contact without an account): the
 * SHA-256 of each key they opened is in {@code accessKeys}, checked against unexpired keys on every query.</li>
 * </ul>
 * Anyone else signed in may file a report and sees nothing of cases they are not part of.
 */
public record CaseViewer(@Nullable UUID userId, @Nullable UUID organisationId, boolean coordinator, boolean vendorStaff,
		List<String> accessKeys) {

	static final Set<Role> COORDINATING_ROLES = Set.of(Role.ANALYST, Role.COORDINATOR);

	/** The roles through which a vendor organisation's members take part in its cases (its PSIRT). */
	public static final Set<Role> VENDOR_STAFF_ROLES = Set.of(Role.ORG_ADMIN, Role.ANALYST, Role.COORDINATOR);

	public CaseViewer {
		accessKeys = List.copyOf(accessKeys);
	}

	public static CaseViewer of(KakehashiUser user) {
		var coordinator = user.organisationType() == OrganisationType.COORDINATOR
				&& user.roles().stream().anyMatch(COORDINATING_ROLES::contains);
		var vendorStaff = user.roles().stream().anyMatch(VENDOR_STAFF_ROLES::contains);
		return new CaseViewer(user.id(), user.organisationId(), coordinator, vendorStaff, List.of());
	}

	/** Someone without an account, holding the personal links whose key hashes are given. */
	public static CaseViewer withKeys(List<String> keyHashes) {
		return new CaseViewer(null, null, false, false, keyHashes);
	}

	/** A signed-in user (as opposed to a holder of personal links only). */
	public boolean signedIn() {
		return userId != null;
	}

	/** The signed-in user's id; a programming error to ask for one of a link holder. */
	public UUID requireUser() {
		if (userId == null) {
			throw new IllegalStateException("This step needs a signed-in user");
		}
		return userId;
	}
}
