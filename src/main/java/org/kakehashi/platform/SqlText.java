package org.kakehashi.platform;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** Small helpers every DAO needs when it turns user text into SQL parameters and rows into values. */
public final class SqlText {

	private SqlText() {
	}

	/** A LIKE/ILIKE pattern matching {@code text} anywhere, with the user's own % _ and \ taken literally. */
	public static String containing(String text) {
		return "%" + escapeLike(text.strip()) + "%";
	}

	/** A LIKE pattern matching values that start with {@code text}, taken literally. */
	public static String startingWith(String text) {
		return escapeLike(text.strip()) + "%";
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	public static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		var value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}
}
