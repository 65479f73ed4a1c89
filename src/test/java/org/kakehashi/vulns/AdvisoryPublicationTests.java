package org.kakehashi.vulns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.VulnsFixtures;
import org.kakehashi.vulns.publication.AdvisoryDrafts;
import org.kakehashi.vulns.publication.AdvisoryPublication;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * From an accepted case to a published advisory over the REST API, with time moved by the test: two vendors
 * invited (one with its own organisation answers and fixes, one without an account stays silent), the advisory
 * drafted, the date agreed; nothing is public before the agreed moment, the platform publishes it at that moment
 * exactly once, and the page, CSAF document, CVE record and feed say what was agreed — the silent vendor under
 * investigation, never not affected. A revision then grows the CSAF history by one and keeps revision 1 as it was.
 */
class AdvisoryPublicationTests extends ClockedVulnsTest {

	@Autowired
	VulnsFixtures world;

	@Autowired
	ApiTokens tokens;

	@Autowired
	AdvisoryPublication publication;

	@Autowired
	JsonMapper json;

	@Test
	void anAdvisoryGoesOutAtTheAgreedMomentOnceAndRevisionsKeepTheHistory() throws Exception {
		var coordinatorAccount = world.coordinator();
		var coordinator = client(coordinatorAccount);
		var finder = world.finder();
		var fixer = world.vendorWithAccount(coordinatorAccount, Fixtures.unique("Foo 制御機器"));
		var silentContact = Fixtures.unique("desk") + "@silent.example";
		var silent = world.vendorWithoutAccount(coordinatorAccount, Fixtures.unique("Silent Corp"), silentContact);
		var filed = world.fileProductCase(finder, Fixtures.unique("FooSCADA 認証回避"));
		var id = filed.id();
		world.accept(coordinatorAccount, id);

		var invited = coordinator.post("/api/v1/vuln-cases/" + id + "/vendors",
				"{\"vendorId\":\"" + fixer.entry().id() + "\",\"productName\":\"FooSCADA\"}");
		assertThat(invited.status()).isEqualTo(201);
		assertThat(coordinator.post("/api/v1/vuln-cases/" + id + "/vendors",
				"{\"vendorId\":\"" + silent.id() + "\",\"productName\":\"Silent HMI\"}").status()).isEqualTo(201);
		var contacted = read(coordinator.get("/api/v1/vuln-cases/" + id).body());
		assertThat(contacted.get("status").asString()).isEqualTo("VENDOR_CONTACTED");
		assertThat(contacted.get("firstVendorContactOn").asString()).isEqualTo(world.today().toString());
		// The vendor with an account is asked to sign in; the other one's desk gets a personal link. Neither mail
		// carries the report.
		var psirtMail = String.valueOf(MAIL.getReceivedMessagesForDomain(fixer.psirt().email())[0].getContent());
		assertThat(psirtMail).contains(filed.number(), "/vulns/" + id).doesNotContain("ログイン画面");
		var deskMail = String.valueOf(MAIL.getReceivedMessagesForDomain(silentContact)[0].getContent());
		assertThat(deskMail).contains("/public/vulns/access?key=").doesNotContain("ログイン画面");

		var vendorApi = client(fixer.psirt());
		var vulnerability = read(vendorApi.get("/api/v1/vuln-cases/" + id + "/vulnerabilities").body()).get(0).get("id").asString();
		var answered = vendorApi.send("PUT", "/api/v1/vuln-cases/" + id + "/vendors/" + fixer.entry().id() + "/statuses/"
				+ vulnerability, "{\"status\":\"AFFECTED\",\"affectedVersions\":[\"3.2\"],\"fixedVersions\":[\"3.3\"],"
				+ "\"statement\":\"Fixed in 3.3.\"}");
		assertThat(answered.status()).isEqualTo(200);
		// A vendor speaks only for itself.
		assertThat(vendorApi.send("PUT", "/api/v1/vuln-cases/" + id + "/vendors/" + silent.id() + "/statuses/" + vulnerability,
				"{\"status\":\"NOT_AFFECTED\"}").status()).isEqualTo(404);

		var cve = "CVE-2026-" + (10000 + (int) (Math.random() * 80000));
		world.describe(coordinatorAccount, id, cve);
		var state = read(coordinator.get("/api/v1/vuln-cases/" + id + "/advisory").body());
		assertThat(state.get("ready").asBoolean()).isFalse();
		assertThat(state.get("missing").toString()).contains("vulns.readiness.summary-ja", "vulns.readiness.summary-en");
		world.draftAdvisory(coordinatorAccount, id);
		assertThat(read(coordinator.get("/api/v1/vuln-cases/" + id + "/advisory").body()).get("ready").asBoolean()).isTrue();

		var agreedAt = clock.instant().plus(Duration.ofHours(2)).atZone(ZoneId.of("Asia/Tokyo")).toLocalDateTime()
			.withSecond(0).withNano(0);
		world.agree(coordinatorAccount, id, agreedAt);
		var slug = AdvisoryDrafts.slug(filed.number());

		// Before the moment: nothing to publish by hand, nothing public.
		var early = coordinator.post("/api/v1/vuln-cases/" + id + "/advisory/publication", "{}");
		assertThat(early.status()).isEqualTo(409);
		assertThat(early.body()).contains("\"field\":\"to\"", "has not come yet");
		assertThat(publication.publishDue()).doesNotContain(id);
		var anonymous = api(null);
		assertThat(anonymous.get("/public/advisories/" + slug).status()).isEqualTo(404);
		assertThat(anonymous.get("/public/advisories/" + slug + "/csaf").status()).isEqualTo(404);
		assertThat(anonymous.get("/public/advisories?q=" + cve).body()).doesNotContain(filed.number());
		assertThat(anonymous.get("/public/advisories.atom").body()).doesNotContain(filed.number(), cve);

		clock.advance(Duration.ofHours(2).plusMinutes(1));
		assertThat(publication.publishDue()).contains(id);
		assertThat(publication.publishDue()).doesNotContain(id);
		assertThat(read(coordinator.get("/api/v1/vuln-cases/" + id).body()).get("status").asString()).isEqualTo("PUBLISHED");

		var page = anonymous.get("/public/advisories/" + slug);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains(cve, "FooSCADA", "Silent HMI", "不明", "3.3");
		var csaf = read(anonymous.get("/public/advisories/" + slug + "/csaf").body());
		var tracking = csaf.get("document").get("tracking");
		assertThat(tracking.get("id").asString()).isEqualTo(filed.number());
		assertThat(tracking.get("version").asString()).isEqualTo("1");
		// Published at the agreed moment itself, not whenever the job ran after it.
		assertThat(java.time.Instant.parse(tracking.get("initial_release_date").asString()))
			.isEqualTo(agreedAt.atZone(ZoneId.of("Asia/Tokyo")).toInstant());
		var statuses = csaf.get("vulnerabilities").get(0).get("product_status");
		assertThat(names(csaf, statuses.get("known_affected"))).containsExactly(fixer.entry().nameEn() + " FooSCADA 3.2");
		assertThat(names(csaf, statuses.get("fixed"))).containsExactly(fixer.entry().nameEn() + " FooSCADA 3.3");
		assertThat(names(csaf, statuses.get("under_investigation"))).containsExactly(silent.name() + " Silent HMI");
		assertThat(statuses.has("known_not_affected")).isFalse();
		assertThat(csaf.get("vulnerabilities").get(0).get("cve").asString()).isEqualTo(cve);
		var record = read(anonymous.get("/public/advisories/" + slug + "/cve/" + cve).body());
		assertThat(record.get("cveMetadata").get("cveId").asString()).isEqualTo(cve);
		assertThat(record.get("containers").get("cna").get("affected").toString()).contains("\"defaultStatus\":\"unknown\"");
		assertThat(anonymous.get("/public/advisories.atom").body()).contains(filed.number());
		assertThat(anonymous.get("/public/advisories?q=" + cve).body()).contains(filed.number());
		// Everyone on the case hears that it is out.
		assertThat(String.valueOf(MAIL.getReceivedMessagesForDomain(finder.email())[MAIL.getReceivedMessagesForDomain(finder.email()).length - 1].getContent()))
			.contains("/public/advisories/" + slug);

		// The silent vendor answers later: a revision.
		var coordinatorSays = coordinator.send("PUT", "/api/v1/vuln-cases/" + id + "/vendors/" + silent.id() + "/statuses/"
				+ vulnerability, "{\"status\":\"NOT_AFFECTED\",\"statement\":\"Answered by telephone.\"}");
		assertThat(coordinatorSays.status()).isEqualTo(200);
		var refused = coordinator.post("/api/v1/vuln-cases/" + id + "/advisory/revisions", "{\"summary\":\"  \"}");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("\"field\":\"summary\"");
		clock.advance(Duration.ofMinutes(5));
		var revised = coordinator.post("/api/v1/vuln-cases/" + id + "/advisory/revisions",
				"{\"summary\":\"Silent Corp is not affected\"}");
		assertThat(revised.status()).isEqualTo(201);
		assertThat(read(revised.body()).get("revision").asInt()).isEqualTo(2);
		var second = read(anonymous.get("/public/advisories/" + slug + "/csaf").body());
		assertThat(second.get("document").get("tracking").get("version").asString()).isEqualTo("2");
		assertThat(second.get("document").get("tracking").get("revision_history").size()).isEqualTo(2);
		assertThat(second.get("document").get("tracking").get("initial_release_date").asString())
			.isEqualTo(tracking.get("initial_release_date").asString());
		assertThat(names(second, second.get("vulnerabilities").get(0).get("product_status").get("known_not_affected")))
			.containsExactly(silent.name() + " Silent HMI");
		var first = read(anonymous.get("/public/advisories/" + slug + "/csaf?revision=1").body());
		assertThat(first.get("document").get("tracking").get("version").asString()).isEqualTo("1");
		assertThat(first.toString()).doesNotContain("known_not_affected");
	}

