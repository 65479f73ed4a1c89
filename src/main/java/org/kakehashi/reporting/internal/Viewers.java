package org.kakehashi.reporting.internal;

import org.kakehashi.identity.Directory;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.reporting.Viewer;
import org.springframework.stereotype.Component;

/** Turns the signed-in user into a {@link Viewer}, reading their organisation's current sectors. */
@Component
public class Viewers {

	private final Directory directory;

	Viewers(Directory directory) {
		this.directory = directory;
	}

	public Viewer of(KakehashiUser user) {
		var sectors = directory.organisation(user.organisationId()).map(Directory.OrganisationRef::sectors)
			.orElse(java.util.List.of());
		return new Viewer(user.id(), user.organisationId(), user.organisationType(), sectors, user.roles());
	}
}
