package org.kakehashi.sharing.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An item a CEPTOAR received, with the members of its CEPTOAR group(s) who received it too and when each first
 * opened it: what the CEPTOAR needs to relay (情報提供) to members who have not looked yet.
 */
public record RelayItem(InboxEntry item, List<Member> members) {

	public record Member(UUID organisationId, String name, @Nullable String nameEn, @Nullable Instant firstReadAt) {

		public String name(Locale locale) {
			return "en".equals(locale.getLanguage()) && nameEn != null ? nameEn : name;
		}
	}

	public long unopened() {
		return members.stream().filter(m -> m.firstReadAt() == null).count();
	}
}
