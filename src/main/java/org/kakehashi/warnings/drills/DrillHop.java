package org.kakehashi.warnings.drills;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One hop of a drill: who sent it to whom at which level, along which path (organisation names from the centre
 * down), and when it was confirmed (late: after the drill's deadline) and forwarded.
 */
public record DrillHop(UUID toOrganisationId, String toName, String toType, UUID fromOrganisationId, String fromName,
		int level, List<String> path, Instant sentAt, @Nullable Instant confirmedAt, @Nullable String confirmedBy,
		@Nullable Instant forwardedAt, @Nullable Integer forwardedCount, boolean late) {

	/** Sent → confirmed; null while unconfirmed. */
	public @Nullable Duration toConfirm() {
		return confirmedAt == null ? null : Duration.between(sentAt, confirmedAt);
	}

	/** Confirmed → forwarded; null until forwarded. */
	public @Nullable Duration toForward() {
		return confirmedAt == null || forwardedAt == null ? null : Duration.between(confirmedAt, forwardedAt);
	}

	public boolean confirmed() {
		return confirmedAt != null;
	}

	/** Ministries and CEPTOARs pass the drill on; operators only confirm. */
	public boolean relays() {
		return level < 2 && ("SECTOR_MINISTRY".equals(toType) || "CEPTOAR".equals(toType));
	}

	/** A duration as {@code 1d 02:03:04} or {@code 02:03:04}: the same in every language. */
	public static String format(@Nullable Duration duration) {
		if (duration == null) {
			return "";
		}
		var seconds = Math.max(0, duration.toSeconds());
		var days = seconds / 86_400;
		var clock = "%02d:%02d:%02d".formatted(seconds % 86_400 / 3600, seconds % 3600 / 60, seconds % 60);
		return days > 0 ? days + "d " + clock : clock;
	}

	public String toConfirmText() {
		return format(toConfirm());
	}

	public String toForwardText() {
		return format(toForward());
	}
}
