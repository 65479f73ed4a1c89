package org.kakehashi.vulns.certification;

import java.util.UUID;

import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.vulns.internal.CaseViewer;

/**
 * Who is looking at the registry. Coordinators (the same people who coordinate vulnerability cases) keep it and see
 * every record; anyone else signed in sees what the public list shows plus every record held by their own
 * organisation, read-only. Every query takes a viewer and filters by it in SQL.
 */
public record CertificationViewer(UUID userId, UUID organisationId, boolean coordinator) {

	public static CertificationViewer of(KakehashiUser user) {
		return new CertificationViewer(user.id(), user.organisationId(), CaseViewer.of(user).coordinator());
	}
}
