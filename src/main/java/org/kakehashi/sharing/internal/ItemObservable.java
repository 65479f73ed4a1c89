package org.kakehashi.sharing.internal;

import org.kakehashi.reporting.ObservableType;

/**
 * An observable carried by an item. The analyst marks which belong to the attacker (shown to recipients) and
 * which to the source's own infrastructure (kept with the hub, and redacted wherever they occur in the text).
 */
public record ItemObservable(ObservableType type, String value, Role role) {

	public enum Role {
		ATTACKER, SOURCE
	}
}
