package org.kakehashi.reporting.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.InvalidFields.Problem;
import org.kakehashi.reporting.Observable;

/**
 * The rules a report must meet: always (lengths, formats, ranges, time order) and, to be submitted, the
 * required fields. All problems are reported at once so a long form is corrected in one pass.
 */
public final class ReportRules {

	static final int MAX_TITLE = 200;
	static final int MAX_TEXT = 20_000;
	static final int MAX_SHORT = 2_000;
	static final int MAX_OBSERVABLES = 500;
	/** Clocks of reporters' machines drift; a time this far ahead is still accepted. */
	static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	private ReportRules() {
	}

	/**
	 * Checks the content and returns it with observables normalised.
	 *
	 * @param allowedSectors the reporting organisation's sectors; a report may only name those
	 * @param submitting     whether the required fields must be present
	 */
	public static ReportContent check(ReportContent c, List<String> allowedSectors, boolean submitting, Instant now) {
		var problems = new ArrayList<Problem>();
		if (submitting) {
			required(problems, "title", c.title());
			if (c.sectors().isEmpty()) {
				problems.add(problem("sectors", "report.error.required", "Choose at least one sector."));
			}
			if (c.eventTypes().isEmpty()) {
				problems.add(problem("eventTypes", "report.error.required", "Choose at least one event type."));
			}
			if (c.severityContinuity() == null) {
				problems.add(problem("severityContinuity", "report.error.required", "Rate the continuity viewpoint (0–4)."));
			}
			if (c.severitySafety() == null) {
				problems.add(problem("severitySafety", "report.error.required", "Rate the safety viewpoint (0–4)."));
			}
			if (c.awareAt() == null) {
				problems.add(problem("awareAt", "report.error.required", "Say when you became aware of it."));
			}
			if (blank(c.descriptionJa()) && blank(c.descriptionEn())) {
				problems.add(problem("descriptionJa", "report.error.description-required",
						"Describe what happened, in Japanese or English."));
			}
		}
		length(problems, "title", c.title(), MAX_TITLE);
		length(problems, "descriptionJa", c.descriptionJa(), MAX_TEXT);
		length(problems, "descriptionEn", c.descriptionEn(), MAX_TEXT);
		length(problems, "servicesAffected", c.servicesAffected(), MAX_SHORT);
		length(problems, "regions", c.regions(), MAX_SHORT);
		length(problems, "contactName", c.contactName(), MAX_TITLE);
		length(problems, "contactEmail", c.contactEmail(), MAX_TITLE);
		length(problems, "contactPhone", c.contactPhone(), 40);
		for (var sector : c.sectors()) {
			if (!allowedSectors.contains(sector)) {
				problems.add(new Problem("sectors", "report.error.sector-not-yours", List.of(sector),
						"Your organisation does not belong to sector " + sector + "."));
			}
		}
		level(problems, "severityContinuity", c.severityContinuity());
		level(problems, "severitySafety", c.severitySafety());
		if (c.usersAffected() != null && c.usersAffected() < 0) {
			problems.add(problem("usersAffected", "report.error.negative", "Must not be negative."));
		}
		if (c.outageMinutes() != null && c.outageMinutes() < 0) {
			problems.add(problem("outageMinutes", "report.error.negative", "Must not be negative."));
		}
		if (c.contactEmail() != null && !c.contactEmail().isBlank()
				&& Observables.normalise(org.kakehashi.reporting.ObservableType.EMAIL, c.contactEmail()).isEmpty()) {
			problems.add(problem("contactEmail", "report.error.email", "Not an e-mail address."));
		}
		times(problems, c, now);
		if (c.ransomPaid() && !c.ransomDemanded()) {
			problems.add(problem("ransomPaid", "report.error.ransom-paid-undemanded",
					"A ransom can only be paid if one was demanded."));
		}
		if (c.ransomPaidAt() != null && !c.ransomPaid()) {
			problems.add(problem("ransomPaidAt", "report.error.ransom-paid-at", "Give a payment time only if a ransom was paid."));
		}
		var observables = observables(problems, c.observables());
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		return new ReportContent(c.kind(), trim(c.title()), trim(c.descriptionJa()), trim(c.descriptionEn()),
				c.sectors().stream().distinct().toList(), trim(c.servicesAffected()), c.eventTypes(), c.causes(),
				c.severityContinuity(), c.severitySafety(), c.occurredAt(), c.awareAt(), c.containedAt(),
				c.recoveredAt(), c.usersAffected(), c.outageMinutes(), trim(c.regions()), c.ransomDemanded(),
				c.ransomPaid(), c.ransomPaidAt(), observables, trim(c.contactName()), trim(c.contactEmail()),
				trim(c.contactPhone()));
	}

