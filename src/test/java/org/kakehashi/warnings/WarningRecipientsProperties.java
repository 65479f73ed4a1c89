package org.kakehashi.warnings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.warnings.internal.Agreements;
import org.kakehashi.warnings.internal.Urgency;
import org.kakehashi.warnings.internal.WarningContent;
import org.kakehashi.warnings.internal.WarningLists;
import org.kakehashi.warnings.internal.WarningViewer;
import org.kakehashi.warnings.internal.Warnings;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Agreement scope × warning subject: small random worlds (subscribers in sectors, agreements with sector, topic
 * and keyword scopes and validity periods, some ended, warnings about sectors, topics and products, with
 * organisations added by hand) are built through the real services, and whom each warning reaches — the planned
 * list, the published recipients, each organisation's view and inbox — is compared with an in-memory model of
 * the matching rules. Sampled inside one Spring test, like {@code SharingVisibilityProperties}.
 */
class WarningRecipientsProperties extends IntegrationTest {

	static final int WORLDS = 25;
	static final List<String> SECTORS = List.of("ELECTRICITY", "GAS", "WATER");
	static final List<String> TOPICS = List.of("ransomware", "VPN", "ddos");
	static final List<String> KEYWORDS = List.of("FooSCADA", "BarRouter", "Baz");
	static final WarningLists.InboxQuery EVERYTHING = new WarningLists.InboxQuery(null, null, null, null, 0, 200);

	/** Validity relative to today: 0 current, 1 not yet, 2 expired, 3 ended by the sender. */
	record AgreementSpec(int subscriber, Set<Integer> sectors, Set<Integer> topics, Set<Integer> keywords, int validity) {
	}

	/** {@code upperCaseProducts}: the products text names keywords in upper case, to check matching ignores case. */
	record WarningSpec(Set<Integer> sectors, Set<Integer> topics, Set<Integer> products, Set<Integer> additions,
			boolean upperCaseProducts) {
	}

	record World(List<Integer> orgSectors, List<AgreementSpec> agreements, List<WarningSpec> warnings) {
	}

	@Autowired
	Warnings warnings;

	@Autowired
	Agreements agreements;

	@Autowired
	WarningLists lists;

	@Autowired
	Fixtures fixtures;

	final TreeMap<String, Integer> outcomes = new TreeMap<>();

	@Test
	void recipientsFollowTheAgreementsAndNobodyElseSeesTheWarning() {
		worlds().sampleStream().limit(WORLDS).forEach(world -> {
			try {
				check(world);
			}
			catch (AssertionError e) {
				throw new AssertionError("In world " + world + ": " + e.getMessage(), e);
			}
		});
		assertThat(outcomes).as("outcomes over %d worlds", WORLDS).containsKeys("reached", "not reached",
				"added by hand", "no recipients");
	}

	static Arbitrary<World> worlds() {
		var subset = Arbitraries.integers().between(0, 2).set().ofMaxSize(2);
		var agreement = Combinators.combine(Arbitraries.integers().between(0, 4), subset, subset, subset,
				Arbitraries.integers().between(0, 3).edgeCases(e -> e.add(0)))
			.as(AgreementSpec::new);
		var warning = Combinators.combine(subset, subset, subset, Arbitraries.integers().between(0, 4).set().ofMaxSize(1),
				Arbitraries.of(true, false)).as(WarningSpec::new);
		return Combinators.combine(Arbitraries.integers().between(0, 2).list().ofSize(5),
				agreement.list().ofMinSize(1).ofMaxSize(5), warning.list().ofMinSize(1).ofMaxSize(2)).as(World::new);
	}

