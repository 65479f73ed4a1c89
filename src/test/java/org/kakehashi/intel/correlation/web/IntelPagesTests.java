package org.kakehashi.intel.correlation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.intel.correlation.ObservableIndex;
import org.kakehashi.intel.store.CollectionAdministration;
import org.kakehashi.intel.store.Grant;
import org.kakehashi.intel.store.IntelCollection;
import org.kakehashi.intel.store.NewObject;
import org.kakehashi.intel.store.StixObjects;
import org.kakehashi.reporting.Observable;
import org.kakehashi.reporting.ObservableType;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.ReportFixtures;
import org.kakehashi.support.WebClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The intelligence pages over real HTTP: the landing page with its collections and observable search, browsing a
 * collection page by page, the bundle download, and recording sightings and false-positive marks on an object page,
 * each only for those allowed, in Japanese and English.
 */
class IntelPagesTests extends IntegrationTest {

	@Autowired Fixtures fixtures;
	@Autowired ReportFixtures reports;
	@Autowired CollectionAdministration administration;
	@Autowired StixObjects objects;
	@Autowired ObservableIndex index;
	@Autowired JdbcClient jdbc;

	final Random random = new Random();
	Organisation operator;
	UserAccount reporter;
	UserAccount viewer;
	Organisation hub;
	UserAccount hubAnalyst;
	IntelCollection readable;
	IntelCollection hidden;
	IntelCollection writeOnly;
	UserAccount admin;

