package org.kakehashi.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.internal.DemoWorld;
import org.kakehashi.identity.internal.GroupAdministration;
import org.kakehashi.identity.internal.Groups;
import org.kakehashi.identity.internal.Invitations;
import org.kakehashi.identity.internal.OrganisationAdministration;
import org.kakehashi.identity.internal.Organisations;
import org.kakehashi.identity.internal.UserAdministration;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The administration services with real principals, plus the public pages (invitation, password reset,
 * sign-in) over HTTP. None of these needs the second-factor step.
 */
class AdministrationTests extends IntegrationTest {

	private static final Pattern LINK = Pattern.compile("https?://\\S+?(/(?:invitation|password-reset)\\?token=[A-Za-z0-9_-]+)");

	@Autowired Fixtures fixtures;
	@Autowired OrganisationAdministration organisations;
	@Autowired GroupAdministration groupAdministration;
	@Autowired Groups groups;
	@Autowired UserAdministration userAdministration;
	@Autowired Invitations invitations;
	@Autowired Users users;
	@Autowired DemoWorld demo;
	@Autowired JdbcClient jdbc;

	@Test
	void organisationAdministratorsSeeAndChangeOnlyTheirOwnOrganisation() {
		var own = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		var other = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		var admin = fixtures.user(own, Role.ORG_ADMIN).principal();

		assertThat(organisations.find(admin, other.id())).isEmpty();
		assertThat(organisations.find(admin, own.id())).isPresent();
		var listed = organisations.search(admin, new OrganisationAdministration.Query(null, null, "ELECTRICITY", 0, 200));
		assertThat(listed.items()).extracting(o -> o.id()).containsExactly(own.id());

		var draft = new Organisations.Draft("Renamed " + Fixtures.unique("x"), null, OrganisationType.OPERATOR, null, "東京都",
				false, List.of("ELECTRICITY"));
		assertThatThrownBy(() -> organisations.update(admin, other.id(), draft))
			.isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
		var typeChange = new Organisations.Draft(own.name(), null, OrganisationType.NATIONAL_CENTRE, null, "東京都", false,
				List.of("ELECTRICITY"));
		assertThatThrownBy(() -> organisations.update(admin, own.id(), typeChange))
			.isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("type"));
		assertThat(organisations.update(admin, own.id(), draft).name()).isEqualTo(draft.name());

