package org.kakehashi.reporting.cases;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.kakehashi.platform.InvalidInput;

/**
 * MITRE ATT&CK ids as analysts tag reports with them: techniques {@code T1566}, sub-techniques
 * {@code T1566.001} and tactics {@code TA0001}. Only the shape is checked; the catalogue changes twice a year
 * and an id it does not know yet is still worth recording.
 */
public final class AttackIds {

	static final Pattern ID = Pattern.compile("T\\d{4}(\\.\\d{3})?|TA\\d{4}");
	static final int MAX = 50;

	private AttackIds() {
	}

	/** Upper-cased, without repeats, in the order given; the first malformed one is named by its position. */
	public static List<String> normalise(List<String> ids) {
		var result = new LinkedHashSet<String>();
		for (int i = 0; i < ids.size(); i++) {
			var id = ids.get(i) == null ? "" : ids.get(i).strip().toUpperCase(Locale.ROOT);
			if (id.isEmpty()) {
				continue;
			}
			if (!ID.matcher(id).matches()) {
				throw new InvalidInput("techniques[" + i + "]", "triage.error.technique",
						"Not an ATT&CK id (T1234, T1234.001 or TA0001).");
			}
			result.add(id);
		}
		if (result.size() > MAX) {
			throw new InvalidInput("techniques", "triage.error.too-many-techniques", "At most " + MAX + " ids.");
		}
		return List.copyOf(result);
	}

	/** Ids typed in one field, separated by commas, semicolons or white space. */
	public static List<String> parse(String text) {
		return normalise(new ArrayList<>(List.of(text.strip().isEmpty() ? new String[0] : text.strip().split("[\\s,;、]+"))));
	}
}