	private void check(World world) {
		var senderOrg = fixtures.organisation(OrganisationType.NATIONAL_CENTRE);
		var author = WarningViewer.of(fixtures.user(senderOrg, Role.ANALYST).principal());
		var reviewer = WarningViewer.of(fixtures.user(senderOrg, Role.COORDINATOR).principal());
		var orgs = new ArrayList<Organisation>();
		var members = new ArrayList<UserAccount>();
		for (var sector : world.orgSectors()) {
			var org = fixtures.organisation(OrganisationType.OPERATOR, SECTORS.get(sector));
			orgs.add(org);
			members.add(fixtures.user(org, Role.VIEWER));
		}
		var today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
		for (var spec : world.agreements()) {
			var from = spec.validity() == 1 ? today.plusDays(3) : today.minusDays(30);
			var to = spec.validity() == 2 ? today.minusDays(1) : null;
			var made = agreements.create(author, new Agreements.AgreementInput(orgs.get(spec.subscriber()).id(),
					pick(SECTORS, spec.sectors()), pick(TOPICS, spec.topics()), pick(KEYWORDS, spec.keywords()), List.of(),
					List.of(), null, null, from, to, null));
			if (spec.validity() == 3) {
				agreements.end(author, made.id());
			}
		}
		for (var spec : world.warnings()) {
			var products = String.join(", ", pick(KEYWORDS, spec.products())) + " 3.1";
			var content = new WarningContent(Urgency.HIGH, Tlp.GREEN, "Property warning", "", "", "", "", "", "Patch now",
					"", spec.upperCaseProducts() ? products.toUpperCase(Locale.ROOT) : products, List.of(), List.of(),
					pick(SECTORS, spec.sectors()), pick(TOPICS, spec.topics()), List.of(), List.of(),
					spec.additions().stream().map(i -> orgs.get(i).id()).toList());
			var expected = expected(world, spec);
			var id = warnings.create(author, content).id();
			var planned = new HashSet<UUID>();
			warnings.plannedRecipients(author, id).forEach(p -> planned.add(p.organisationId()));
			var expectedIds = new HashSet<UUID>();
			expected.forEach(i -> expectedIds.add(orgs.get(i).id()));
			assertThat(planned).as("planned recipients of %s", spec).isEqualTo(expectedIds);
			warnings.requestReview(author, id);
			warnings.review(reviewer, id, true, null);
			if (expected.isEmpty()) {
				outcomes.merge("no recipients", 1, Integer::sum);
				try {
					warnings.publish(author, id);
					throw new AssertionError("published without recipients: " + spec);
				}
				catch (InvalidInput refused) {
					assertThat(refused.field()).isEqualTo("additions");
				}
				continue;
			}
			warnings.publish(author, id);
			for (int i = 0; i < orgs.size(); i++) {
				var viewer = WarningViewer.of(members.get(i).principal());
				var reaches = expected.contains(i);
				outcomes.merge(reaches ? (spec.additions().contains(i) ? "added by hand" : "reached") : "not reached", 1,
						Integer::sum);
				assertThat(warnings.view(viewer, id, false).isPresent()).as("organisation %d sees %s", i, spec)
					.isEqualTo(reaches);
				var inbox = lists.inbox(viewer, EVERYTHING).items().stream()
					.anyMatch(line -> line.id().equals(id));
				assertThat(inbox).as("organisation %d has %s in its inbox", i, spec).isEqualTo(reaches);
			}
			assertThat(warnings.tracking(author, id).recipients()).isEqualTo(expected.size());
		}
	}

	/** The matching rules, written independently of the SQL. */
	private static Set<Integer> expected(World world, WarningSpec warning) {
		var out = new HashSet<Integer>(warning.additions());
		for (var a : world.agreements()) {
			if (a.validity() != 0) {
				continue;
			}
			var sectors = a.sectors().isEmpty() || warning.sectors().isEmpty()
					|| a.sectors().stream().anyMatch(warning.sectors()::contains);
			var topics = a.topics().isEmpty() || a.topics().stream().anyMatch(warning.topics()::contains);
			var keywords = a.keywords().isEmpty() || a.keywords().stream().anyMatch(warning.products()::contains);
			if (sectors && topics && keywords) {
				out.add(a.subscriber());
			}
		}
		return out;
	}

	private static List<String> pick(List<String> values, Set<Integer> indexes) {
		return indexes.stream().sorted().map(values::get).toList();
	}
}
