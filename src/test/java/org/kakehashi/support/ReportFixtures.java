package org.kakehashi.support;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.reporting.Cause;
import org.kakehashi.reporting.EventType;
import org.kakehashi.reporting.Observable;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.ReportLookup;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.reporting.internal.Report;
import org.kakehashi.reporting.internal.ReportContent;
import org.kakehashi.reporting.internal.ReportFiling;
import org.springframework.stereotype.Component;

/** Reports straight through the module's own service, for tests that need some to exist. */
@Component
public class ReportFixtures {

	private final ReportFiling filing;
	private final ReportLookup lookup;

	ReportFixtures(ReportFiling filing, ReportLookup lookup) {
		this.filing = filing;
		this.lookup = lookup;
	}

	/** The viewer a signed-in user would be. */
	public Viewer viewer(UserAccount user) {
		return lookup.viewer(user.principal());
	}

	/** A complete, valid report content in the reporter's first sector. */
	public ReportContent content(UserAccount reporter, ReportKind kind, String title, Instant awareAt,
			Observable... observables) {
		var sector = viewer(reporter).sectors().get(0);
		return new ReportContent(kind, title, "説明: " + title, null, List.of(sector), "オンラインサービス",
				Set.of(EventType.UNAVAILABILITY), Set.of(Cause.INTENTIONAL), 2, 1, awareAt.minusSeconds(600), awareAt,
				null, null, 1200L, 45, "関東", false, false, null, List.of(observables), "担当 花子",
				"soc@example.jp", "03-0000-0000");
	}

	/** Files and submits an initial report. */
	public Report submitted(UserAccount reporter, ReportKind kind, String title, Instant awareAt,
			Observable... observables) {
		return filing.createAndSubmit(viewer(reporter), content(reporter, kind, title, awareAt, observables),
				ReportFiling.Submission.REPORT);
	}
}