	private static List<Observable> observables(List<Problem> problems, List<Observable> given) {
		if (given.size() > MAX_OBSERVABLES) {
			problems.add(new Problem("observables", "report.error.too-many-observables", List.of(MAX_OBSERVABLES),
					"At most " + MAX_OBSERVABLES + " observables."));
			return given;
		}
		var result = new ArrayList<Observable>();
		for (int i = 0; i < given.size(); i++) {
			var o = given.get(i);
			var normalised = Observables.normalise(o.type(), o.value());
			if (normalised.isEmpty()) {
				problems.add(new Problem("observables[" + i + "].value", "report.error.observable", List.of(o.type()),
						"Not a valid " + o.type() + " value."));
			} else if (!result.contains(normalised.get())) {
				result.add(normalised.get());
			}
		}
		return result;
	}

	private static void times(List<Problem> problems, ReportContent c, Instant now) {
		var latest = now.plus(CLOCK_SKEW);
		future(problems, "occurredAt", c.occurredAt(), latest);
		future(problems, "awareAt", c.awareAt(), latest);
		future(problems, "containedAt", c.containedAt(), latest);
		future(problems, "recoveredAt", c.recoveredAt(), latest);
		future(problems, "ransomPaidAt", c.ransomPaidAt(), latest);
		order(problems, "awareAt", c.occurredAt(), c.awareAt(), "report.error.aware-before-occurred",
				"Awareness cannot come before the event occurred.");
		order(problems, "containedAt", c.occurredAt(), c.containedAt(), "report.error.contained-before-occurred",
				"Containment cannot come before the event occurred.");
		order(problems, "recoveredAt", c.occurredAt(), c.recoveredAt(), "report.error.recovered-before-occurred",
				"Recovery cannot come before the event occurred.");
		order(problems, "recoveredAt", c.containedAt(), c.recoveredAt(), "report.error.recovered-before-contained",
				"Recovery cannot come before containment.");
	}

	private static void future(List<Problem> problems, String field, @Nullable Instant value, Instant latest) {
		if (value != null && value.isAfter(latest)) {
			problems.add(problem(field, "report.error.future", "Must not be in the future."));
		}
	}

	private static void order(List<Problem> problems, String field, @Nullable Instant earlier, @Nullable Instant later,
			String key, String message) {
		if (earlier != null && later != null && later.isBefore(earlier)) {
			problems.add(problem(field, key, message));
		}
	}

	private static void level(List<Problem> problems, String field, @Nullable Integer level) {
		if (level != null && (level < 0 || level > 4)) {
			problems.add(problem(field, "report.error.level", "A level is 0 to 4."));
		}
	}

	private static void required(List<Problem> problems, String field, @Nullable String value) {
		if (blank(value)) {
			problems.add(problem(field, "report.error.required", "Required."));
		}
	}

	private static void length(List<Problem> problems, String field, @Nullable String value, int max) {
		if (value != null && value.length() > max) {
			problems.add(new Problem(field, "report.error.too-long", List.of(max), "At most " + max + " characters."));
		}
	}

	private static Problem problem(String field, String key, String message) {
		return new Problem(field, key, List.of(), message);
	}

	private static boolean blank(@Nullable String s) {
		return s == null || s.isBlank();
	}

	private static @Nullable String trim(@Nullable String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}
}
