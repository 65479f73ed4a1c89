package org.kakehashi.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.Groups;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.Organisations;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.sharing.internal.AudienceEntry;
import org.kakehashi.sharing.internal.AudienceKind;
import org.kakehashi.sharing.internal.Inbox;
import org.kakehashi.sharing.internal.InboxQuery;
import org.kakehashi.sharing.internal.ItemContent;
import org.kakehashi.sharing.internal.SharedItems;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.ReportFixtures;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * TLP × audience × role: small random worlds (organisations in sectors, groups with and without an NDA and its
 * acceptance, users with roles, items with a TLP, an audience, perhaps a source report, at some stage) are built
 * in the real database through the real services, and what {@link SharedItems#view} and the inbox answer for
 * every user and item is compared with an in-memory model of the rules.
 *
 * <p>The worlds are jqwik arbitraries, sampled inside one Spring test (jqwik's own engine cannot share the
 * application context); a failure prints the world it happened in.
 */
class SharingVisibilityProperties extends IntegrationTest {

	static final int WORLDS = 30;
	static final List<String> SECTORS = List.of("ELECTRICITY", "GAS", "WATER");
	static final List<Role> ROLES = List.of(Role.VIEWER, Role.REPORTER, Role.ORG_ADMIN, Role.ANALYST);

	enum Stage {
		DRAFT, AWAITING_APPROVAL, PUBLISHED, WITHDRAWN
	}

	record OrgSpec(int sector, List<Role> userRoles) {
	}

	record GroupSpec(boolean requiresNda, List<Integer> members, List<Boolean> accepted) {
	}

	/** kind 0 sector, 1 group, 2 organisation, 3 user (the only kind for RED); index into that list. */
	record AudienceSpec(int kind, int index) {
	}

	record ItemSpec(Tlp tlp, List<AudienceSpec> audience, @Nullable Integer sourceOrg, Stage stage) {
	}

	record World(List<OrgSpec> orgs, List<GroupSpec> groups, List<ItemSpec> items) {
	}

	@Autowired
	SharedItems sharedItems;

	@Autowired
	Inbox inbox;

	@Autowired
	Organisations organisations;

	@Autowired
	Users users;

	@Autowired
	Groups groups;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ReportFixtures reports;

	/** How often each answer came up, so a generator that never produces a case is noticed. */
	final java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();

	@Test
	void viewsAndInboxesFollowTheRules() {
		worlds().sampleStream().limit(WORLDS).forEach(world -> {
			try {
				check(world);
			}
			catch (AssertionError e) {
				throw new AssertionError("In world " + world + ": " + e.getMessage(), e);
			}
		});
		assertThat(outcomes).as("outcomes over %d worlds", WORLDS)
			.containsKeys("visible+received", "visible+not received", "hidden+not received");
	}

	static Arbitrary<World> worlds() {
		var org = Combinators.combine(Arbitraries.integers().between(0, SECTORS.size() - 1),
				Arbitraries.of(ROLES).list().ofMinSize(1).ofMaxSize(2)).as(OrgSpec::new);
		var group = Combinators.combine(Arbitraries.of(true, false),
				Arbitraries.integers().between(0, 4).list().ofMinSize(1).ofMaxSize(3).uniqueElements(),
				Arbitraries.of(true, false).list().ofSize(3)).as(GroupSpec::new);
		var audience = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 20))
			.as(AudienceSpec::new);
		var user = Arbitraries.integers().between(0, 40).map(i -> new AudienceSpec(3, i));
		var item = Arbitraries.of(Tlp.values()).flatMap(tlp -> Combinators.combine(
				(tlp == Tlp.RED ? user : audience).list().ofMinSize(1).ofMaxSize(3),
				Arbitraries.integers().between(0, 4).injectNull(0.5), Arbitraries.of(Stage.values()))
			.as((entries, source, stage) -> new ItemSpec(tlp, entries, source, stage)));
		return Combinators.combine(org.list().ofSize(5), group.list().ofMaxSize(2), item.list().ofMinSize(1).ofMaxSize(3))
			.as(World::new);
	}

	private void check(World world) {
		// The national centre: it receives operators' reports directly, so it can make items from them.
		var hubOrg = fixtures.organisation(OrganisationType.NATIONAL_CENTRE);
		var writer = users.create(hubOrg.id(), Fixtures.unique("writer") + "@example.jp", "Writer", null,
				Set.of(Role.ANALYST));
		var hub = sharedItems.viewer(writer.principal());
		var people = new ArrayList<Person>();
		people.add(new Person(writer, hubOrg, Set.of(Role.ANALYST)));
		// Not hub staff: a viewer of the hub, and an analyst of another hub.
		people.add(person(hubOrg, Set.of(Role.VIEWER)));
		people.add(person(fixtures.organisation(OrganisationType.INFORMATION_HUB), Set.of(Role.ANALYST)));
		var orgs = new ArrayList<Organisation>();
		var sectorOf = new java.util.HashMap<UUID, String>();
		for (var spec : world.orgs()) {
			var sector = SECTORS.get(spec.sector());
			var org = organisations.create(new Organisations.Draft(Fixtures.unique("Prop org"), null,
					OrganisationType.OPERATOR, Organisation.SizeClass.MEDIUM, "東京都", false, List.of(sector)));
			orgs.add(org);
			sectorOf.put(org.id(), sector);
			spec.userRoles().forEach(role -> people.add(person(org, Set.of(role))));
		}
		var groupIds = new ArrayList<UUID>();
		var groupMembers = new java.util.HashMap<UUID, Set<UUID>>();
		for (var spec : world.groups()) {
			var group = groups.create(Fixtures.unique("Prop group"), Groups.Kind.SHARING_GROUP, null, null, spec.requiresNda());
			groupIds.add(group.id());
			var counted = new HashSet<UUID>();
			for (int i = 0; i < spec.members().size(); i++) {
				var member = orgs.get(spec.members().get(i));
				var accepted = spec.accepted().get(i);
				groups.addMember(group.id(), member.id(), accepted ? java.time.LocalDate.now() : null);
				if (!spec.requiresNda() || accepted) {
					counted.add(member.id());
				}
			}
			groupMembers.put(group.id(), counted);
		}

		var built = new ArrayList<Built>();
		for (var spec : world.items()) {
			built.add(build(spec, hub, orgs, people, groupIds, groupMembers, sectorOf));
		}

		for (var person : people) {
			var viewer = sharedItems.viewer(person.account().principal());
			var received = new HashSet<UUID>();
			for (var item : inbox.list(viewer, InboxQuery.all(), 0, 200).items()) {
				received.add(item.id());
			}
			for (var item : built) {
				var expected = visible(person, item, hubOrg);
				outcomes.merge((expected ? "visible" : "hidden") + (receives(person, item) ? "+received" : "+not received"),
						1, Integer::sum);
				assertThat(sharedItems.view(viewer, item.id()).isPresent())
					.as("%s with %s sees %s", person.organisation().name(), person.roles(), item).isEqualTo(expected);
				assertThat(received.contains(item.id()))
					.as("%s with %s has %s in the inbox", person.organisation().name(), person.roles(), item)
					.isEqualTo(receives(person, item));
			}
		}
	}

	/** The rules, written independently of the SQL. */
	private static boolean visible(Person person, Built item, Organisation hubOrg) {
		var hubStaff = person.organisation().id().equals(hubOrg.id())
				&& (person.roles().contains(Role.ANALYST) || person.roles().contains(Role.COORDINATOR));
		if (hubStaff) {
			return true;
		}
		var approver = person.roles().contains(Role.REPORTER) || person.roles().contains(Role.ORG_ADMIN);
		if (approver && item.source() != null && item.source().equals(person.organisation().id())
				&& item.stage() != Stage.DRAFT) {
			return true;
		}
		return item.published() && (item.tlp() == Tlp.CLEAR || receives(person, item));
	}

	private static boolean receives(Person person, Built item) {
		if (!item.published()) {
			return false;
		}
		return item.tlp() == Tlp.RED ? item.namedUsers().contains(person.account().id())
				: item.audienceOrganisations().contains(person.organisation().id());
	}

	private Built build(ItemSpec spec, Viewer hub, List<Organisation> orgs, List<Person> people, List<UUID> groupIds,
			Map<UUID, Set<UUID>> groupMembers, Map<UUID, String> sectorOf) {
		var entries = new ArrayList<AudienceEntry>();
		var audienceOrgs = new HashSet<UUID>();
		var named = new HashSet<UUID>();
		for (var a : spec.audience()) {
			switch (a.kind()) {
				case 0 -> {
					var sector = SECTORS.get(a.index() % SECTORS.size());
					entries.add(new AudienceEntry(AudienceKind.SECTOR, sector));
					orgs.stream().filter(o -> sector.equals(sectorOf.get(o.id()))).forEach(o -> audienceOrgs.add(o.id()));
				}
				case 1 -> {
					if (groupIds.isEmpty()) {
						continue;
					}
					var group = groupIds.get(a.index() % groupIds.size());
					entries.add(new AudienceEntry(AudienceKind.GROUP, group.toString()));
					audienceOrgs.addAll(groupMembers.get(group));
				}
				case 2 -> {
					var org = orgs.get(a.index() % orgs.size());
					entries.add(new AudienceEntry(AudienceKind.ORGANISATION, org.id().toString()));
					audienceOrgs.add(org.id());
				}
				default -> {
					var person = people.get(a.index() % people.size());
					entries.add(new AudienceEntry(AudienceKind.USER, person.account().id().toString()));
					named.add(person.account().id());
				}
			}
		}
		if (entries.isEmpty()) {
			var org = orgs.get(0);
			entries.add(new AudienceEntry(AudienceKind.ORGANISATION, org.id().toString()));
			audienceOrgs.add(org.id());
		}
		UUID source = null;
		var reportIds = List.<UUID>of();
		if (spec.sourceOrg() != null) {
			var org = orgs.get(spec.sourceOrg());
			var approver = person(org, Set.of(Role.REPORTER));
			people.add(approver);
			var reporter = approver.account();
			reportIds = List.of(reports.submitted(reporter, ReportKind.INCIDENT, "Prop report",
					Instant.now().minusSeconds(600)).id());
			source = org.id();
		}
		var content = new ItemContent("Prop item " + spec.tlp(), "本文", "", "", "ja", spec.tlp(), List.of(), null, null,
				List.of(), List.copyOf(new java.util.LinkedHashSet<>(entries)));
		var item = sharedItems.create(hub, content, reportIds);
		var id = item.id();
		if (source != null && spec.stage() != Stage.DRAFT) {
			sharedItems.requestApproval(hub, id);
		}
		var stage = source == null && spec.stage() == Stage.AWAITING_APPROVAL ? Stage.DRAFT : spec.stage();
		if (stage == Stage.PUBLISHED || stage == Stage.WITHDRAWN) {
			sharedItems.publish(hub, id, "property test", "property test");
			if (stage == Stage.WITHDRAWN) {
				sharedItems.withdraw(hub, id, "property test");
			}
		}
		return new Built(id, spec.tlp(), stage, source, audienceOrgs, named);
	}

	private Person person(Organisation org, Set<Role> roles) {
		var account = users.create(org.id(), Fixtures.unique("prop") + "@example.jp", "Prop", null, roles);
		return new Person(account, org, roles);
	}

	record Person(UserAccount account, Organisation organisation, Set<Role> roles) {
	}

	record Built(UUID id, Tlp tlp, Stage stage, @Nullable UUID source, Set<UUID> audienceOrganisations,
			Set<UUID> namedUsers) {

		boolean published() {
			return stage == Stage.PUBLISHED || stage == Stage.WITHDRAWN;
		}
	}
}
