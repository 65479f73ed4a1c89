package org.kakehashi.reporting.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.kakehashi.platform.InvalidInput;
import org.springframework.http.HttpStatus;

/** The triage rules on their own: transitions, the invariants every sequence of actions keeps, ATT&CK ids. */
class TriageStateTests {

	static final UUID ANALYST = UUID.randomUUID();
	static final UUID ORIGINAL = UUID.randomUUID();

	@Test
	void assigningMovesANewReportOnAndUnassigningPutsItBack() {
		var assigned = TriageState.initial().assign(ANALYST);
		assertThat(assigned.status()).isEqualTo(TriageStatus.ASSIGNED);
		var working = assigned.moveTo(TriageStatus.IN_PROGRESS);
		assertThat(working.assign(null).status()).isEqualTo(TriageStatus.NEW);
		assertThat(working.moveTo(TriageStatus.CLOSED).assign(null).status()).isEqualTo(TriageStatus.CLOSED);
	}

	@Test
	void workNeedsSomeoneAndDoesNotGoBackToNew() {
		assertThatThrownBy(() -> TriageState.initial().moveTo(TriageStatus.IN_PROGRESS))
			.isInstanceOf(InvalidInput.class).extracting("field", "status").containsExactly("status", HttpStatus.CONFLICT);
		var working = TriageState.initial().assign(ANALYST).moveTo(TriageStatus.IN_PROGRESS);
		assertThatThrownBy(() -> working.moveTo(TriageStatus.NEW)).isInstanceOf(InvalidInput.class)
			.extracting("messageKey").isEqualTo("triage.error.transition");
		assertThat(working.moveTo(TriageStatus.ASSIGNED).moveTo(TriageStatus.NEW).assigneeId()).isNull();
	}

	@Test
	void aDuplicateIsClosedAndReopeningEndsIt() {
		var duplicate = TriageState.initial().assign(ANALYST).markDuplicateOf(ORIGINAL);
		assertThat(duplicate.status()).isEqualTo(TriageStatus.CLOSED);
		assertThat(duplicate.duplicateOf()).isEqualTo(ORIGINAL);
		var reopened = duplicate.moveTo(TriageStatus.IN_PROGRESS);
		assertThat(reopened.duplicateOf()).isNull();
		assertThat(reopened.assigneeId()).isEqualTo(ANALYST);
	}

	@Test
	void reRatingSaysWhyAndKeepsToTheScale() {
		var rated = TriageState.initial().rerate(3, "  lateral movement seen  ");
		assertThat(rated.centreSeverity()).isEqualTo(3);
		assertThat(rated.severityReason()).isEqualTo("lateral movement seen");
		assertThatThrownBy(() -> TriageState.initial().rerate(3, " ")).extracting("field").isEqualTo("severityReason");
		assertThatThrownBy(() -> TriageState.initial().rerate(5, "x")).extracting("field").isEqualTo("centreSeverity");
		assertThatThrownBy(() -> TriageState.initial().rerate(-1, "x")).extracting("field").isEqualTo("centreSeverity");
		assertThat(rated.rerate(null, null).centreSeverity()).isNull();
		assertThat(rated.rerate(null, null).severityReason()).isNull();
	}

	@Test
	void attackIdsAreCheckedNormalisedAndNamedByPosition() {
		assertThat(AttackIds.parse("t1566.001, TA0001 T1566.001;T1059")).containsExactly("T1566.001", "TA0001", "T1059");
		assertThat(AttackIds.parse("  ")).isEmpty();
		for (var bad : List.of("T123", "T12345", "T1566.01", "TA001", "X1566", "T1566.001x", "<script>", "T1566 .001")) {
			assertThatThrownBy(() -> AttackIds.normalise(List.of("T1059", bad)))
				.as(bad).isInstanceOf(InvalidInput.class).extracting("field").isEqualTo("techniques[1]");
		}
	}

	@Property
	void wellFormedIdsAlwaysPass(@ForAll("ids") String id) {
		assertThat(AttackIds.normalise(List.of(id.toLowerCase()))).containsExactly(id);
	}

	@Provide
	Arbitrary<String> ids() {
		var technique = Arbitraries.integers().between(0, 9999).map(n -> "T%04d".formatted(n));
		var sub = Combinators.combine(technique, Arbitraries.integers().between(0, 999)).as((t, s) -> t + ".%03d".formatted(s));
		var tactic = Arbitraries.integers().between(0, 9999).map(n -> "TA%04d".formatted(n));
		return Arbitraries.oneOf(technique, sub, tactic);
	}

	/** One thing an analyst can do to a triage; some are refused, none may break the rules. */
	sealed interface Action {
		TriageState apply(TriageState state);
	}

	record Assign(boolean someone) implements Action {
		public TriageState apply(TriageState s) {
			return s.assign(someone ? ANALYST : null);
		}
	}

	record Move(TriageStatus target) implements Action {
		public TriageState apply(TriageState s) {
			return s.moveTo(target);
		}
	}

	record Duplicate() implements Action {
		public TriageState apply(TriageState s) {
			return s.markDuplicateOf(ORIGINAL);
		}
	}

	record Rerate(int level) implements Action {
		public TriageState apply(TriageState s) {
			return s.rerate(level, "why");
		}
	}

	@Property(tries = 500)
	void noSequenceOfActionsBreaksTheRules(@ForAll("actions") @Size(max = 30) List<Action> actions) {
		var state = TriageState.initial();
		for (var action : actions) {
			try {
				state = action.apply(state);
			} catch (InvalidInput refused) {
				// a refused action leaves the state as it was
			}
			assertThat(state.status() != TriageStatus.NEW || state.assigneeId() == null).as("NEW has nobody").isTrue();
			assertThat(!state.status().needsAssignee() || state.assigneeId() != null).as("work has someone").isTrue();
			assertThat(state.duplicateOf() == null || state.status() == TriageStatus.CLOSED).as("duplicate is closed").isTrue();
			assertThat((state.centreSeverity() == null) == (state.severityReason() == null)).as("level with reason").isTrue();
		}
	}

	@Provide
	Arbitrary<List<Action>> actions() {
		Arbitrary<Action> action = Arbitraries.oneOf(
				Arbitraries.of(true, false).map(Assign::new),
				Arbitraries.of(TriageStatus.class).map(Move::new),
				Arbitraries.just(new Duplicate()),
				Arbitraries.integers().between(-1, 5).map(Rerate::new));
		return action.list();
	}
}
