package org.kakehashi.reporting;

/** A typed indicator, normalised so equal indicators compare equal across reports. */
public record Observable(ObservableType type, String value) {
}