	@Test
	void anAdvisoryThatIsNotReadyAtTheAgreedMomentIsNotPublishedAndTheCoordinatorsHearOfItOnce() throws Exception {
		var coordinatorAccount = world.coordinator();
		var finder = world.finder();
		var vendor = world.vendorWithAccount(coordinatorAccount, Fixtures.unique("Half Ready"));
		var filed = world.fileProductCase(finder, Fixtures.unique("Unfinished"));
		world.accept(coordinatorAccount, filed.id());
		world.invite(coordinatorAccount, filed.id(), vendor.entry().id(), "Widget");
		world.agree(coordinatorAccount, filed.id(), clock.instant().plus(Duration.ofHours(1))
			.atZone(ZoneId.of("Asia/Tokyo")).toLocalDateTime().withNano(0));
		clock.advance(Duration.ofHours(2));
		assertThat(publication.publishDue()).doesNotContain(filed.id());
		assertThat(publication.publishDue()).doesNotContain(filed.id());
		var overdue = Arrays.stream(MAIL.getReceivedMessagesForDomain(coordinatorAccount.email()))
			.filter(m -> subject(m).contains(filed.number()) && subject(m).contains("公表日時を過ぎました")).count();
		assertThat(overdue).isEqualTo(1);
		assertThat(read(client(coordinatorAccount).get("/api/v1/vuln-cases/" + filed.id()).body()).get("status").asString())
			.isEqualTo("DATE_AGREED");
		assertThat(api(null).get("/public/advisories/" + AdvisoryDrafts.slug(filed.number())).status()).isEqualTo(404);
	}

	private static String subject(jakarta.mail.internet.MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The full product names behind CSAF product ids. */
	private static java.util.List<String> names(JsonNode csaf, JsonNode ids) {
		var byId = new java.util.HashMap<String, String>();
		collect(csaf.get("product_tree"), byId);
		var result = new java.util.ArrayList<String>();
		ids.forEach(id -> result.add(byId.get(id.asString())));
		return result;
	}

	private static void collect(JsonNode node, java.util.Map<String, String> byId) {
		if (node.has("product")) {
			byId.put(node.get("product").get("product_id").asString(), node.get("product").get("name").asString());
		}
		if (node.has("branches")) {
			node.get("branches").forEach(branch -> collect(branch, byId));
		}
	}

	private JsonNode read(String body) {
		return json.readTree(body);
	}

	private ApiClient client(UserAccount user) {
		return api(tokens.create(user.principal(), "test", EnumSet.of(ApiScope.VULNS_READ, ApiScope.VULNS_WRITE), 1)
			.clearToken());
	}
}