		var stranger = fixtures.user(other, Role.REPORTER);
		assertThat(userAdministration.find(admin, stranger.id())).isEmpty();
		assertThat(userAdministration.search(admin, other.id(), null, null, 0, 200).items())
			.noneMatch(u -> u.organisationId().equals(other.id()));
		assertThatThrownBy(() -> userAdministration.deactivate(admin, stranger.id()))
			.isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
	}

	@Test
	void platformAdministratorsCreateOrganisationsWithSectorsAndUniqueNames() {
		var admin = platformAdmin();
		var name = Fixtures.unique("北陸みらいガス");
		var created = organisations.create(admin, new Organisations.Draft(name, "Hokuriku Mirai Gas", OrganisationType.OPERATOR,
				null, "石川県", true, List.of("GAS", "PETROLEUM")));
		assertThat(created.sectorCodes()).containsExactlyInAnyOrder("GAS", "PETROLEUM");
		assertThat(audited("identity.organisation.created", created.id().toString())).isTrue();

		assertThatThrownBy(() -> organisations.create(admin, new Organisations.Draft(name.toUpperCase(), null,
				OrganisationType.VENDOR, null, null, false, List.of())))
			.isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("name"));
		var orgAdmin = fixtures.user(fixtures.organisation(OrganisationType.OPERATOR), Role.ORG_ADMIN).principal();
		assertThatThrownBy(() -> organisations.create(orgAdmin, new Organisations.Draft(Fixtures.unique("x"), null,
				OrganisationType.VENDOR, null, null, false, List.of())))
			.isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
	}

	@Test
	void groupsRequireTheNdaDateWhenTheyAskForOne() {
		var admin = platformAdmin();
		var member = fixtures.organisation(OrganisationType.OPERATOR, "WATER");
		var sig = groupAdministration.create(admin, Fixtures.unique("SIG"), Groups.Kind.SIG, "WATER", null, true);
		assertThatThrownBy(() -> groupAdministration.addMember(admin, sig.id(), member.id(), null))
			.isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.field()).isEqualTo("ndaAcceptedOn"));
		groupAdministration.addMember(admin, sig.id(), member.id(), java.time.LocalDate.of(2026, 4, 1));
		assertThat(groups.members(sig.id())).singleElement().satisfies(m -> assertThat(m.ndaAcceptedOn()).isNotNull());
		groupAdministration.removeMember(admin, sig.id(), member.id());
		assertThat(groups.members(sig.id())).isEmpty();
		assertThat(audited("identity.group.member-removed", sig.id().toString())).isTrue();
	}

	@Test
	void anInvitationArrivesByMailAndItsLinkCreatesTheAccountWithItsRoles() throws Exception {
		var organisation = fixtures.organisation(OrganisationType.OPERATOR, "RAILWAY");
		var orgAdmin = fixtures.user(organisation, Role.ORG_ADMIN).principal();
		var email = Fixtures.unique("invitee") + "@example.jp";

		assertThatThrownBy(() -> invitations.invite(orgAdmin, organisation.id(), email, "Invitee", Set.of(Role.PLATFORM_ADMIN)))
			.isInstanceOf(InvalidInput.class);
		invitations.invite(orgAdmin, organisation.id(), email, "鉄道 花子", EnumSet.of(Role.REPORTER, Role.VIEWER));

		var path = linkIn(email, "/invitation");
		var browser = browser();
		assertThat(browser.get(path).status()).isEqualTo(200);
		var token = path.substring(path.indexOf('=') + 1);
		var accepted = browser.submit(path, "/invitation", Map.of("token", token, "displayName", "鉄道 花子",
				"password", "a long and unusual passphrase", "passwordConfirmation", "a long and unusual passphrase"));
		assertThat(accepted.location()).endsWith("/login");
		assertThat(users.byEmail(email)).get().satisfies(user -> {
			assertThat(user.roles()).containsExactlyInAnyOrder(Role.REPORTER, Role.VIEWER);
			assertThat(user.organisationId()).isEqualTo(organisation.id());
		});
		// Spent: the same link no longer opens the form.
		assertThat(browser.get(path).body()).doesNotContain("name=\"passwordConfirmation\"");
	}

	@Test
	void deactivationEndsSignInAndReactivationRestoresIt() {
		var organisation = fixtures.organisation(OrganisationType.OPERATOR, "MEDICAL");
		var admin = fixtures.user(organisation, Role.ORG_ADMIN).principal();
		var reporter = fixtures.user(organisation, Role.REPORTER);

		var before = browser();
		assertThat(Fixtures.signIn(before, reporter.email()).location()).doesNotContain("error");
		assertThat(before.get("/").status()).isEqualTo(200);

		userAdministration.deactivate(admin, reporter.id());
		assertThat(before.get("/").status()).as("the open session is gone").isEqualTo(302);
		assertThat(Fixtures.signIn(browser(), reporter.email()).location()).contains("/login?error");
		assertThat(audited("identity.user.deactivated", reporter.id().toString())).isTrue();

		userAdministration.reactivate(admin, reporter.id());
		assertThat(Fixtures.signIn(browser(), reporter.email()).location()).doesNotContain("error");
	}

	@Test
	void theLastActivePlatformAdministratorKeepsTheRoleAndOthersCannotGrantIt() {
		var organisation = fixtures.organisation(OrganisationType.NATIONAL_CENTRE);
		var orgAdmin = fixtures.user(organisation, Role.ORG_ADMIN).principal();
		var reporter = fixtures.user(organisation, Role.REPORTER);
		assertThatThrownBy(() -> userAdministration.changeRoles(orgAdmin, reporter.id(), Set.of(Role.PLATFORM_ADMIN)))
			.isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));

		// Make this the only active platform administrator, then try to remove the role.
		var admin = fixtures.user(organisation, Role.PLATFORM_ADMIN);
		var others = jdbc.sql("""
				select u.id from app_user u join user_role r on r.user_id = u.id
				where r.role = 'PLATFORM_ADMIN' and u.active and u.id <> :id
				""").param("id", admin.id()).query(java.util.UUID.class).list();
		others.forEach(id -> users.setActive(id, false));
		try {
			assertThatThrownBy(() -> userAdministration.changeRoles(admin.principal(), admin.id(), Set.of(Role.ANALYST)))
				.isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.messageKey()).isEqualTo("user.last-platform-admin"));
			var second = fixtures.user(organisation, Role.VIEWER);
			userAdministration.changeRoles(admin.principal(), second.id(), Set.of(Role.PLATFORM_ADMIN));
			assertThat(userAdministration.changeRoles(admin.principal(), admin.id(), Set.of(Role.ANALYST)).roles())
				.containsExactly(Role.ANALYST);
		} finally {
			others.forEach(id -> users.setActive(id, true));
		}
	}

	@Test
	void aPasswordResetLinkWorksOnceAndUnlocksTheAccount() throws Exception {
		var organisation = fixtures.organisation(OrganisationType.OPERATOR, "FINANCE");
		var admin = fixtures.user(organisation, Role.ORG_ADMIN).principal();
		var reporter = fixtures.user(organisation, Role.REPORTER);
		users.recordFailure(reporter.id(), 1, java.time.Instant.now().plusSeconds(3600));

		userAdministration.sendPasswordReset(admin, reporter.id());
		var path = linkIn(reporter.email(), "/password-reset");
		var token = path.substring(path.indexOf('=') + 1);
		var browser = browser();
		var weak = browser.submit(path, "/password-reset", Map.of("token", token, "password", "password1234",
				"passwordConfirmation", "password1234"));
		assertThat(weak.status()).isEqualTo(200);
		assertThat(weak.body()).contains("aria-invalid=\"true\"");

		var done = browser.submit(path, "/password-reset", Map.of("token", token, "password", "a brand new passphrase 7",
				"passwordConfirmation", "a brand new passphrase 7"));
		assertThat(done.location()).endsWith("/login");
		var signIn = browser().submit("/login", "/login", Map.of("email", reporter.email(), "password", "a brand new passphrase 7"));
		assertThat(signIn.location()).doesNotContain("error");
		assertThat(browser().get(path).body()).contains("This link is not valid");
		assertThat(audited("identity.password-reset.completed", reporter.id().toString())).isTrue();
	}

	@Test
	void forgottenPasswordRequestsNeverRevealWhetherTheAddressExistsAndAreThrottled() throws Exception {
		var organisation = fixtures.organisation(OrganisationType.OPERATOR, "LOGISTICS");
		var reporter = fixtures.user(organisation, Role.REPORTER);
		var browser = browser();
		var known = browser.submit("/password-reset", "/password-reset", Map.of("email", reporter.email()));
		var unknown = browser.submit("/password-reset", "/password-reset", Map.of("email", Fixtures.unique("nobody") + "@example.jp"));
		assertThat(known.status()).isEqualTo(unknown.status()).isEqualTo(302);
		assertThat(known.location()).isEqualTo(unknown.location());
		assertThat(linkIn(reporter.email(), "/password-reset")).startsWith("/password-reset?token=");

		for (int i = 0; i < 6; i++) {
			browser.submit("/password-reset", "/password-reset", Map.of("email", reporter.email()));
		}
		long sent = jdbc.sql("select count(*) from password_reset where user_id = :id").param("id", reporter.id())
			.query(Long.class).single();
		assertThat(sent).isEqualTo(5);
	}

	@Test
	void theDemoWorldLoadsOnce() {
		demo.load();
		var counts = counts();
		assertThat(demo.load()).isEmpty();
		assertThat(counts()).isEqualTo(counts);
		assertThat(counts.get(0)).isGreaterThanOrEqualTo(18);
	}

	private List<Long> counts() {
		return List.of(count("organisation"), count("member_group"), count("group_membership"), count("app_user"));
	}

	private long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	private KakehashiUser platformAdmin() {
		return fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN).principal();
	}

	private boolean audited(String action, String targetId) {
		return jdbc.sql("select count(*) from audit_log where action = :action and target_id = :target")
			.param("action", action).param("target", targetId).query(Long.class).single() > 0;
	}

	/** The path of the last link of this kind mailed to the address. */
	private static String linkIn(String email, String kind) throws Exception {
		String path = null;
		for (int attempt = 0; attempt < 50 && path == null; attempt++) {
			for (MimeMessage message : MAIL.getReceivedMessagesForDomain(email)) {
				var matcher = LINK.matcher(String.valueOf(message.getContent()));
				while (matcher.find()) {
					if (matcher.group(1).startsWith(kind)) {
						path = matcher.group(1);
					}
				}
			}
			if (path == null) {
				Thread.sleep(100);
			}
		}
		assertThat(path).as("a %s link mailed to %s", kind, email).isNotNull();
		return path;
	}
}
