package org.kakehashi.vulns.advisory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An advisory's identity and history: the tracking id (e.g. {@code VU#2026-0001} or {@code JVNVU#12345678}) and its
 * revisions, oldest first, numbered 1, 2, 3 … without gaps. The version is the last revision's number, the initial
 * release the first revision's date and the current release the last one's.
 */
public record Tracking(String id, List<Revision> revisions) {

	public Tracking {
		id = Checks.text(id, "tracking id");
		revisions = Checks.nonEmpty(revisions, "revision history");
		for (int i = 0; i < revisions.size(); i++) {
			var revision = revisions.get(i);
			if (revision.number() != i + 1) {
				throw new IllegalArgumentException("revision " + (i + 1) + " of " + id + " is numbered " + revision.number());
			}
			if (i > 0 && revision.date().isBefore(revisions.get(i - 1).date())) {
				throw new IllegalArgumentException("revision " + revision.number() + " of " + id + " is dated before revision "
						+ (i) + ": " + revision.date());
			}
		}
	}

	/** The first publication. */
	public static Tracking initial(String id, Instant published, String summary) {
		return new Tracking(id, List.of(new Revision(1, published, summary)));
	}

	/** Re-publication: the history so far with one revision appended, so the version goes up by one. */
	public Tracking revise(Instant date, String summary) {
		var history = new ArrayList<>(revisions);
		history.add(new Revision(version() + 1, date, summary));
		return new Tracking(id, history);
	}

	public int version() {
		return revisions.get(revisions.size() - 1).number();
	}

	public Instant initialReleaseDate() {
		return revisions.get(0).date();
	}

	public Instant currentReleaseDate() {
		return revisions.get(revisions.size() - 1).date();
	}
}
