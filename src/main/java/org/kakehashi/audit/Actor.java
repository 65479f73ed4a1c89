package org.kakehashi.audit;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Whoever did something worth recording; the signed-in principal implements it. */
public interface Actor {

	UUID actorId();

	String actorName();

	@Nullable
	UUID actorOrganisationId();
}
