package org.kakehashi.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.Organisations;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.WebClient;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The administration pages over HTTP. Administrators must pass the second factor, so every test here
 * signs in through {@code /login/second-factor} ({@link Fixtures#signInWithSecondFactor}).
 */
class AdministrationPagesTests extends IntegrationTest {

	@Autowired Fixtures fixtures;
	@Autowired Organisations organisations;
	@Autowired Users users;

	@Test
	void anOrganisationAdministratorNeitherSeesNorEditsAnotherOrganisation() {
		var own = fixtures.organisation(OrganisationType.OPERATOR, "ICT");
		var other = fixtures.organisation(OrganisationType.OPERATOR, "ICT");
		var browser = signedIn(fixtures.user(own, Role.ORG_ADMIN));

		var list = browser.get("/admin/organisations?sector=ICT");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body()).contains(own.name()).doesNotContain(other.name());
		// Sector badges show the sector's name in the page's language, not its code.
		assertThat(list.body()).contains("class=\"badge\">Information and communication<").doesNotContain("class=\"badge\">ICT<");
		assertThat(browser.get("/admin/organisations/" + other.id()).status()).isEqualTo(404);
		assertThat(browser.get("/admin/organisations/" + other.id() + "/edit").status()).isEqualTo(404);
		var update = browser.submit("/admin/organisations/" + own.id() + "/edit", "/admin/organisations/" + other.id(),
				Map.of("name", "Taken over", "type", "OPERATOR"));
		assertThat(update.status()).isEqualTo(404);
		assertThat(organisations.byId(other.id()).orElseThrow().name()).isEqualTo(other.name());
		assertThat(browser.get("/admin/organisations/new").status()).isEqualTo(403);
		assertThat(browser.get("/admin/groups").status()).isEqualTo(403);
	}

	@Test
	void aPlatformAdministratorCreatesAnOrganisationAndSeesDuplicateNamesRefusedBesideTheField() {
		var browser = signedIn(fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN));
		var name = Fixtures.unique("みなと電力");
		var form = new HashMap<>(Map.of("name", name, "nameEn", "Minato Power", "type", "OPERATOR", "sectors", "ELECTRICITY",
				"prefecture", "北海道", "sizeClass", "SMALL"));
		var created = browser.submit("/admin/organisations/new", "/admin/organisations", form);
		assertThat(created.status()).isEqualTo(302);
		var organisation = organisations.byName(name).orElseThrow();
		assertThat(organisation.sectorCodes()).containsExactly("ELECTRICITY");
		assertThat(browser.follow(created.location()).body()).contains(name).contains("Hokkaido");

		var duplicate = browser.submit("/admin/organisations/new", "/admin/organisations", form);
		assertThat(duplicate.status()).isEqualTo(200);
		assertThat(duplicate.body()).contains("An organisation with this name already exists")
			.contains("id=\"name-error\"").contains("aria-describedby=\"name-error\"");
	}

	@Test
	void anOrganisationAdministratorInvitesDeactivatesAndSendsResets() throws Exception {
		var organisation = fixtures.organisation(OrganisationType.OPERATOR, "WATER");
		var browser = signedIn(fixtures.user(organisation, Role.ORG_ADMIN));
		var email = Fixtures.unique("new") + "@example.jp";

		var refused = browser.submit("/admin/users/invite", "/admin/users/invite",
				Map.of("email", email, "displayName", "水道 一郎", "roles", "PLATFORM_ADMIN"));
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("id=\"roles-error\"");

		var invited = browser.submit("/admin/users/invite", "/admin/users/invite",
				Map.of("email", email, "displayName", "水道 一郎", "roles", "REPORTER"));
		assertThat(invited.location()).endsWith("/admin/users");
		assertThat(MAIL.waitForIncomingEmail(5000, 1)).isTrue();
		assertThat(browser.follow("/admin/users").body()).contains(email);

		var reporter = fixtures.user(organisation, Role.REPORTER);
		var deactivated = browser.submit("/admin/users/" + reporter.id(), "/admin/users/" + reporter.id() + "/deactivate", Map.of());
		assertThat(deactivated.status()).isEqualTo(302);
		assertThat(users.byId(reporter.id()).orElseThrow().active()).isFalse();

		var stranger = fixtures.user(fixtures.organisation(OrganisationType.OPERATOR), Role.REPORTER);
		assertThat(browser.get("/admin/users/" + stranger.id()).status()).isEqualTo(404);
		assertThat(browser.submit("/admin/users", "/admin/users/" + stranger.id() + "/deactivate", Map.of()).status()).isEqualTo(404);
		assertThat(users.byId(stranger.id()).orElseThrow().active()).isTrue();
	}

	@Test
	void thePagesRenderInJapanese() {
		var browser = signedIn(fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN))
			.language("ja");
		assertThat(browser.get("/admin/sectors").body()).contains("重要インフラ14分野と所管省庁").contains("経済産業省");
		assertThat(browser.get("/admin/organisations").body()).contains("組織の新規登録");
		assertThat(browser.get("/admin/groups").body()).contains("セプター");
		assertThat(browser.get("/admin/users").body()).contains("ユーザーを招待");
	}

	@Test
	void aPlatformAdministratorRunsGroupsAndUsers() {
		var admin = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN);
		var browser = signedIn(admin);
		var member = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		var name = Fixtures.unique("電力SIG");
		var created = browser.submit("/admin/groups/new", "/admin/groups",
				Map.of("name", name, "kind", "SIG", "sector", "ELECTRICITY", "requiresNda", "true", "_requiresNda", "on"));
		assertThat(created.status()).isEqualTo(302);
		var group = created.location().substring(created.location().indexOf("/admin/groups/"));
		var missingNda = browser.submit(group, group + "/members", Map.of("organisationId", member.id().toString()));
		assertThat(missingNda.status()).isEqualTo(200);
		assertThat(missingNda.body()).contains("id=\"ndaAcceptedOn-error\"");
		var added = browser.submit(group, group + "/members",
				Map.of("organisationId", member.id().toString(), "ndaAcceptedOn", "2026-04-01"));
		assertThat(added.status()).isEqualTo(302);
		assertThat(browser.follow(group).body()).contains(member.name()).contains("2026-04-01");
		assertThat(browser.get("/admin/groups").body()).contains(name);

		var user = fixtures.user(member, Role.REPORTER);
		assertThat(browser.get("/admin/users/" + user.id()).body()).contains(user.email());
		assertThat(browser.get("/admin/users?q=" + user.email()).body()).contains(user.email());
		assertThat(browser.get("/admin/organisations/" + member.id()).body()).contains(name).contains(user.email());
		assertThat(browser.get("/admin/organisations/" + member.id() + "/edit").status()).isEqualTo(200);
		assertThat(browser.get("/admin/users/invite").status()).isEqualTo(200);
		var refused = browser.submit("/admin/users/" + admin.id(), "/admin/users/" + admin.id() + "/deactivate", Map.of());
		assertThat(browser.follow(refused.location()).body()).contains("You cannot deactivate your own account");
	}

	private WebClient signedIn(UserAccount user) {
		var browser = browser();
		var response = fixtures.signInWithSecondFactor(browser, user);
		assertThat(response.location()).as("signed in through /login/second-factor").doesNotContain("/login");
		return browser;
	}
}
