package org.kakehashi.intel.stix.pattern;

import java.util.List;

/**
 * {@code <object-type>:<property>} followed by nested properties, dictionary keys, list indexes and {@code [*]}
 * (section 9.7). The first step is always a property.
 */
public record ObjectPath(String objectType, List<Step> steps) {

	public ObjectPath {
		steps = List.copyOf(steps);
		if (steps.isEmpty() || !(steps.get(0) instanceof Property)) {
			throw new IllegalArgumentException("an object path starts with a property");
		}
	}

	/** The property path after the colon, written as in a pattern: {@code hashes.'SHA-256'}, {@code values[*].name}. */
	public String propertyPath() {
		var text = new StringBuilder();
		for (int i = 0; i < steps.size(); i++) {
			PatternPrinter.appendStep(text, steps.get(i), i == 0);
		}
		return text.toString();
	}

	@Override
	public String toString() {
		return objectType + ":" + propertyPath();
	}

	/** One step of a path. */
	public sealed interface Step permits Property, Index, AnyIndex {
	}

	/** A property name or dictionary key. */
	public record Property(String name) implements Step {

		public Property {
			if (name.isEmpty()) {
				throw new IllegalArgumentException("an empty property name");
			}
		}
	}

	/** A zero-based list index. */
	public record Index(int index) implements Step {

		public Index {
			if (index < 0) {
				throw new IllegalArgumentException("a negative list index");
			}
		}
	}

	/** {@code [*]}: any item of the list. */
	public record AnyIndex() implements Step {
	}
}
