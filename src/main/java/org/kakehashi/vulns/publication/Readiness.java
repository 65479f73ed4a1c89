package org.kakehashi.vulns.publication;

import java.util.List;

/**
 * What still keeps an advisory from publication, each as a message key with its arguments (e.g. the vulnerability's
 * number); empty when it may go out.
 */
public record Readiness(List<Item> missing) {

	public Readiness {
		missing = List.copyOf(missing);
	}

	public record Item(String messageKey, List<Object> args) {

		public Item {
			args = List.copyOf(args);
		}

		public Object[] arguments() {
			return args.toArray();
		}
	}

	public boolean ready() {
		return missing.isEmpty();
	}
}
