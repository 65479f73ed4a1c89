package org.kakehashi.sharing.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.reporting.Observable;
import org.kakehashi.sharing.Tlp;

/**
 * The rules an item's content must follow, checked all at once so a form can show every problem beside its
 * field. Observables come back normalised.
 */
final class ItemRules {

	static final int TITLE_MAX = 300;
	static final int TEXT_MAX = 100_000;
	static final int OBSERVABLES_MAX = 1_000;
	static final int AUDIENCE_MAX = 2_000;
	static final Set<String> SIZE_CLASSES = Set.of("SMALL", "MEDIUM", "LARGE");

	/** What exists in the directory, for checking references. */
	interface References {

		boolean sector(String code);

		boolean group(UUID id);

		boolean organisation(UUID id);

		boolean user(UUID id);
	}

	private ItemRules() {
	}

	static ItemContent check(ItemContent c, References refs) {
		var problems = new ArrayList<InvalidFields.Problem>();
		if (c.title().isBlank()) {
			problems.add(problem("title", "sharing.error.title-required", "A title is required."));
		}
		else if (c.title().length() > TITLE_MAX) {
			problems.add(problem("title", "sharing.error.too-long", "At most " + TITLE_MAX + " characters.", TITLE_MAX));
		}
		checkLength(problems, "body", c.body());
		checkLength(problems, "analysis", c.analysis());
		checkLength(problems, "countermeasures", c.countermeasures());
		if (!"ja".equals(c.language()) && !"en".equals(c.language())) {
			problems.add(problem("language", "sharing.error.language", "The language is ja or en."));
		}
		for (int i = 0; i < c.disclosedSectors().size(); i++) {
			if (!refs.sector(c.disclosedSectors().get(i))) {
				problems.add(problem("disclosedSectors[" + i + "]", "sharing.error.unknown-sector", "No such sector."));
			}
		}
		var prefecture = blankToNull(c.disclosedPrefecture());
		if (prefecture != null && prefecture.length() > 40) {
			problems.add(problem("disclosedPrefecture", "sharing.error.too-long", "At most 40 characters.", 40));
		}
		var size = blankToNull(c.disclosedSizeClass());
		if (size != null && !SIZE_CLASSES.contains(size)) {
			problems.add(problem("disclosedSizeClass", "sharing.error.size-class", "The size class is SMALL, MEDIUM or LARGE."));
		}
		var observables = new ArrayList<ItemObservable>();
		if (c.observables().size() > OBSERVABLES_MAX) {
			problems.add(problem("observables", "sharing.error.too-many", "At most " + OBSERVABLES_MAX + ".", OBSERVABLES_MAX));
		}
		var seen = new HashSet<Observable>();
		for (int i = 0; i < c.observables().size() && i < OBSERVABLES_MAX; i++) {
			var o = c.observables().get(i);
			var normalised = Observable.of(o.type(), o.value());
			if (normalised.isEmpty()) {
				problems.add(problem("observables[" + i + "].value", "sharing.error.observable",
						"Not a valid " + o.type().name() + " value.", o.type().name()));
			}
			else if (seen.add(normalised.get())) {
				observables.add(new ItemObservable(o.type(), normalised.get().value(), o.role()));
			}
		}
		if (c.audience().size() > AUDIENCE_MAX) {
			problems.add(problem("audience", "sharing.error.too-many", "At most " + AUDIENCE_MAX + ".", AUDIENCE_MAX));
		}
		for (int i = 0; i < c.audience().size() && i < AUDIENCE_MAX; i++) {
			var a = c.audience().get(i);
			var field = "audience[" + i + "]";
			var known = switch (a.kind()) {
				case SECTOR -> refs.sector(a.ref());
				case GROUP -> uuid(a.ref(), refs::group);
				case ORGANISATION -> uuid(a.ref(), refs::organisation);
				case USER -> uuid(a.ref(), refs::user);
				case LOCAL_GOVERNMENTS -> a.ref().isEmpty();
			};
			if (!known) {
				problems.add(problem(field, "sharing.error.unknown-recipient", "No such " + a.kind().name().toLowerCase()
						.replace('_', ' ') + ".", a.kind().name()));
			}
			else if (c.tlp() == Tlp.RED && a.kind() != AudienceKind.USER) {
				problems.add(problem(field, "sharing.error.red-individuals",
						"TLP:RED goes to named individuals only, not to sectors, groups or organisations."));
			}
			else if (c.tlp() != Tlp.RED && a.kind() == AudienceKind.USER) {
				problems.add(problem(field, "sharing.error.individuals-red",
						"Named individuals are an audience for TLP:RED only; choose their organisation instead."));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		return new ItemContent(c.title().strip(), c.body(), c.analysis(), c.countermeasures(), c.language(), c.tlp(),
				List.copyOf(new java.util.LinkedHashSet<>(c.disclosedSectors())), prefecture, size, observables,
				List.copyOf(new java.util.LinkedHashSet<>(c.audience())));
	}

	private static boolean uuid(String ref, Predicate<UUID> exists) {
		try {
			return exists.test(UUID.fromString(ref));
		}
		catch (IllegalArgumentException e) {
			return false;
		}
	}

	private static void checkLength(List<InvalidFields.Problem> problems, String field, String text) {
		if (text.length() > TEXT_MAX) {
			problems.add(problem(field, "sharing.error.too-long", "At most " + TEXT_MAX + " characters.", TEXT_MAX));
		}
	}

	static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static InvalidFields.Problem problem(String field, String key, String message, Object... args) {
		return new InvalidFields.Problem(field, key, List.of(args), message);
	}
}
