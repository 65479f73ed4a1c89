package org.kakehashi.vulns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.vulns.internal.CaseKind;
import org.kakehashi.vulns.internal.CaseReport;
import org.kakehashi.vulns.internal.CaseStatus;
import org.kakehashi.vulns.internal.CaseViewer;
import org.kakehashi.vulns.internal.Outcome;
import org.kakehashi.vulns.internal.TransitionRequest;
import org.kakehashi.vulns.internal.VulnCases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/**
 * The transition table against the real service and database: random sequences of requested moves (any target,
 * any closing outcome, each request otherwise complete) are sent to a fresh case; the service must accept exactly
 * the moves {@link CaseStatus#next(CaseKind)} and {@link CaseStatus#closingOutcomes(CaseKind)} (of a web-site case) allow, refuse the rest with 409 and
 * leave the case as it was, and the stored history must replay, move by move, to the current state. Sampled inside
 * one Spring test, like the other property tests here.
 */
class CaseTransitionProperties extends IntegrationTest {

	static final int SEQUENCES = 30;
	static final CaseKind KIND = CaseKind.WEBSITE;

	record Requested(CaseStatus to, Outcome outcome) {
	}

	@Autowired
	Fixtures fixtures;

	@Autowired
	VulnCases cases;

	@Test
	void theServiceFollowsTheTableAndTheHistoryReplaysToTheCurrentState() {
		var coordinator = CaseViewer.of(fixtures.user(fixtures.organisation(OrganisationType.COORDINATOR), Role.ANALYST)
			.principal());
		var finder = CaseViewer.of(fixtures.user(fixtures.organisation(OrganisationType.OPERATOR), Role.VIEWER).principal());
		assertThat(coordinator.coordinator()).isTrue();
		sequences().sampleStream().limit(SEQUENCES).forEach(sequence -> {
			var filed = cases.file(finder, new CaseReport(CaseKind.WEBSITE, false, "", "", "", "https://city.example/form",
					"Property case", "XSS in the search form", "", "", "", false, false));
			var model = CaseStatus.RECEIVED;
			var accepted = 0;
			for (var move : sequence) {
				var allowed = model.allows(KIND, move.to())
						&& (move.to() != CaseStatus.CLOSED || model.closingOutcomes(KIND).contains(move.outcome()));
				var request = request(move);
				if (allowed) {
					var moved = cases.transition(coordinator, filed.id(), request);
					assertThat(moved.status()).as("%s → %s", model, move).isEqualTo(move.to());
					model = move.to();
					accepted++;
				}
				else {
					assertThatThrownBy(() -> cases.transition(coordinator, filed.id(), request)).as("%s → %s", model, move)
						.isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
				}
				assertThat(cases.find(coordinator, filed.id()).orElseThrow().status()).isEqualTo(model);
			}
			var history = cases.history(coordinator, filed.id());
			assertThat(history).hasSize(1 + accepted);
			CaseStatus replayed = null;
			for (var step : history) {
				assertThat(step.from()).isEqualTo(replayed);
				assertThat(replayed == null ? step.to() == CaseStatus.RECEIVED : replayed.allows(KIND, step.to())).isTrue();
				replayed = step.to();
			}
			assertThat(replayed).isEqualTo(model);
			var stored = cases.find(coordinator, filed.id()).orElseThrow();
			assertThat(stored.outcome() != null).isEqualTo(model == CaseStatus.CLOSED);
		});
	}

	/** A complete request for the target: the table alone decides. */
	static TransitionRequest request(Requested move) {
		var today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
		return switch (move.to()) {
			case NOT_ACCEPTED -> new TransitionRequest(move.to(), "Already known.", true, null, null, null, null);
			case VENDOR_CONTACTED -> new TransitionRequest(move.to(), "", false, null, today, null, null);
			case DATE_AGREED -> new TransitionRequest(move.to(), "", false, null, null,
					today.plusDays(45).atTime(10, 0), "Asia/Tokyo");
			case CLOSED -> new TransitionRequest(move.to(), "Done.", false, move.outcome(), null, null, null);
			default -> new TransitionRequest(move.to(), "", false, null, null, null, null);
		};
	}

	static Arbitrary<List<Requested>> sequences() {
		// Biased towards the next legal step so that long sequences reach the late states too.
		var moves = Combinators.combine(Arbitraries.of(CaseStatus.class), Arbitraries.of(Outcome.class)).as(Requested::new);
		return moves.list().ofMinSize(1).ofMaxSize(25).map(CaseTransitionProperties::nudge);
	}

	/** Replaces about half the requests with a legal one from where the model would be, so paths go deep. */
	static List<Requested> nudge(List<Requested> raw) {
		var out = new java.util.ArrayList<Requested>();
		var at = CaseStatus.RECEIVED;
		for (int i = 0; i < raw.size(); i++) {
			var move = raw.get(i);
			if (i % 2 == 0 && !at.next(KIND).isEmpty()) {
				var options = List.copyOf(at.next(KIND));
				var to = options.get(move.to().ordinal() % options.size());
				var outcomes = List.copyOf(at.closingOutcomes(KIND));
				var outcome = to == CaseStatus.CLOSED ? outcomes.get(move.outcome().ordinal() % outcomes.size())
						: move.outcome();
				move = new Requested(to, outcome);
			}
			if (at.allows(KIND, move.to()) && (move.to() != CaseStatus.CLOSED || at.closingOutcomes(KIND).contains(move.outcome()))) {
				at = move.to();
			}
			out.add(move);
		}
		return out;
	}
}
