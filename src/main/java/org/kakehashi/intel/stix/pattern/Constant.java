package org.kakehashi.intel.stix.pattern;

import java.math.BigDecimal;
import java.util.List;

/** The constants of section 9.2, and the set constant that {@code IN} takes. */
public sealed interface Constant {

	/** A string; {@link #value()} is unescaped. */
	record StringConstant(String value) implements Constant {
	}

	/** An integer within the 54-bit range of section 2.10. */
	record IntegerConstant(long value) implements Constant {
	}

	/** A floating-point number, kept as written (scale included). */
	record FloatConstant(BigDecimal value) implements Constant {
	}

	record BooleanConstant(boolean value) implements Constant {
	}

	/** {@code h'..'}; {@link #hex()} is lower case. */
	record HexConstant(String hex) implements Constant {
	}

	/** {@code b'..'}; {@link #base64()} without line feeds. */
	record BinaryConstant(String base64) implements Constant {
	}

	/** {@code t'..'}, a valid STIX timestamp. */
	record TimestampConstant(String timestamp) implements Constant {
	}

	/** {@code (a, b, ...)}: one or more constants of one data type. */
	record SetConstant(List<Constant> values) implements Constant {

		public SetConstant {
			values = List.copyOf(values);
			if (values.isEmpty()) {
				throw new IllegalArgumentException("an empty set");
			}
		}
	}
}
