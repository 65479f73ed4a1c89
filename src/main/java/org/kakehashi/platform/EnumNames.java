package org.kakehashi.platform;

import java.util.Locale;
import java.util.Optional;

/**
 * Enum constants as people and clients type them: surrounding blanks, any case, and {@code -} for {@code _}
 * ({@code in-progress} is {@code IN_PROGRESS}). Forms and APIs turn an empty result into their own error.
 */
public final class EnumNames {

	private EnumNames() {
	}

	public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
		try {
			return Optional.of(Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
	}
}
