package org.kakehashi.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.Groups;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.reporting.ObservableType;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.sharing.internal.AudienceEntry;
import org.kakehashi.sharing.internal.AudienceKind;
import org.kakehashi.sharing.internal.ItemContent;
import org.kakehashi.sharing.internal.ItemObservable;
import org.kakehashi.sharing.internal.SharedItem;
import org.kakehashi.sharing.internal.SharedItems;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.WebClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The receiving side over real HTTP: inbox filters and read marks (per user and per organisation), the
 * recipient's item page, feedback that only the hub and the commenting organisation see, the CEPTOAR relay view
 * and the public TLP:CLEAR pages and feed.
 */
class InboxTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	SharedItems items;

	@Autowired
	Groups groups;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	UserAccount analyst;
	Viewer hub;
	Organisation orgA;
	Organisation orgB;
	UserAccount viewerA;
	UserAccount colleagueA;
	UserAccount viewerB;
	UserAccount outsider;

	@BeforeEach
	void world() {
		analyst = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.ANALYST);
		hub = items.viewer(analyst.principal());
		orgA = fixtures.organisation(OrganisationType.OPERATOR, "GAS");
		orgB = fixtures.organisation(OrganisationType.OPERATOR, "GAS");
		viewerA = fixtures.user(orgA, Role.VIEWER);
		colleagueA = fixtures.user(orgA, Role.VIEWER);
		viewerB = fixtures.user(orgB, Role.VIEWER);
		outsider = fixtures.user(fixtures.organisation(OrganisationType.OPERATOR, "GAS"), Role.VIEWER);
	}

	@Test
	void inboxListsWhatTheOrganisationReceivedWithFiltersAndReadMarks() {
		var word = Fixtures.unique("検索語");
		var amber = publish(Tlp.AMBER, "AMBER " + word, organisations(orgA));
		var green = publish(Tlp.GREEN, "GREEN item", organisations(orgA, orgB));
		var clear = publish(Tlp.CLEAR, "CLEAR item", organisations(orgB));
		var red = publish(Tlp.RED, "RED item", List.of(new AudienceEntry(AudienceKind.USER, colleagueA.id().toString())));
		var a = api(viewerA);
		var colleague = api(colleagueA);

		assertThat(numbers(a.get("/api/v1/inbox"))).containsExactly(green.number(), amber.number());
		// TLP:RED reaches the named colleague only, not the rest of the organisation.
		assertThat(numbers(colleague.get("/api/v1/inbox"))).containsExactly(red.number(), green.number(), amber.number());
		assertThat(numbers(api(viewerB).get("/api/v1/inbox"))).containsExactly(clear.number(), green.number());
		// A CLEAR item anyone may read is still not in the inbox of someone it was not sent to.
		assertThat(numbers(api(outsider).get("/api/v1/inbox"))).isEmpty();
		assertThat(read(a.get("/api/v1/inbox/unread-count")).get("unread").asInt()).isEqualTo(2);

		// Opening an item marks it read for me; my colleague sees that someone in the organisation opened it.
		assertThat(a.get("/api/v1/shared-items/" + amber.id()).status()).isEqualTo(200);
		assertThat(read(a.get("/api/v1/inbox/unread-count")).get("unread").asInt()).isEqualTo(1);
		var mine = entry(a.get("/api/v1/inbox"), amber.number());
		assertThat(present(mine, "readByMe")).isTrue();
		var theirs = entry(colleague.get("/api/v1/inbox"), amber.number());
		assertThat(present(theirs, "readByMe")).isFalse();
		assertThat(present(theirs, "readByOrganisation")).isTrue();
		assertThat(theirs.get("hub").asString()).isNotBlank();
		assertThat(theirs.get("tlp").asString()).isEqualTo("TLP:AMBER");

		assertThat(numbers(a.get("/api/v1/inbox?unread=true"))).containsExactly(green.number());
		assertThat(numbers(a.get("/api/v1/inbox?tlp=TLP:GREEN"))).containsExactly(green.number());
		assertThat(numbers(a.get("/api/v1/inbox?q=" + word))).containsExactly(amber.number());
		var today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
		assertThat(numbers(a.get("/api/v1/inbox?from=" + today + "&to=" + today))).hasSize(2);
		assertThat(numbers(a.get("/api/v1/inbox?to=" + today.minusDays(1)))).isEmpty();

		items.withdraw(hub, green.id(), "誤った情報");
		assertThat(numbers(a.get("/api/v1/inbox?withdrawn=only"))).containsExactly(green.number());
		assertThat(numbers(a.get("/api/v1/inbox?withdrawn=exclude"))).containsExactly(amber.number());
		assertThat(entry(a.get("/api/v1/inbox"), green.number()).get("withdrawn").asBoolean()).isTrue();
		// A withdrawn item no longer counts as unread news.
		assertThat(read(a.get("/api/v1/inbox/unread-count")).get("unread").asInt()).isZero();

		// Hostile filters name their parameter.
		assertThat(field(a.get("/api/v1/inbox?tlp=TLP:PURPLE"))).isEqualTo("tlp");
		assertThat(field(a.get("/api/v1/inbox?from=yesterday"))).isEqualTo("from");
		assertThat(field(a.get("/api/v1/inbox?withdrawn=maybe"))).isEqualTo("withdrawn");
		assertThat(field(a.get("/api/v1/inbox?from=" + today + "&to=" + today.minusDays(3)))).isEqualTo("to");
		assertThat(field(a.get("/api/v1/inbox?q=" + "x".repeat(201)))).isEqualTo("q");

		// Marking read without opening: only what you received.
		assertThat(colleague.post("/api/v1/inbox/" + red.id() + "/read", "").status()).isEqualTo(204);
		assertThat(a.post("/api/v1/inbox/" + red.id() + "/read", "").status()).isEqualTo(404);
		assertThat(a.post("/api/v1/inbox/" + UUID.randomUUID() + "/read", "").status()).isEqualTo(404);
	}

	@Test
	void recipientPageShowsTheSanitisedTextWithTheTlpRulesAndMarksItRead() {
		var item = publish(Tlp.AMBER_STRICT, "制御系への不審な通信", organisations(orgA));
		var browser = signedIn(viewerA);
		var list = browser.get("/sharing/inbox");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body()).contains(item.number(), "TLP:AMBER+STRICT", "inbox-unread");

		var page = browser.get("/sharing/inbox/" + item.id());
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("制御系への不審な通信", "本文です", "evil.example.net", "tlp-banner",
				"Share only within your own organisation");
		// The source's own observable and the audience never reach the page.
		assertThat(page.body()).doesNotContain("192.0.2.10", orgA.id().toString(), orgA.name());
		assertThat(read(api(viewerA).get("/api/v1/inbox/unread-count")).get("unread").asInt()).isZero();

		items.withdraw(hub, item.id(), "内容に誤りがありました");
		var withdrawn = browser.language("ja").get("/sharing/inbox/" + item.id());
		assertThat(withdrawn.body()).contains("withdrawn-banner", "内容に誤りがありました", "自組織内に限り");

		// The hub has its own page for its item; someone who did not receive it finds nothing.
		var hubBrowser = browser();
		fixtures.signInWithSecondFactor(hubBrowser, analyst);
		var redirected = hubBrowser.get("/sharing/inbox/" + item.id());
		assertThat(redirected.status()).isEqualTo(302);
		assertThat(redirected.location()).endsWith("/sharing/items/" + item.id());
		assertThat(signedIn(outsider).get("/sharing/inbox/" + item.id()).status()).isEqualTo(404);
	}

	@Test
	void markAllReadEmptiesTheUnreadBadge() {
		publish(Tlp.GREEN, "一件目", organisations(orgA));
		publish(Tlp.GREEN, "二件目", organisations(orgA));
		var browser = signedIn(viewerA);
		assertThat(browser.get("/").body()).containsPattern("id=\"inbox-unread-count\">2<");
		var done = browser.submit("/sharing/inbox", "/sharing/inbox/read-all", Map.of());
		assertThat(done.status()).isEqualTo(302);
		assertThat(read(api(viewerA).get("/api/v1/inbox/unread-count")).get("unread").asInt()).isZero();
		assertThat(browser.get("/").body()).containsPattern("id=\"inbox-unread-count\">0<");
		var empty = signedIn(outsider).get("/sharing/inbox");
		assertThat(empty.body()).contains("id=\"inbox-empty\"");
	}

	@Test
	void feedbackGoesToTheHubAndStaysWithinTheCommentingOrganisation() {
		var item = publish(Tlp.GREEN, "フィードバック対象", organisations(orgA, orgB));
		var browser = signedIn(viewerA);
		browser.get("/sharing/inbox/" + item.id());
		var sent = browser.post("/sharing/inbox/" + item.id() + "/feedback", Map.of("body", "当社でも同様の通信を確認"));
		assertThat(sent.status()).isEqualTo(302);
		var fromB = api(viewerB).post("/api/v1/shared-items/" + item.id() + "/feedback", "{\"body\": \"B社は影響なし\"}");
		assertThat(fromB.status()).as(fromB.body()).isEqualTo(201);

		assertThat(browser.get("/sharing/inbox/" + item.id()).body()).contains("当社でも同様の通信を確認")
			.doesNotContain("B社は影響なし");
		assertThat(api(colleagueA).get("/api/v1/shared-items/" + item.id() + "/feedback").body())
			.contains("当社でも同様の通信を確認").doesNotContain("B社は影響なし");
		var hubApi = api(analyst);
		var all = hubApi.get("/api/v1/shared-items/" + item.id() + "/feedback");
		assertThat(all.body()).contains("当社でも同様の通信を確認", "B社は影響なし", orgA.name(), orgB.name());
		var hubBrowser = browser();
		fixtures.signInWithSecondFactor(hubBrowser, analyst);
		var fragment = hubBrowser.get("/sharing/items/" + item.id() + "/feedback");
		assertThat(fragment.status()).isEqualTo(200);
		assertThat(fragment.body()).contains("hub-feedback", "B社は影響なし").doesNotContain("<html");
		assertThat(browser.get("/sharing/items/" + item.id() + "/feedback").status()).isEqualTo(404);

		// Outsiders cannot comment or read comments; empty and oversized comments name the field.
		assertThat(api(outsider).post("/api/v1/shared-items/" + item.id() + "/feedback", "{\"body\": \"x\"}").status())
			.isEqualTo(404);
		assertThat(api(outsider).get("/api/v1/shared-items/" + item.id() + "/feedback").status()).isEqualTo(404);
		assertThat(field(api(viewerA).post("/api/v1/shared-items/" + item.id() + "/feedback", "{\"body\": \"  \"}")))
			.isEqualTo("body");
		assertThat(field(api(viewerA).post("/api/v1/shared-items/" + item.id() + "/feedback",
				"{\"body\": \"" + "あ".repeat(4001) + "\"}"))).isEqualTo("body");
		var audit = jdbc.sql("select details from audit_log where action = 'sharing.feedback-given' and target_id = :id")
			.param("id", item.id().toString()).query(String.class).list();
		assertThat(audit).hasSize(2).allSatisfy(details -> assertThat(details).doesNotContain("影響"));
	}

	@Test
	void ceptoarSeesWhichOfItsMembersReceivedAndOpenedAnItem() {
		var ceptoar = fixtures.organisation(OrganisationType.CEPTOAR, "GAS");
		var group = groups.create(Fixtures.unique("ガスCEPTOAR"), Groups.Kind.CEPTOAR, "GAS", null, false);
		groups.addMember(group.id(), ceptoar.id(), null);
		groups.addMember(group.id(), orgA.id(), null);
		groups.addMember(group.id(), orgB.id(), null);
		var notMember = fixtures.organisation(OrganisationType.OPERATOR, "GAS");
		var staff = fixtures.user(ceptoar, Role.VIEWER);
		var item = publish(Tlp.AMBER, "CEPTOAR 経由", List.of(new AudienceEntry(AudienceKind.GROUP, group.id().toString()),
				new AudienceEntry(AudienceKind.ORGANISATION, notMember.id().toString())));
		var onlyB = publish(Tlp.AMBER, "B社と CEPTOAR のみ", organisations(orgB, ceptoar));
		api(viewerA).get("/api/v1/shared-items/" + item.id());

		var relay = signedIn(staff).language("en").get("/sharing/relay");
		assertThat(relay.status()).isEqualTo(200);
		assertThat(relay.body()).contains(item.number(), onlyB.number(), orgA.name(), orgB.name(), "Not opened")
			.doesNotContain(notMember.name(), ceptoar.name());
		// orgA received only the first item; it appears once, under that item.
		assertThat(relay.body().split(orgA.name(), -1)).hasSize(2);
		assertThat(signedIn(viewerA).get("/sharing/relay").status()).isEqualTo(403);
	}

	@Test
	void clearItemsArePublicUntilWithdrawn() {
		var clear = publish(Tlp.CLEAR, "公開注意喚起 <script>", organisations(orgA));
		var amber = publish(Tlp.AMBER, "非公開", organisations(orgA));
		var anonymous = browser();
		var index = anonymous.get("/public/shared");
		assertThat(index.status()).isEqualTo(200);
		assertThat(index.body()).contains(clear.number()).doesNotContain(amber.number(), "公開注意喚起 <script>");
		assertThat(anonymous.get("/public/shared/" + clear.id()).status()).isEqualTo(200);
		assertThat(anonymous.get("/public/shared/" + amber.id()).status()).isEqualTo(404);
		var feed = anonymous.get("/public/shared.atom");
		assertThat(feed.headers().get("content-type")).startsWith("application/atom+xml");
		assertThat(feed.body()).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">", clear.number(),
				"公開注意喚起 &lt;script&gt;", "urn:uuid:" + clear.id()).doesNotContain(amber.number());

		items.withdraw(hub, clear.id(), "撤回");
		assertThat(anonymous.get("/public/shared/" + clear.id()).status()).isEqualTo(404);
		assertThat(anonymous.get("/public/shared").body()).doesNotContain(clear.number());
		assertThat(anonymous.get("/public/shared.atom").body()).doesNotContain(clear.number());
	}

	private SharedItem publish(Tlp tlp, String title, List<AudienceEntry> audience) {
		var content = new ItemContent(title, "本文です", "分析", "対策", "ja", tlp, List.of(), null, null,
				List.of(new ItemObservable(ObservableType.DOMAIN, "evil.example.net", ItemObservable.Role.ATTACKER),
						new ItemObservable(ObservableType.IPV4, "192.0.2.10", ItemObservable.Role.SOURCE)),
				audience);
		var draft = items.create(hub, content, List.of());
		return items.publish(hub, draft.id(), null, null);
	}

	static List<AudienceEntry> organisations(Organisation... orgs) {
		return java.util.Arrays.stream(orgs)
			.map(o -> new AudienceEntry(AudienceKind.ORGANISATION, o.id().toString()))
			.toList();
	}

	private WebClient signedIn(UserAccount user) {
		var browser = browser();
		assertThat(Fixtures.signIn(browser, user.email()).status()).isEqualTo(302);
		return browser;
	}

	private ApiClient api(UserAccount user) {
		return api(tokens.create(user.principal(), "test", EnumSet.of(ApiScope.SHARING_READ, ApiScope.SHARING_WRITE), 1)
			.clearToken());
	}

	private List<String> numbers(ApiClient.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return read(response).get("items").valueStream().map(n -> n.get("number").asString()).toList();
	}

	private JsonNode entry(ApiClient.Response response, String number) {
		return read(response).get("items").valueStream().filter(n -> n.get("number").asString().equals(number))
			.findFirst().orElseThrow();
	}

	/** The API leaves absent values out. */
	private static boolean present(JsonNode node, String field) {
		return node.has(field) && !node.get(field).isNull();
	}

	private String field(ApiClient.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		return read(response).get("errors").get(0).get("field").asString();
	}

	private JsonNode read(ApiClient.Response response) {
		return json.readTree(response.body());
	}
}
