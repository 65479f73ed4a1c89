package org.kakehashi.warnings.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.kakehashi.identity.Directory;
import org.kakehashi.platform.InvalidFields;
import org.springframework.stereotype.Component;

/**
 * The warning rules as a list, without saving anything: the compose form shows every problem at once, its own
 * (an unparseable line) beside the content's, and the countermeasures rule too when the sender asks for review.
 */
@Component
public class WarningChecks {

	private final Directory directory;

	WarningChecks(Directory directory) {
		this.directory = directory;
	}

	public List<InvalidFields.Problem> problems(WarningContent content, boolean forReview) {
		var problems = new ArrayList<InvalidFields.Problem>();
		var sectors = directory.sectors().stream().map(Directory.SectorRef::code).collect(Collectors.toSet());
		var known = directory.organisations(content.additions()).keySet();
		try {
			WarningRules.check(content, sectors::contains, known::contains);
		}
		catch (InvalidFields e) {
			problems.addAll(e.problems());
		}
		if (forReview) {
			try {
				WarningRules.checkPublishable(content);
			}
			catch (InvalidFields e) {
				problems.addAll(e.problems());
			}
		}
		return problems;
	}
}
