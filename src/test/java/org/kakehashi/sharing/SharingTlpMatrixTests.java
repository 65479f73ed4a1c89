package org.kakehashi.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.sharing.internal.AudienceEntry;
import org.kakehashi.sharing.internal.AudienceKind;
import org.kakehashi.sharing.internal.ItemContent;
import org.kakehashi.sharing.internal.SharedItems;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.ReportFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every endpoint that hands out a published item, at every TLP level, for every kind of caller: the hub, the person
 * named for TLP:RED, a colleague in the recipient organisation, an organisation outside the audience, another hub and
 * a platform administrator of the hub's own organisation (who is not its analyst). Reads of RED and AMBER are audited,
 * GREEN and CLEAR are not; only CLEAR has a public page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharingTlpMatrixTests extends IntegrationTest {

	enum Caller {
		ANONYMOUS, HUB, NAMED, COLLEAGUE, OUTSIDER, OTHER_HUB, PLATFORM
	}

	@Autowired
	Fixtures fixtures;

	@Autowired
	ReportFixtures reports;

	@Autowired
	SharedItems items;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	final Map<Caller, ApiClient> clients = new EnumMap<>(Caller.class);
	Organisation recipientOrganisation;
	UserAccount named;
	Viewer hub;

	@BeforeAll
	void world() {
		var centre = fixtures.organisation(OrganisationType.NATIONAL_CENTRE);
		recipientOrganisation = fixtures.organisation(OrganisationType.OPERATOR, "RAILWAY");
		var outside = fixtures.organisation(OrganisationType.OPERATOR, "RAILWAY");
		var hubAnalyst = fixtures.user(centre, Role.ANALYST);
		hub = reports.viewer(hubAnalyst);
		named = fixtures.user(recipientOrganisation, Role.VIEWER);
		var accounts = new EnumMap<Caller, UserAccount>(Caller.class);
		accounts.put(Caller.HUB, hubAnalyst);
		accounts.put(Caller.NAMED, named);
		accounts.put(Caller.COLLEAGUE, fixtures.user(recipientOrganisation, Role.REPORTER));
		accounts.put(Caller.OUTSIDER, fixtures.user(outside, Role.VIEWER));
		accounts.put(Caller.OTHER_HUB, fixtures.user(fixtures.organisation(OrganisationType.INFORMATION_HUB), Role.ANALYST));
		accounts.put(Caller.PLATFORM, fixtures.user(centre, Role.PLATFORM_ADMIN));
		accounts.forEach((caller, account) -> clients.put(caller, api(tokens.create(account.principal(), "tlp",
				EnumSet.of(ApiScope.SHARING_READ, ApiScope.SHARING_WRITE), 1).clearToken())));
		clients.put(Caller.ANONYMOUS, api(null));
	}

	@ParameterizedTest
	@EnumSource(Tlp.class)
	void eachCallerGetsExactlyWhatTheTlpAllows(Tlp tlp) throws Exception {
		var id = publish(tlp);
		var failures = new ArrayList<String>();
		for (var caller : Caller.values()) {
			var api = clients.get(caller);
			boolean anonymous = caller == Caller.ANONYMOUS;
			boolean reads = reads(caller, tlp);
			boolean received = received(caller, tlp);
			expect(failures, caller, "GET item", api.get("/api/v1/shared-items/" + id).status(),
					anonymous ? 401 : reads ? 200 : 404);
			expect(failures, caller, "GET stix", api.get("/api/v1/shared-items/" + id + "/stix").status(),
					anonymous ? 401 : reads ? 200 : 404);
			expect(failures, caller, "POST read", api.post("/api/v1/inbox/" + id + "/read", "").status(),
					anonymous ? 401 : received ? 204 : 404);
			expect(failures, caller, "POST feedback",
					api.post("/api/v1/shared-items/" + id + "/feedback", "{\"body\":\"受領しました\"}").status(),
					anonymous ? 401 : received ? 201 : 404);
			expect(failures, caller, "GET feedback", api.get("/api/v1/shared-items/" + id + "/feedback").status(),
					anonymous ? 401 : caller == Caller.HUB || received ? 200 : 404);
			if (!anonymous) {
				var inbox = api.get("/api/v1/inbox?size=200").body();
				expect(failures, caller, "inbox lists it", inbox.contains(id.toString()) ? 1 : 0, received ? 1 : 0);
			}
		}
		var publicPage = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
				URI.create("http://localhost:" + port + "/public/shared/" + id)).GET().build(),
				HttpResponse.BodyHandlers.discarding());
		expect(failures, Caller.ANONYMOUS, "public page", publicPage.statusCode(), tlp == Tlp.CLEAR ? 200 : 404);
		assertThat(failures).as("for " + tlp.label()).isEmpty();

		var auditedReads = jdbc.sql("select count(*) from audit_log where action = 'sharing.item-read' and target_id = :id")
			.param("id", id.toString()).query(Integer.class).single();
		if (tlp.auditedOnRead()) {
			assertThat(auditedReads).as("reads of " + tlp.label() + " are audited").isPositive();
		}
		else {
			assertThat(auditedReads).as("reads of " + tlp.label() + " are not audited").isZero();
		}
	}

	/** Who may read the published item at all. */
	private static boolean reads(Caller caller, Tlp tlp) {
		return switch (caller) {
			case ANONYMOUS -> false;
			case HUB, NAMED -> true;
			case COLLEAGUE -> tlp != Tlp.RED;
			case OUTSIDER, OTHER_HUB, PLATFORM -> tlp == Tlp.CLEAR;
		};
	}

	/** Who received it: the named person for RED, the recipient organisation's members otherwise. */
	private static boolean received(Caller caller, Tlp tlp) {
		return caller == Caller.NAMED || caller == Caller.COLLEAGUE && tlp != Tlp.RED;
	}

	private UUID publish(Tlp tlp) {
		var audience = tlp == Tlp.RED ? new AudienceEntry(AudienceKind.USER, named.id().toString())
				: new AudienceEntry(AudienceKind.ORGANISATION, recipientOrganisation.id().toString());
		var item = items.create(hub, new ItemContent("鉄道分野への注意喚起 " + tlp.label(), "本文", "分析", "対策", "ja", tlp,
				List.of(), null, null, List.of(), List.of(audience)), List.of());
		return items.publish(hub, item.id(), null, null).id();
	}

	private static void expect(List<String> failures, Caller caller, String what, int actual, int expected) {
		if (actual != expected) {
			failures.add(caller + " " + what + ": " + actual + " (expected " + expected + ")");
		}
	}
}
