package org.kakehashi.vulns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.intel.importing.AdvisoryFeed;
import org.kakehashi.platform.Secrets;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.VulnsFixtures;
import org.kakehashi.support.WebClient;
import org.kakehashi.vulns.CoordinationWorld.Multipart;
import org.kakehashi.vulns.ParticipantMatrixTests.Caller;
import org.kakehashi.vulns.ParticipantMatrixTests.Kind;
import org.kakehashi.vulns.internal.CaseKind;
import org.kakehashi.vulns.internal.CaseReport;
import org.kakehashi.vulns.internal.CaseVulnerabilities;
import org.kakehashi.vulns.internal.Upload;
import org.kakehashi.vulns.internal.VulnCases;
import org.kakehashi.vulns.publication.AdvisoryDrafts;
import org.kakehashi.vulns.publication.AdvisoryPublication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embargo of ADR 010, end to end over HTTP: a multi-vendor product case is taken to an agreed publication an hour
 * ahead, with a thread message, a file and a distinctive number, title, CVE id, vendors and products. Until that
 * moment no outsider — anonymous, a signed-in operator, the centre's analyst, the platform administrator, the PSIRT of
 * a vendor not invited, a viewer of an invited vendor's organisation, the holder of a personal link to another case,
 * the holder of this case's link once it expired — learns anything of it from any endpoint: every case endpoint of
 * {@link ParticipantMatrixTests#ROWS} answers as for a case that does not exist, and the case lists, their search,
 * the public advisories (index, search, page, CSAF, CVE record, Atom), the unreachable-vendor list, the TAXII
 * advisory collection (objects and manifest), the intel search and the home page say nothing of it. The same probes
 * find the case for its participants before the moment, and its public parts for everyone once the platform has
 * published it and the TAXII feed has taken it, while the case itself stays closed to outsiders.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbargoTests extends ClockedVulnsTest {

	static final String TAXII = "application/taxii+json;version=2.1";

	enum Outsider {
		ANONYMOUS, OPERATOR, CENTRE_ANALYST, PLATFORM_ADMIN, UNINVITED_VENDOR, INVITED_VENDOR_VIEWER, OTHER_CASE_LINK,
		EXPIRED_LINK;

		boolean signedIn() {
			return this != ANONYMOUS && this != OTHER_CASE_LINK && this != EXPIRED_LINK;
		}
	}

	@Autowired
	Fixtures fixtures;

	@Autowired
	VulnsFixtures vulns;

	@Autowired
	VulnCases vulnCases;

	@Autowired
	CaseVulnerabilities caseVulnerabilities;

	@Autowired
	AdvisoryPublication publication;

	@Autowired
	AdvisoryFeed feed;

	@Autowired
	Users users;

	@Autowired
	ApiTokens apiTokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	CaseSessions sessions;
	CoordinationWorld world;
	String u;
	UUID caseId;
	String number;
	String slug;
	String title;
	String cve;
	String domain;
	VulnsFixtures.VendorWithAccount vendorA;
	String productA;
	UUID vendorB;
	String nameB;
	String productB;
	String nameD;
	String productD;
	String threadMessage;
	String threadFile;
	String reportFile;
	UUID reportFileId;
	UUID threadFileId;
	UUID vulnerabilityId;
	UUID taxiiCollection;
	String expiredLink;
	/** The coordinator, the finder, vendor A's PSIRT: signed in, with tokens. */
	final Map<String, WebClient> participantBrowsers = new LinkedHashMap<>();
	final Map<String, ApiClient> participantApis = new LinkedHashMap<>();
	WebClient vendorLink;
	final Map<Outsider, WebClient> browsers = new EnumMap<>(Outsider.class);
	final Map<Outsider, ApiClient> apis = new EnumMap<>(Outsider.class);

	@BeforeAll
	void aCaseUnderEmbargo() {
		var base = "http://localhost:" + port;
		sessions = new CaseSessions(base, users, apiTokens, clock);
		world = new CoordinationWorld(base, fixtures, apiTokens, json, MAIL);
		u = UUID.randomUUID().toString().substring(0, 8);
		title = "Embargo " + u + " 認証回避";
		cve = "CVE-2026-" + (1_000_000 + (int) (Math.random() * 8_999_999));
		domain = "psirt-" + u + ".kasumi.example";
		threadMessage = "thread-message-" + u;
		threadFile = "thread-file-" + u + ".txt";
		reportFile = "report-file-" + u + ".txt";

		var coordinator = vulns.coordinator();
		var coordinatorToken = sessions.token(coordinator);
		var coordinatorApi = sessions.api(coordinatorToken);
		vendorA = vulns.vendorWithAccount(coordinator, "Kasumi Seiki " + u);
		productA = "KasumiGate " + u;
		nameB = "Hoshi Controls " + u;
		productB = "HoshiHMI " + u;
		var contactB = "desk-" + u + "@hoshi.example";
		vendorB = vulns.vendorWithoutAccount(coordinator, nameB, contactB).id();
		nameD = "Silent Works " + u;
		productD = "SilentPLC " + u;
		var vendorD = vulns.vendorWithoutAccount(coordinator, nameD, "desk-" + u + "@silent.example").id();

		// The finder reports vendor A's product; the report and a file come in over the API.
		var finder = vulns.finder();
		var finderToken = sessions.token(finder);
		var filed = sessions.api(finderToken).post("/api/v1/vuln-cases", "{\"kind\":\"PRODUCT\",\"vendorName\":"
				+ world.quote(vendorA.entry().name()) + ",\"productName\":" + world.quote(productA) + ",\"versions\":\"3.2\","
				+ "\"title\":" + world.quote(title) + ",\"description\":\"The login screen can be bypassed.\","
				+ "\"consentCredit\":true,\"consentShareWithVendor\":true}");
		assertThat(filed.status()).as(filed.body()).isEqualTo(201);
		var created = json.readTree(filed.body());
		caseId = UUID.fromString(created.get("id").asString());
		number = created.get("number").asString();
		slug = AdvisoryDrafts.slug(number);
		var attached = world.multipart(finderToken, "/api/v1/vuln-cases/" + caseId + "/attachments",
				new Multipart().file("files", reportFile, ("exploit " + u).getBytes(StandardCharsets.UTF_8)));
		assertThat(attached.status()).as(attached.text()).isEqualTo(201);
		reportFileId = UUID.fromString(json.readTree(attached.text()).get(0).get("id").asString());

		vulns.accept(coordinator, caseId);
		vulns.invite(coordinator, caseId, vendorA.entry().id(), productA);
		vulns.invite(coordinator, caseId, vendorB, productB);
		vulns.invite(coordinator, caseId, vendorD, productD);
		vulns.describe(coordinator, caseId, cve);
		vulnerabilityId = caseVulnerabilities.list(VulnsFixtures.viewer(coordinator), caseId).get(0).id();
		var draft = coordinatorApi.send("PUT", "/api/v1/vuln-cases/" + caseId + "/advisory", "{\"titleJa\":"
				+ world.quote(title + " の脆弱性") + ",\"titleEn\":" + world.quote(title + " vulnerability")
				+ ",\"summaryJa\":\"認証を回避できます。\",\"summaryEn\":\"Authentication can be bypassed.\","
				+ "\"referenceLines\":\"https://" + domain + "/advisory Vendor advisory\"}");
		assertThat(draft.status()).as(draft.body()).isEqualTo(200);

		// The thread: a message to everyone on the case, with a file.
		var posted = world.multipart(coordinatorToken, "/api/v1/vuln-cases/" + caseId + "/messages", new Multipart()
			.field("channel", "ALL").field("body", threadMessage).file("files", threadFile, threadMessage.getBytes(StandardCharsets.UTF_8)));
		assertThat(posted.status()).as(posted.text()).isEqualTo(201);
		threadFileId = UUID.fromString(json.readTree(posted.text()).get("files").get(0).get("id").asString());

		// The scheme's one published exception: vendor D, unreachable after the documented attempts, is listed with
		// its product; the committee allows publishing without it.
		var listed = 0;
		for (int attempt = 0; attempt < 5 && listed != 200; attempt++) {
			assertThat(coordinatorApi.post("/api/v1/vuln-cases/" + caseId + "/vendors/" + vendorD + "/contact-attempts",
					"{\"channel\":\"PHONE\"}").status()).isEqualTo(201);
			listed = coordinatorApi.send("PUT", "/api/v1/vuln-cases/" + caseId + "/vendors/" + vendorD + "/unreachable",
					"{\"unreachable\":true}").status();
		}
		assertThat(listed).as("vendor D listed as unreachable").isEqualTo(200);
		assertThat(coordinatorApi.post("/api/v1/vuln-cases/" + caseId + "/committee-decisions", "{\"decidedOn\":\""
				+ vulns.today() + "\",\"members\":[\"委員 A\",\"委員 B\"],\"decision\":\"PUBLISH_WITHOUT_VENDOR\"}").status())
			.isEqualTo(201);
		var advisory = json.readTree(coordinatorApi.get("/api/v1/vuln-cases/" + caseId + "/advisory").body());
		assertThat(advisory.get("ready").asBoolean()).as(advisory.toString()).isTrue();
		var at = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
		vulns.agree(coordinator, caseId, at.atZone(ZoneId.of("Asia/Tokyo")).toLocalDateTime());
		taxiiCollection = feed.collection();

		// Vendor B's contact: the invitation's link will expire; a message to B brings a fresh one.
		expiredLink = linkIn(contactB, 1);
		assertThat(coordinatorApi.post("/api/v1/vuln-cases/" + caseId + "/messages", "{\"channel\":\"VENDOR\",\"vendorId\":\""
				+ vendorB + "\",\"body\":\"Please answer.\"}").status()).isEqualTo(201);
		vendorLink = sessions.holding(linkIn(contactB, 2));

		participantBrowsers.put("coordinator", sessions.signedIn(coordinator));
		participantApis.put("coordinator", coordinatorApi);
		participantBrowsers.put("finder", sessions.signedIn(finder));
		participantApis.put("finder", sessions.api(finderToken));
		participantBrowsers.put("vendor A's PSIRT", sessions.signedIn(vendorA.psirt()));
		participantApis.put("vendor A's PSIRT", sessions.api(sessions.token(vendorA.psirt())));

		var accounts = new EnumMap<Outsider, UserAccount>(Outsider.class);
		accounts.put(Outsider.OPERATOR, fixtures.user(fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY"), Role.ANALYST));
		var centre = fixtures.organisation(OrganisationType.NATIONAL_CENTRE);
		accounts.put(Outsider.CENTRE_ANALYST, fixtures.user(centre, Role.ANALYST));
		accounts.put(Outsider.PLATFORM_ADMIN, fixtures.user(centre, Role.PLATFORM_ADMIN));
		accounts.put(Outsider.UNINVITED_VENDOR, vulns.vendorWithAccount(coordinator, "Uninvited " + u).psirt());
		accounts.put(Outsider.INVITED_VENDOR_VIEWER, fixtures.user(vendorA.organisation(), Role.VIEWER));
		accounts.forEach((outsider, account) -> {
			browsers.put(outsider, sessions.signedIn(account));
			apis.put(outsider, sessions.api(sessions.token(account)));
		});
		browsers.put(Outsider.ANONYMOUS, sessions.anonymous());
		var elsewhere = vulnCases.fileAsGuest(new VulnCases.GuestFinder("elsewhere-" + u + "@finder.example", "", "ja"),
				new CaseReport(CaseKind.PRODUCT, false, "Other", "Other", "", "", "Another case " + u, "x", "", "", "", false,
						false), List.<Upload>of());
		browsers.put(Outsider.OTHER_CASE_LINK, sessions.holding(elsewhere.link()));
		assertThat(browsers.get(Outsider.OTHER_CASE_LINK).get("/public/vulns/cases/" + elsewhere.filed().id()).status())
			.as("the other case's link opens that case").isEqualTo(200);
		var expiring = sessions.holding(expiredLink);
		assertThat(expiring.get("/public/vulns/cases/" + caseId).status()).as("the link opens the case while valid")
			.isEqualTo(200);
		jdbc.sql("update vuln_access_key set expires_at = :past where key_hash = :hash")
			.param("past", Timestamp.from(clock.instant().minusSeconds(60)))
			.param("hash", Secrets.sha256Hex(expiredLink.substring(expiredLink.indexOf("key=") + 4))).update();
		browsers.put(Outsider.EXPIRED_LINK, expiring);
	}

	@Test
	void beforeTheAgreedMomentNoOutsiderLearnsAnythingAndAfterItEveryoneReadsTheAdvisoryOnly() {
		var failures = new ArrayList<String>();
		assertThat(sessions.anonymous().get(path(expiredLink)).status()).as("the expired link, opened again").isEqualTo(410);
		var manifestBefore = new HashSet<String>();
		for (var outsider : Outsider.values()) {
			caseEndpoints(outsider, failures);
			searches(outsider, failures);
			publicPages(outsider, failures, false);
			feeds(outsider, failures, manifestBefore);
		}
		participantsFindTheCase(failures);
		assertThat(failures).as("the embargo before the agreed moment").isEmpty();

		clock.advance(Duration.ofHours(1).plusMinutes(2));
		assertThat(publication.publishDue()).contains(caseId);
		// The feed listens after the publication commits; placing it here as well waits for it (one writer per
		// advisory, a second placement stores nothing).
		feed.place(caseId);
		for (var outsider : Outsider.values()) {
			publicPages(outsider, failures, true);
			caseEndpoints(outsider, failures);
			searches(outsider, failures);
		}
		published(failures, manifestBefore);
		assertThat(failures).as("after publication: the advisory for everyone, the case for no outsider").isEmpty();
	}

	/** Every endpoint of the case answers as for a case that does not exist, and carries nothing of it. */
	private void caseEndpoints(Outsider outsider, List<String> failures) {
		var browser = browsers.get(outsider);
		var api = apis.getOrDefault(outsider, new ApiClient("http://localhost:" + port, null));
		var as = outsider.signedIn() ? Caller.OUTSIDER : Caller.ANONYMOUS;
		var secrets = secrets();
		for (var row : ParticipantMatrixTests.ROWS) {
			var path = fill(row.path());
			int status;
			String body;
			if (row.kind() == Kind.API) {
				var response = api.send(row.method(), path, row.body() == null ? null : fill(row.body()));
				status = response.status();
				body = response.body();
			}
			else if (row.method().equals("GET")) {
				var response = browser.get(path);
				status = response.status();
				body = response.body() + response.location();
			}
			else {
				browser.get("/setup");
				var response = browser.post(path, form(fill(row.body() == null ? "" : row.body())));
				status = response.status();
				body = response.body() + response.location();
			}
			if (status != row.expected(as)) {
				failures.add("%s %s %s: %d, expected %d".formatted(outsider, row.method(), path, status, row.expected(as)));
			}
			leaks(failures, outsider + " " + row.method() + " " + path + " " + (row.body() == null ? "" : fill(row.body())),
					body, secrets);
		}
		// The thread's file, by its own address.
		for (var prefix : List.of("/vulns/", "/public/vulns/cases/")) {
			var response = browser.get(prefix + caseId + "/files/" + threadFileId);
			var expected = prefix.startsWith("/public") || outsider.signedIn() ? 404 : 302;
			if (response.status() != expected) {
				failures.add("%s the thread's file under %s: %d".formatted(outsider, prefix, response.status()));
			}
			leaks(failures, outsider + " " + prefix + caseId + "/files/" + threadFileId, response.body(), secrets);
		}
	}

	/** The case lists and their search, the home page and the intel search: the case is in none of them. */
	private void searches(Outsider outsider, List<String> failures) {
		var secrets = secrets();
		var browser = browsers.get(outsider);
		var api = apis.get(outsider);
		for (var term : terms()) {
			var q = encode(term);
			var page = browser.get("/vulns?q=" + q);
			if (page.status() != (outsider.signedIn() ? 200 : 302)) {
				failures.add("%s /vulns?q=%s: %d".formatted(outsider, term, page.status()));
			}
			leaks(failures, outsider + " /vulns?q=" + term, page.body(), secrets);
			if (api != null) {
				var listed = api.get("/api/v1/vuln-cases?q=" + q);
				if (listed.status() != 200) {
					failures.add("%s /api/v1/vuln-cases?q=%s: %d".formatted(outsider, term, listed.status()));
				}
				leaks(failures, outsider + " /api/v1/vuln-cases?q=" + term, listed.body(), secrets);
			}
		}
		leaks(failures, outsider + " /vulns", browser.get("/vulns").body(), secrets);
		leaks(failures, outsider + " /", browser.get("/").body(), secrets);
		leaks(failures, outsider + " /vulns/vendors", browser.get("/vulns/vendors").body(), secrets);
		leaks(failures, outsider + " /intel", browser.get("/intel?value=" + domain).body(), secrets);
		if (api != null) {
			leaks(failures, outsider + " /api/v1/vuln-cases", api.get("/api/v1/vuln-cases").body(), secrets);
			var observables = api.get("/api/v1/intel/observables?type=domain&value=" + domain);
			if (observables.status() != 200) {
				failures.add("%s /api/v1/intel/observables: %d".formatted(outsider, observables.status()));
			}
			leaks(failures, outsider + " /api/v1/intel/observables", observables.body(), secrets);
			if (outsider != Outsider.PLATFORM_ADMIN) {
				var audit = api.get("/api/v1/audit?action=vulns.");
				if (audit.status() != 403) {
					failures.add("%s /api/v1/audit: %d".formatted(outsider, audit.status()));
				}
				leaks(failures, outsider + " /api/v1/audit", audit.body(), secrets);
			}
		}
	}

	/**
	 * The public pages: before publication nothing of the case (vendor D's listing aside, which names vendor and
	 * product only); after it, the advisory everywhere it belongs, and still nothing of the thread or the files.
	 */
	private void publicPages(Outsider outsider, List<String> failures, boolean published) {
		var browser = browsers.get(outsider);
		var secrets = published ? internals() : secrets();
		var index = browser.get("/public/advisories");
		leaks(failures, outsider + " /public/advisories", index.body(), secrets);
		for (var term : terms()) {
			var found = browser.get("/public/advisories?q=" + encode(term));
			leaks(failures, outsider + " /public/advisories?q=" + term, found.body(), secrets);
			// The public index finds the advisory by what it publishes: number, titles, CVE, vendors and products.
			if (published && !found.body().contains(number)) {
				failures.add("%s /public/advisories?q=%s does not find %s".formatted(outsider, term, number));
			}
		}
		var expected = published ? 200 : 404;
		for (var document : List.of("/public/advisories/" + slug, "/public/advisories/" + slug + "/csaf",
				"/public/advisories/" + slug + "/cve/" + cve)) {
			var response = browser.get(document);
			if (response.status() != expected) {
				failures.add("%s %s: %d, expected %d".formatted(outsider, document, response.status(), expected));
			}
			leaks(failures, outsider + " " + document, response.body(), secrets);
			if (published && !response.body().contains(cve)) {
				failures.add("%s %s does not name %s".formatted(outsider, document, cve));
			}
		}
		var atom = browser.get("/public/advisories.atom");
		leaks(failures, outsider + " /public/advisories.atom", atom.body(), secrets);
		if (published && !atom.body().contains(number)) {
			failures.add("%s /public/advisories.atom lacks %s".formatted(outsider, number));
		}
		if (published) {
			var page = browser.get("/public/advisories/" + slug).body();
			for (var name : List.of(vendorA.entry().name(), productA, nameB, productB)) {
				if (!page.contains(name)) {
					failures.add("%s the published page lacks %s".formatted(outsider, name));
				}
			}
		}
		else {
			for (var q : List.of("", "?q=" + encode(number), "?q=" + encode(title), "?q=" + encode(vendorA.entry().name()))) {
				leaks(failures, outsider + " /public/vulns/unreachable" + q, browser.get("/public/vulns/unreachable" + q).body(),
						secrets);
			}
			var listing = browser.get("/public/vulns/unreachable?q=" + encode(nameD)).body();
			leaks(failures, outsider + " /public/vulns/unreachable?q=" + nameD, listing, secrets);
			if (!listing.contains(nameD) || !listing.contains(productD)) {
				failures.add("%s /public/vulns/unreachable does not list %s with %s".formatted(outsider, nameD, productD));
			}
		}
	}

	/** The TAXII advisory collection, objects and manifest, for those who may read it. */
	private void feeds(Outsider outsider, List<String> failures, Set<String> manifest) {
		var api = apis.get(outsider);
		if (api == null) {
			return;
		}
		var secrets = secrets();
		var objects = everything(api, "objects/", "objects");
		leaks(failures, outsider + " TAXII objects", objects.toString(), secrets);
		var entries = everything(api, "manifest/", "objects");
		leaks(failures, outsider + " TAXII manifest", entries.toString(), secrets);
		entries.forEach(e -> manifest.add(e.get("id").asString()));
	}

	/** The same probes do find the case for those on it. */
	private void participantsFindTheCase(List<String> failures) {
		participantBrowsers.forEach((who, browser) -> {
			if (browser.get("/vulns/" + caseId).status() != 200) {
				failures.add(who + " cannot open the case");
			}
			if (!browser.get("/vulns/" + caseId + "/thread").body().contains(threadMessage)) {
				failures.add(who + " does not read the thread's message to everyone");
			}
			if (browser.get("/vulns/" + caseId + "/files/" + threadFileId).status() != 200) {
				failures.add(who + " cannot download the thread's file");
			}
			// The case search covers number, title, reported vendor and product (not CVE ids: the public index does).
			for (var term : List.of(number, title, vendorA.entry().name(), productA)) {
				if (!browser.get("/vulns?q=" + encode(term)).body().contains(number)) {
					failures.add(who + " does not find the case by " + term);
				}
				if (!participantApis.get(who).get("/api/v1/vuln-cases?q=" + encode(term)).body().contains(number)) {
					failures.add(who + " does not find the case by " + term + " over the API");
				}
			}
			if (!participantApis.get(who).get("/api/v1/vuln-cases/" + caseId).body().contains(title)) {
				failures.add(who + " cannot read the case over the API");
			}
		});
		var page = vendorLink.get("/public/vulns/cases/" + caseId);
		if (page.status() != 200 || !page.body().contains(title)) {
			failures.add("vendor B's contact cannot open the case through its fresh link");
		}
		if (!vendorLink.get("/public/vulns/cases/" + caseId + "/thread").body().contains(threadMessage)) {
			failures.add("vendor B's contact does not read the thread's message to everyone");
		}
		if (vendorLink.get("/public/vulns/cases/" + caseId + "/files/" + threadFileId).status() != 200) {
			failures.add("vendor B's contact cannot download the thread's file");
		}
	}

	/** After publication: the advisory's objects are in the collection and its manifest, and were in neither before. */
	private void published(List<String> failures, Set<String> manifestBefore) {
		var reader = apis.get(Outsider.OPERATOR);
		var objects = everything(reader, "objects/", "objects");
		var ours = new LinkedHashSet<String>();
		for (var object : objects) {
			if (object.path("external_references").toString().contains("\"external_id\":\"" + number + "\"")) {
				ours.add(object.get("id").asString());
			}
		}
		objects.stream().filter(o -> ours.contains(o.path("object_ref").asString(""))).forEach(o -> ours.add(o.get("id").asString()));
		if (ours.isEmpty() || !objects.toString().contains(cve)) {
			failures.add("TAXII: the published advisory is not in the collection");
		}
		leaks(failures, "TAXII objects after publication", objects.toString(), internals());
		var manifest = new HashSet<String>();
		everything(reader, "manifest/", "objects").forEach(e -> manifest.add(e.get("id").asString()));
		for (var id : ours) {
			if (!manifest.contains(id)) {
				failures.add("TAXII: " + id + " is not in the manifest after publication");
			}
			if (manifestBefore.contains(id)) {
				failures.add("TAXII: " + id + " was in the manifest before publication");
			}
		}
	}

	/** What an outsider must not come across before publication. */
	private Set<String> secrets() {
		return new LinkedHashSet<>(List.of(caseId.toString(), number, slug, title, cve, vendorA.entry().name(), productA,
				nameB, productB, threadMessage, threadFile, reportFile, "exploit " + u));
	}

	/** What no outsider comes across even after publication: the thread and the files stay on the case. */
	private Set<String> internals() {
		return Set.of(threadMessage, threadFile, reportFile, "exploit " + u);
	}

	private List<String> terms() {
		return List.of(number, title, cve, vendorA.entry().name(), productA, nameB, productB);
	}

	/**
	 * Records each secret the answer carries, except what the request itself named: a search box shows the words
	 * searched for and an error page the address asked for, which tells the asker nothing new.
	 */
	private static void leaks(List<String> failures, String request, String body, Set<String> secrets) {
		var asked = URLDecoder.decode(request, StandardCharsets.UTF_8);
		for (var secret : secrets) {
			if (body.contains(secret) && !asked.contains(secret)) {
				failures.add(request + " shows " + secret);
			}
		}
	}

	/** Every envelope entry of the advisory collection's objects or manifest, following {@code next}. */
	private List<JsonNode> everything(ApiClient api, String what, String field) {
		var result = new ArrayList<JsonNode>();
		String next = null;
		do {
			var response = api.send("GET", "/taxii2/intel/collections/" + taxiiCollection + "/" + what
					+ (next == null ? "" : "?next=" + encode(next)), null, Map.of("Accept", TAXII));
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			var envelope = json.readTree(response.body());
			envelope.path(field).forEach(result::add);
			next = envelope.path("more").asBoolean(false) ? envelope.get("next").asString() : null;
		} while (next != null);
		return result;
	}

	/** The personal link in the n-th mail (1 first) to the address about this case. */
	private String linkIn(String address, int nth) {
		var mails = world.mails(address).stream().filter(m -> CoordinationWorld.text(m).contains(number)).toList();
		assertThat(mails).as("mails to %s", address).hasSizeGreaterThanOrEqualTo(nth);
		return CoordinationWorld.personalLink(mails.get(nth - 1));
	}

	private String fill(String template) {
		return template.replace("{id}", caseId.toString())
			.replace("{vendorId}", vendorA.entry().id().toString())
			.replace("{otherVendorId}", vendorB.toString())
			.replace("{product}", productA)
			.replace("{vulnerabilityId}", vulnerabilityId.toString())
			.replace("{fileId}", reportFileId.toString())
			.replace("{statement}", "Embargo")
			.replace("{today}", vulns.today().toString());
	}

	private static String path(String link) {
		return link.substring(link.indexOf("/public/"));
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static Map<String, String> form(String encoded) {
		var form = new LinkedHashMap<String, String>();
		for (var pair : encoded.split("&")) {
			if (!pair.isEmpty()) {
				var parts = pair.split("=", 2);
				form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
						parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
			}
		}
		return form;
	}
}
