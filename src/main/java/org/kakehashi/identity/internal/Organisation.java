package org.kakehashi.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.OrganisationType;

public record Organisation(UUID id, String name, @Nullable String nameEn, OrganisationType type,
		@Nullable SizeClass sizeClass, @Nullable String prefecture, boolean requireMfa, List<String> sectorCodes,
		Instant createdAt) {

	public enum SizeClass {
		SMALL, MEDIUM, LARGE
	}
}
