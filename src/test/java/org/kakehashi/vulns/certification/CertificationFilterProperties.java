package org.kakehashi.vulns.certification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SQL of the list filters and of visibility against their Java rules ({@link StatusFilter#matches},
 * {@link Standing#listedPublicly}): random records around today (any status, start and end, public or not, held by
 * the viewer's organisation or not) are registered, and every filter, the public list and a holder member's list
 * must return exactly the records the rules pick. Sampled inside one Spring test, like the other property tests.
 */
class CertificationFilterProperties extends IntegrationTest {

	static final int RECORDS = 60;

	record Shape(CertificationStatus status, int startOffset, int length, boolean flagged, boolean held) {
	}

	@Autowired
	Fixtures fixtures;

	@Autowired
	Certifications certifications;

	@Test
	void everyFilterAndEveryViewReturnsExactlyWhatTheRulesPick() {
		var keeper = CertificationViewer.of(fixtures.user(fixtures.organisation(OrganisationType.COORDINATOR),
				Role.ANALYST).principal());
		var holder = fixtures.organisation(OrganisationType.VENDOR);
		var member = CertificationViewer.of(fixtures.user(holder, Role.VIEWER).principal());
		var tag = "P" + UUID.randomUUID().toString().substring(0, 8);
		var today = certifications.today();
		var shapes = new HashMap<UUID, Shape>();
		shapes().sampleStream().limit(RECORDS).forEach(shape -> {
			var validFrom = today.plusDays(shape.startOffset());
			var input = new CertificationInput(CertificationKind.DEVICE_EVALUATION, tag + "-" + shapes.size(), "Body",
					"Holder " + tag, shape.held() ? holder.id() : null, "Product", "", "EDSA", "", validFrom,
					validFrom.plusDays(shape.length()), shape.status(), shape.flagged(), "", "");
			shapes.put(certifications.register(keeper, input).id(), shape);
		});
		for (var filter : StatusFilter.values()) {
			var expected = pick(shapes, s -> filter.matches(s.status(), today.plusDays(s.startOffset() + s.length()), today));
			assertThat(ids(certifications.list(keeper, tag, null, filter, 0, 200).items())).as(filter.name())
				.isEqualTo(expected);
		}
		var listed = pick(shapes, s -> Standing.listedPublicly(s.flagged(), s.status(), today.plusDays(s.startOffset()),
				today.plusDays(s.startOffset() + s.length()), today));
		assertThat(ids(certifications.publicList(tag, null, 0, 200).items())).as("public list").isEqualTo(listed);
		var own = pick(shapes, Shape::held);
		var seenByMember = new HashSet<>(listed);
		seenByMember.addAll(own);
		assertThat(ids(certifications.list(member, tag, null, null, 0, 200).items())).as("holder member")
			.isEqualTo(seenByMember);
		assertThat(ids(certifications.list(keeper, tag, null, null, 0, 200).items())).isEqualTo(shapes.keySet());
	}

	static Arbitrary<Shape> shapes() {
		return Combinators.combine(Arbitraries.of(CertificationStatus.class), Arbitraries.integers().between(-400, 30),
				Arbitraries.integers().between(0, 600), Arbitraries.of(true, false), Arbitraries.of(true, false))
			.as(Shape::new);
	}

	static Set<UUID> pick(Map<UUID, Shape> shapes, java.util.function.Predicate<Shape> rule) {
		var picked = new HashSet<UUID>();
		shapes.forEach((id, shape) -> {
			if (rule.test(shape)) {
				picked.add(id);
			}
		});
		return picked;
	}

	static Set<UUID> ids(java.util.List<Certification> items) {
		var ids = new HashSet<UUID>();
		items.forEach(c -> ids.add(c.id()));
		return ids;
	}
}