	@BeforeEach
	void world() {
		operator = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		reporter = fixtures.user(operator, Role.REPORTER);
		viewer = fixtures.user(operator, Role.VIEWER);
		hub = fixtures.organisation(OrganisationType.INFORMATION_HUB);
		hubAnalyst = fixtures.user(hub, Role.ANALYST);
		admin = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN);
		readable = administration.create(admin.principal(), "<b>Readable</b> " + UUID.randomUUID(), "Shared with the operator",
				null, new CollectionAdministration.Access(false, false, List.of(new Grant(operator.id(), null, null, true, false),
						new Grant(hub.id(), null, null, true, true))));
		hidden = administration.create(admin.principal(), "Hidden " + UUID.randomUUID(), null, null,
				new CollectionAdministration.Access(false, false, List.of(new Grant(hub.id(), null, null, true, true))));
		writeOnly = administration.create(admin.principal(), "Drop box " + UUID.randomUUID(), null, null,
				new CollectionAdministration.Access(false, false, List.of(new Grant(operator.id(), null, null, false, true),
						new Grant(hub.id(), null, null, false, true))));
	}

	@Test
	void theLandingPageListsReadableCollectionsAndFindsAValueInIntelligenceAndReports() {
		var address = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(250));
		var indicator = indicator("[ipv4-addr:value = '" + address + "']", "Scanner " + address, null);
		store(readable, indicator);
		store(hidden, indicator("[ipv4-addr:value = '" + address + "']", "Secret", null));
		var report = reports.submitted(reporter, ReportKind.NEAR_MISS, "Port scan", Instant.now().minusSeconds(3600),
				new Observable(ObservableType.IPV4, address));

		var browser = signedIn(reporter, "en");
		var page = browser.get("/intel");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("href=\"/intel\"").contains("Collections you may read")
			.contains("&lt;b&gt;Readable&lt;/b&gt;").doesNotContain("<b>Readable</b>")
			.contains("/taxii2/intel/collections/" + readable.id() + "/").contains("Read only")
			.doesNotContain(hidden.title()).doesNotContain(writeOnly.title())
			.contains("href=\"/intel/imports\"").doesNotContain("/admin/intel/collections");

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
				browser.get("/intel?value=" + address).body()).contains("/reports/" + report.id()));
		var found = browser.get("/intel?value=" + URLEncoder.encode(" " + address + " ", StandardCharsets.UTF_8));
		assertThat(found.body()).contains("id=\"search-results\"")
			.contains("/intel/objects/" + readable.id() + "/" + id(indicator))
			.contains("/reports/" + report.id()).doesNotContain(hidden.id().toString());

		var fragment = browser.send(java.net.http.HttpRequest.newBuilder(browser.uri("/intel?value=" + address))
			.header("HX-Request", "true").GET());
		assertThat(fragment.body()).contains("id=\"search-results\"").doesNotContain("<html").doesNotContain("id=\"collections\"");
		var unknownKind = browser.get("/intel?value=" + URLEncoder.encode("not a value at all", StandardCharsets.UTF_8));
		assertThat(unknownKind.status()).isEqualTo(200);
		assertThat(unknownKind.body()).contains("id=\"value-error\"").contains("aria-invalid=\"true\"")
			.doesNotContain("id=\"search-results\"");
		var wrongKind = browser.get("/intel?type=md5&value=" + address);
		assertThat(wrongKind.body()).contains("id=\"value-error\"").contains("This is not a valid value of that type.");
		assertThat(browser.get("/intel?type=banana&value=x").body()).contains("id=\"type-error\"");
		var nothing = browser.get("/intel?value=" + URLEncoder.encode("nothing-" + UUID.randomUUID() + ".example", StandardCharsets.UTF_8));
		assertThat(nothing.body()).contains("id=\"search-none\"");

		var japanese = browser.language("ja").get("/intel");
		assertThat(japanese.body()).contains("閲覧できるコレクション").contains("閲覧のみ").contains("lang=\"ja\"");

		assertThat(browser().get("/intel").status()).isEqualTo(302);
	}

	@Test
	void aCollectionIsBrowsedNewestFirstPageByPageAndFiltered() {
		var ids = new ArrayList<String>();
		for (int i = 0; i < CollectionPageController.PAGE_SIZE + 7; i++) {
			var object = indicator("[domain-name:value = 'host" + i + ".example']", "Host " + i, null);
			store(readable, object);
			ids.add(id(object));
		}
		var identity = "identity--" + UUID.randomUUID();
		store(readable, "{\"type\":\"identity\",\"spec_version\":\"2.1\",\"id\":\"" + identity
				+ "\",\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\",\"name\":\"Acme CERT\"}");

		var browser = signedIn(viewer, "en");
		var first = browser.get("/intel/collections/" + readable.id());
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.body()).contains(identity).contains("Acme CERT").contains(ids.get(ids.size() - 1))
			.doesNotContain(ids.get(0)).contains("id=\"next-page\"").doesNotContain("id=\"first-page\"")
			.contains("/intel/collections/" + readable.id() + "/bundle");
		assertThat(first.body().indexOf(identity)).isLessThan(first.body().indexOf(ids.get(ids.size() - 1)));
		var next = link(first.body(), "next-page");
		var second = browser.get(next);
		assertThat(second.status()).isEqualTo(200);
		assertThat(second.body()).contains(ids.get(0)).contains(ids.get(7)).doesNotContain(ids.get(8)).doesNotContain(identity)
			.doesNotContain("id=\"next-page\"").contains("id=\"first-page\"");

		var list = browser.send(java.net.http.HttpRequest.newBuilder(browser.uri("/intel/collections/" + readable.id()
				+ "?type=identity")).header("HX-Request", "true").GET());
		assertThat(list.body()).contains("<div id=\"results\"").contains(identity).doesNotContain("<html");
		var identities = browser.get("/intel/collections/" + readable.id() + "?type=identity");
		assertThat(identities.body()).contains(identity).doesNotContain(ids.get(0)).doesNotContain("id=\"next-page\"");
		var byName = browser.get("/intel/collections/" + readable.id() + "?q=" + URLEncoder.encode("host 1", StandardCharsets.UTF_8));
		assertThat(byName.body()).doesNotContain(identity).contains(ids.get(1)).contains(ids.get(10)).doesNotContain(ids.get(2));
		var byId = browser.get("/intel/collections/" + readable.id() + "?q=" + identity.substring(10, 30).toUpperCase());
		assertThat(byId.body()).contains(identity).doesNotContain(ids.get(0));
		var none = browser.get("/intel/collections/" + readable.id() + "?q=%25_%25");
		assertThat(none.body()).contains("id=\"no-objects\"");
		var badType = browser.get("/intel/collections/" + readable.id() + "?type=" + URLEncoder.encode("<x>", StandardCharsets.UTF_8));
		assertThat(badType.status()).isEqualTo(200);
		assertThat(badType.body()).contains("id=\"type-error\"").doesNotContain("<x>");
		assertThat(browser.get("/intel/collections/" + readable.id() + "?before=forged").status()).isEqualTo(400);

		var bundle = browser.get("/intel/collections/" + readable.id() + "/bundle");
		assertThat(bundle.status()).isEqualTo(200);
		assertThat(bundle.headers().get("content-type")).startsWith("application/stix+json");
		assertThat(bundle.body()).startsWith("{\"type\":\"bundle\"").contains(identity).contains(ids.get(0));

		assertThat(browser.get("/intel/collections/" + hidden.id()).status()).isEqualTo(404);
		assertThat(browser.get("/intel/collections/" + hidden.id() + "/bundle").status()).isEqualTo(404);
		// A viewer writes nowhere, so a collection they could only write is not there for them; an analyst is refused.
		assertThat(browser.get("/intel/collections/" + writeOnly.id()).status()).isEqualTo(404);
		var writer = signedIn(hubAnalyst, "en");
		assertThat(writer.get("/intel/collections/" + writeOnly.id()).status()).isEqualTo(403);
		assertThat(writer.get("/intel/collections/" + writeOnly.id() + "/bundle").status()).isEqualTo(403);
		assertThat(browser.get("/intel/collections/" + UUID.randomUUID()).status()).isEqualTo(404);
		assertThat(browser.language("ja").get("/intel/collections/" + readable.id()).body()).contains("より古いオブジェクト");

		var empty = administration.create(admin.principal(), "Empty " + UUID.randomUUID(), null, null,
				new CollectionAdministration.Access(false, false, List.of(new Grant(operator.id(), null, null, true, false))));
		assertThat(browser.language("en").get("/intel/collections/" + empty.id()).body()).contains("id=\"no-objects\"")
			.contains("holds no objects yet");
	}

	@Test
	void analystsRecordSightingsAndMarkFalsePositivesOnTheObjectPage() {
		var indicator = indicator("[domain-name:value = 'fp-" + UUID.randomUUID() + ".example']", "Maybe bad",
				"2020-01-01T00:00:00Z");
		store(readable, indicator);
		var path = "/intel/objects/" + readable.id() + "/" + id(indicator);

		// A viewer sees the state but no forms, and may not post them.
		var viewing = signedIn(viewer, "en");
		var viewerPage = viewing.get(path);
		assertThat(viewerPage.body()).contains("id=\"badge-expired\"").doesNotContain("id=\"sighting-form\"")
			.doesNotContain("id=\"false-positive-form\"");
		assertThat(viewing.post(path + "/sightings", Map.of("count", "1")).status()).isEqualTo(403);
		assertThat(viewing.post(path + "/false-positive", Map.of("reason", "x")).status()).isEqualTo(403);

		var analyst = signedIn(hubAnalyst, "en");
		var page = analyst.get(path);
		assertThat(page.body()).contains("id=\"sighting-form\"").contains("id=\"false-positive-form\"")
			.contains("id=\"badge-expired\"").contains("None recorded");

		var bad = analyst.post(path + "/sightings", form("count", "0", "firstSeen", "2026-11-02T10:00", "lastSeen",
				"2026-11-01T10:00", "collection", readable.id().toString()));
		assertThat(bad.status()).isEqualTo(200);
		assertThat(bad.body()).contains("id=\"sighting-count-error\"").contains("value=\"2026-11-02T10:00\"");
		var order = analyst.post(path + "/sightings", form("count", "2", "firstSeen", "2026-11-02T10:00", "lastSeen",
				"2026-11-01T10:00", "collection", readable.id().toString()));
		assertThat(order.body()).contains("id=\"sighting-lastSeen-error\"").doesNotContain("id=\"sighting-count-error\"");
		var garbled = analyst.post(path + "/sightings", form("count", "two", "firstSeen", "yesterday", "collection",
				hidden.id().toString()));
		assertThat(garbled.body()).contains("id=\"sighting-count-error\"").contains("id=\"sighting-firstSeen-error\"");
		assertThat(sightings(indicator)).isZero();

		var recorded = analyst.post(path + "/sightings", form("count", "3", "firstSeen", "2026-11-01T10:00", "lastSeen",
				"2026-11-02T10:00", "collection", readable.id().toString()));
		assertThat(recorded.status()).isEqualTo(302);
		assertThat(recorded.location()).endsWith(path);
		assertThat(analyst.get(path).body()).contains("3 sightings").contains("The sighting has been recorded.");
		assertThat(sightings(indicator)).isEqualTo(3);

		var noReason = analyst.post(path + "/false-positive", Map.of("reason", "   "));
		assertThat(noReason.status()).isEqualTo(200);
		assertThat(noReason.body()).contains("id=\"false-positive-reason-error\"");
		var marked = analyst.post(path + "/false-positive", Map.of("reason", "<i>Our own scanner</i>"));
		assertThat(marked.status()).isEqualTo(302);
		var markedPage = analyst.language("ja").get(path);
		assertThat(markedPage.body()).contains("id=\"badge-false-positive\"").contains("&lt;i&gt;Our own scanner&lt;/i&gt;")
			.contains("id=\"unmark-false-positive\"").doesNotContain("id=\"false-positive-form\"");
		assertThat(analyst.post(path + "/false-positive/remove", Map.of()).status()).isEqualTo(302);
		assertThat(analyst.language("en").get(path).body()).doesNotContain("id=\"badge-false-positive\"")
			.contains("Not marked");
		assertThat(jdbc.sql("select count(*) from audit_log where target_id = :id and action like 'intel.indicator.false-positive%'")
			.param("id", id(indicator)).query(Long.class).single()).isEqualTo(2);

		// An analyst who may only read the collection records nothing there and may not mark it.
		var readerOrg = fixtures.organisation(OrganisationType.OPERATOR, "GAS");
		var readerAnalyst = fixtures.user(readerOrg, Role.ANALYST);
		administration.grant(admin.principal(), readable.id(), new Grant(readerOrg.id(), null, null, true, false));
		var readOnly = signedIn(readerAnalyst, "en");
		assertThat(readOnly.get(path).body()).doesNotContain("id=\"false-positive-form\"").doesNotContain("id=\"sighting-form\"");
		assertThat(readOnly.post(path + "/false-positive", Map.of("reason", "no")).status()).isEqualTo(403);
		var again = signedIn(hubAnalyst, "en");
		again.get("/intel");
		assertThat(again.post("/intel/objects/" + hidden.id() + "/indicator--" + UUID.randomUUID()
				+ "/sightings", Map.of("count", "1")).status()).isEqualTo(404);
	}

	// ---- helpers

	private WebClient signedIn(UserAccount user, String language) {
		var client = browser().language(language);
		fixtures.signInWithSecondFactor(client, user);
		return client;
	}

	private static Map<String, String> form(String... pairs) {
		var map = new LinkedHashMap<String, String>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return map;
	}

	private void store(IntelCollection collection, String raw) {
		var id = id(raw);
		var type = id.substring(0, id.indexOf("--"));
		objects.add(collection.id(), List.of(new NewObject(id, type, "2.1", "2026-01-01T00:00:00.000Z",
				Instant.parse("2026-01-01T00:00:00Z"), raw)));
		index.indexStored(collection.id(), List.of(id));
	}

	private static String indicator(String pattern, String name, String validUntil) {
		return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--" + UUID.randomUUID()
				+ "\",\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\",\"name\":\"" + name
				+ "\",\"pattern\":\"" + pattern + "\",\"pattern_type\":\"stix\",\"valid_from\":\"2019-01-01T00:00:00Z\""
				+ (validUntil == null ? "" : ",\"valid_until\":\"" + validUntil + "\"") + "}";
	}

	private static String id(String raw) {
		var start = raw.indexOf("\"id\":\"") + 6;
		return raw.substring(start, raw.indexOf('"', start));
	}

	private long sightings(String indicator) {
		return jdbc.sql("select coalesce(sum(count), 0) from intel_sighting where sighting_of_ref = :id")
			.param("id", id(indicator)).query(Long.class).single();
	}

	private static String link(String body, String id) {
		var at = body.indexOf("id=\"" + id + "\"");
		var tag = body.substring(body.lastIndexOf('<', at), body.indexOf('>', at));
		var href = tag.substring(tag.indexOf("href=\"") + 6);
		return href.substring(0, href.indexOf('"')).replace("&amp;", "&");
	}
}
