package org.kakehashi.reporting;

import java.util.Optional;

import org.kakehashi.reporting.internal.Observables;

/** A typed indicator, normalised so equal indicators compare equal across reports. */
public record Observable(ObservableType type, String value) {

	/** The normalised observable (canonical addresses, lower-case hosts and hashes), or empty when not valid. */
	public static Optional<Observable> of(ObservableType type, String raw) {
		return Observables.normalise(type, raw);
	}
}
