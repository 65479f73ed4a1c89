package org.kakehashi.vulns.certification;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.InvalidFields;

/** Field rules for a certification: every broken rule named with its field, all at once. */
final class CertificationRules {

	static final int NUMBER_MAX = 100;
	static final int NAME_MAX = 200;
	static final int STANDARD_MAX = 100;
	static final int LEVEL_MAX = 100;
	static final int EMAIL_MAX = 254;
	static final int NOTES_MAX = 4000;
	/** Dates outside these are typing mistakes (0202 for 2020), not certificates. */
	static final LocalDate EARLIEST = LocalDate.of(1990, 1, 1);
	static final LocalDate LATEST = LocalDate.of(2199, 12, 31);

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private CertificationRules() {
	}

	/**
	 * The input with its text trimmed (number and issuer NFKC-normalised, so full-width digits typed with a Japanese
	 * input method match their half-width spelling); each broken rule is added to {@code problems}.
	 */
	static CertificationInput check(CertificationInput in, List<InvalidFields.Problem> problems) {
		if (in.kind() == null) {
			problems.add(problem("kind", "vulns.cert.error.kind-required", "Choose what was certified or evaluated."));
		}
		var number = nfkc(in.certificateNumber());
		var issuer = nfkc(in.issuer());
		line(problems, "certificateNumber", number, NUMBER_MAX, true);
		line(problems, "issuer", issuer, NAME_MAX, true);
		// Linked to an organisation, the holder's name may be left for the organisation's own.
		line(problems, "holderName", in.holderName(), NAME_MAX, in.holderOrganisationId() == null);
		line(problems, "subjectName", in.subjectName(), NAME_MAX, true);
		line(problems, "subjectVersion", in.subjectVersion(), NAME_MAX, false);
		line(problems, "standard", in.standard(), STANDARD_MAX, true);
		line(problems, "level", in.level(), LEVEL_MAX, false);
		var from = date(problems, "validFrom", in.validFrom());
		var to = date(problems, "validTo", in.validTo());
		if (from && to && Objects.requireNonNull(in.validTo()).isBefore(Objects.requireNonNull(in.validFrom()))) {
			problems.add(problem("validTo", "vulns.cert.error.period", "The end date cannot be before the start date."));
		}
		if (in.status() == null) {
			problems.add(problem("status", "vulns.cert.error.status-required", "Choose the status."));
		}
		var email = in.contactEmail().strip();
		if (line(problems, "contactEmail", email, EMAIL_MAX, false) && !email.isEmpty() && !EMAIL.matcher(email).matches()) {
			problems.add(problem("contactEmail", "vulns.cert.error.email", "Not an e-mail address."));
		}
		if (in.notes().strip().length() > NOTES_MAX) {
			problems.add(tooLong("notes", NOTES_MAX));
		}
		else if (in.notes().chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
			problems.add(controlCharacters("notes"));
		}
		return new CertificationInput(in.kind(), number, issuer, in.holderName().strip(), in.holderOrganisationId(),
				in.subjectName().strip(), in.subjectVersion().strip(), in.standard().strip(), in.level().strip(),
				in.validFrom(), in.validTo(), in.status(), in.publiclyListed(), email, in.notes().strip());
	}

	static String nfkc(String value) {
		return Normalizer.normalize(value, Normalizer.Form.NFKC).strip();
	}

	/** A one-line text: no control characters at all (a line break included). True when it broke no rule. */
	private static boolean line(List<InvalidFields.Problem> problems, String field, String value, int max,
			boolean required) {
		var text = value.strip();
		if (required && text.isEmpty()) {
			problems.add(problem(field, "vulns.cert.error.required", "Required."));
			return false;
		}
		if (text.length() > max) {
			problems.add(tooLong(field, max));
			return false;
		}
		if (text.chars().anyMatch(Character::isISOControl)) {
			problems.add(controlCharacters(field));
			return false;
		}
		return true;
	}

	private static boolean date(List<InvalidFields.Problem> problems, String field, @Nullable LocalDate value) {
		if (value == null) {
			problems.add(problem(field, "vulns.cert.error.required", "Required."));
			return false;
		}
		if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
			problems.add(new InvalidFields.Problem(field, "vulns.cert.error.date-range",
					// Years as text: a number argument would be printed 1,990.
					List.of(String.valueOf(EARLIEST.getYear()), String.valueOf(LATEST.getYear())),
					"Give a date between " + EARLIEST.getYear() + " and " + LATEST.getYear() + "."));
			return false;
		}
		return true;
	}

	private static InvalidFields.Problem tooLong(String field, int max) {
		return new InvalidFields.Problem(field, "vulns.cert.error.too-long", List.of(max), "At most " + max + " characters.");
	}

	private static InvalidFields.Problem controlCharacters(String field) {
		return problem(field, "vulns.cert.error.control-characters", "Contains control characters.");
	}

	static InvalidFields.Problem problem(String field, String key, String message) {
		return new InvalidFields.Problem(field, key, List.of(), message);
	}
}
