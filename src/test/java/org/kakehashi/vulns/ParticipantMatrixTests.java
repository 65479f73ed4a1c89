package org.kakehashi.vulns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.VulnsFixtures;
import org.kakehashi.support.WebClient;
import org.kakehashi.vulns.CoordinationWorld.Multipart;
import org.kakehashi.vulns.internal.Attachments;
import org.kakehashi.vulns.internal.CaseKind;
import org.kakehashi.vulns.internal.CaseReport;
import org.kakehashi.vulns.internal.CaseVulnerabilities;
import org.kakehashi.vulns.internal.Upload;
import org.kakehashi.vulns.internal.VulnCase;
import org.kakehashi.vulns.internal.VulnCases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may do what on one vulnerability case, for every case-scoped endpoint, over real HTTP: each row is an
 * endpoint and the status each kind of participant (and non-participant) gets. The rules (ADR 010): coordinators do
 * everything; every other participant reads the case and does its own part, and gets 403 for coordinators' work;
 * whoever is not on the case gets 404, as if it did not exist; personal links open only {@code /public/vulns/cases/…}
 * and a signed-in user is nobody there. {@link #eachParticipantReadsItsPartAndNothingElse()} then checks what the
 * 200s carry: a vendor reads only its own row and the messages of its channel and of everyone, the finder no vendor,
 * and the finder's identity reaches no vendor without consent. {@link #everyCaseScopedMappingHasARow()} fails until a
 * new case-scoped endpoint has a row.
 *
 * <p>Two cases with the same coordination: the main one was filed by a guest (GUEST_FINDER holds its personal link),
 * the twin by a signed-in finder (FINDER's column is about the twin). Vendor A has an organisation (VENDOR_PSIRT is
 * its coordinator, VENDOR_VIEWER its viewer), vendor B none (VENDOR_LINK holds its contact's link), vendor C has an
 * organisation too (OTHER_VENDOR_PSIRT: on the case, asking about A); UNINVITED_VENDOR's vendor is in the directory
 * but not on the case; OUTSIDER is an operator's analyst.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParticipantMatrixTests extends ClockedVulnsTest {

	enum Caller {
		COORDINATOR, FINDER, GUEST_FINDER, VENDOR_PSIRT, VENDOR_LINK, OTHER_VENDOR_PSIRT, VENDOR_VIEWER, UNINVITED_VENDOR,
		OUTSIDER, ANONYMOUS;

		boolean signedIn() {
			return this != GUEST_FINDER && this != VENDOR_LINK && this != ANONYMOUS;
		}

		boolean holdsLink() {
			return this == GUEST_FINDER || this == VENDOR_LINK;
		}
	}

	enum Kind {
		/** Browser pages: the caller's session (signed in, holding a link, or neither) with its CSRF token. */
		WEB,
		/** REST API: the caller's bearer token; link holders and the anonymous have none. */
		API
	}

	/**
	 * Expected statuses in {@link Caller} order. Placeholders: {id} the caller's case; {vendorId} the caller's own
	 * vendor (B for VENDOR_LINK, A for everyone else) and {product} its product; {otherVendorId} a vendor of the case
	 * that is not the caller's (A for VENDOR_LINK, B for everyone else); {vulnerabilityId} the case's vulnerability;
	 * {fileId} the report's file (not shared with vendors); {statement} the path vendor's statement as it stands.
	 */
	record Row(Kind kind, String method, String path, @Nullable String body, int... expected) {

		int expected(Caller caller) {
			return expected[caller.ordinal()];
		}
	}

	static final String STATUS_FORM = "status=AFFECTED&statement={statement}";
	static final String STATUS_JSON = "{\"status\":\"AFFECTED\",\"statement\":\"{statement}\"}";
	static final String DECISION_FORM = "decidedOn={today}&members=Matrix&decision=DO_NOT_PUBLISH";
	static final String DECISION_JSON = "{\"decidedOn\":\"{today}\",\"members\":[\"Matrix\"],\"decision\":\"DO_NOT_PUBLISH\"}";

	// Bodies are chosen so that a coordinator's call changes nothing the other rows rely on: moves and saves the
	// case refuses (409, 422), the vendor's own product and statement again, a listing taken back that never was.
	// @formatter:off
	//                       kind      method  path                                                                 body                     coor find gues psir link othr view unin outs anon
	static final List<Row> ROWS = List.of(
			new Row(Kind.WEB, "GET",  "/vulns/{id}",                                                         null,                    200, 200, 302, 200, 302, 200, 404, 404, 404, 302),
			new Row(Kind.WEB, "GET",  "/public/vulns/cases/{id}",                                            null,                    404, 404, 200, 404, 200, 404, 404, 404, 404, 404),
			new Row(Kind.WEB, "GET",  "/vulns/{id}/receipt",                                                 null,                    200, 200, 302, 200, 302, 200, 404, 404, 404, 302),
			new Row(Kind.WEB, "GET",  "/public/vulns/cases/{id}/receipt",                                    null,                    404, 404, 200, 404, 200, 404, 404, 404, 404, 404),
			new Row(Kind.WEB, "POST", "/vulns/{id}/transitions",                                             "to=CHECKING",           409, 403, 302, 403, 302, 403, 404, 404, 404, 302),
			// No file sent: the finder and coordinators are sent back to the form, vendors may not add to the report.
			new Row(Kind.WEB, "POST", "/vulns/{id}/files",                                                   "",                      302, 302, 302, 403, 302, 403, 404, 404, 404, 302),
			new Row(Kind.WEB, "POST", "/public/vulns/cases/{id}/files",                                      "",                      404, 404, 302, 404, 403, 404, 404, 404, 404, 404),
			new Row(Kind.WEB, "POST", "/vulns/{id}/files/{fileId}/sharing",                                  "shared=false",          302, 403, 302, 403, 302, 403, 404, 404, 404, 302),
			new Row(Kind.WEB, "GET",  "/vulns/{id}/files/{fileId}",                                          null,                    200, 200, 302, 404, 302, 404, 404, 404, 404, 302),
			new Row(Kind.WEB, "GET",  "/public/vulns/cases/{id}/files/{fileId}",                             null,                    404, 404, 200, 404, 404, 404, 404, 404, 404, 404),
			new Row(Kind.WEB, "GET",  "/vulns/{id}/vendors",                                                 null,                    200, 403, 302, 403, 302, 403, 404, 404, 404, 302),
			new Row(Kind.WEB, "POST", "/vulns/{id}/vendors",                                                 "vendorId={vendorId}",   302, 403, 302, 403, 302, 403, 404, 404, 404, 302),
			new Row(Kind.WEB, "GET",  "/vulns/{id}/vendors/{vendorId}",                                      null,                    200, 404, 302, 200, 302, 404, 404, 404, 404, 302),
			new Row(Kind.WEB, "GET",  "/public/vulns/cases/{id}/vendors/{vendorId}",                         null,                    404, 404, 404, 404, 200, 404, 404, 404, 404, 404),
			new Row(Kind.WEB, "GET",  "/vulns/{id}/vendors/{otherVendorId}",                                 null,                    200, 404, 302, 404, 302, 404, 404, 404, 404, 302),
			new Row(Kind.WEB, "GET",  "/public/vulns/cases/{id}/vendors/{otherVendorId}",                    null,                    404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
			new Row(Kind.WEB, "POST", "/vulns/{id}/vendors/{vendorId}/statuses/{vulnerabilityId}",          STATUS_FORM,             302, 403, 302, 302, 302, 404, 404, 404, 404, 302),
			new Row(Kind.WEB, "POST", "/public/vulns/cases/{id}/vendors/{vendorId}/statuses/{vulnerabilityId}", STATUS_FORM,          404, 404, 403, 404, 302, 404, 404, 404, 404, 404),
			new Row(Kind.WEB, "POST", "/vulns/{id}/vendors/{vendorId}/product",                              "productName={product}", 302, 403, 302, 403, 302, 404, 404, 404, 404, 302),
			new Row(Kind.WEB, "POST", "/vulns/{id}/vendors/{vendorId}/attempts",                             "channel=PHONE",         302, 403, 302, 403, 302, 404, 404, 404, 404, 302),
			new Row(Kind.WEB, "POST", "/vulns/{id}/vendors/{vendorId}/unreachable",                          "unreachable=false",     302, 403, 302, 403, 302, 404, 404, 404, 404, 302),
			new Row(Kind.WEB, "GET",  "/vulns/{id}/thread",                                                  null,                    200, 200, 302, 200, 302, 200, 404, 404, 404, 302),
			new Row(Kind.WEB, "GET",  "/public/vulns/cases/{id}/thread",                                     null,                    404, 404, 200, 404, 200, 404, 404, 404, 404, 404),
			// Each writes in its own default channel: coordinators among themselves, a vendor in its own, the finder to
			// the coordinators.
			new Row(Kind.WEB, "POST", "/vulns/{id}/thread",                                                  "body=Matrix",           302, 302, 302, 302, 302, 302, 404, 404, 404, 302),
			new Row(Kind.WEB, "POST", "/public/vulns/cases/{id}/thread",                                     "body=Matrix",           404, 404, 302, 404, 302, 404, 404, 404, 404, 404),
			new Row(Kind.WEB, "GET",  "/vulns/{id}/vulnerabilities/new",                                     null,                    200, 403, 302, 403, 302, 403, 404, 404, 404, 302),
			new Row(Kind.WEB, "POST", "/vulns/{id}/vulnerabilities",                                         "cveId=bad",             422, 403, 302, 403, 302, 403, 404, 404, 404, 302),
			new Row(Kind.WEB, "GET",  "/vulns/{id}/vulnerabilities/{vulnerabilityId}",                       null,                    200, 403, 302, 403, 302, 403, 404, 404, 404, 302),
			new Row(Kind.WEB, "POST", "/vulns/{id}/vulnerabilities/{vulnerabilityId}",                       "cveId=bad",             422, 403, 302, 403, 302, 403, 404, 404, 404, 302),
			new Row(Kind.WEB, "GET",  "/vulns/{id}/committee",                                               null,                    200, 403, 302, 403, 302, 403, 404, 404, 404, 302),
			new Row(Kind.WEB, "POST", "/vulns/{id}/committee",                                               DECISION_FORM,           302, 403, 302, 403, 302, 403, 404, 404, 404, 302),
			new Row(Kind.WEB, "GET",  "/vulns/{id}/advisory",                                                null,                    200, 403, 302, 403, 302, 403, 404, 404, 404, 302),
			new Row(Kind.WEB, "POST", "/vulns/{id}/advisory",                                                "referenceLines=no-link", 422, 403, 302, 403, 302, 403, 404, 404, 404, 302),
			new Row(Kind.WEB, "GET",  "/vulns/{id}/advisory/preview",                                        null,                    200, 403, 302, 403, 302, 403, 404, 404, 404, 302),
			// Before the agreed moment: the coordinator is sent back with the reason, nothing is published.
			new Row(Kind.WEB, "POST", "/vulns/{id}/advisory/publication",                                    "",                      302, 403, 302, 403, 302, 403, 404, 404, 404, 302),
			new Row(Kind.WEB, "POST", "/vulns/{id}/advisory/revisions",                                      "summary=Matrix",        302, 403, 302, 403, 302, 403, 404, 404, 404, 302),
			new Row(Kind.API, "GET",  "/api/v1/vuln-cases/{id}",                                             null,                    200, 200, 401, 200, 401, 200, 404, 404, 404, 401),
			new Row(Kind.API, "POST", "/api/v1/vuln-cases/{id}/transitions",                                 "{\"to\":\"CHECKING\"}", 409, 403, 401, 403, 401, 403, 404, 404, 404, 401),
			// The finder gets an empty list: it sees no vendor.
			new Row(Kind.API, "GET",  "/api/v1/vuln-cases/{id}/vendors",                                     null,                    200, 200, 401, 200, 401, 200, 404, 404, 404, 401),
			new Row(Kind.API, "POST", "/api/v1/vuln-cases/{id}/vendors",                                     "{\"vendorId\":\"{vendorId}\"}", 409, 403, 401, 403, 401, 403, 404, 404, 404, 401),
			new Row(Kind.API, "GET",  "/api/v1/vuln-cases/{id}/vendors/{vendorId}",                          null,                    200, 404, 401, 200, 401, 404, 404, 404, 404, 401),
			new Row(Kind.API, "GET",  "/api/v1/vuln-cases/{id}/vendors/{otherVendorId}",                     null,                    200, 404, 401, 404, 401, 404, 404, 404, 404, 401),
			new Row(Kind.API, "PUT",  "/api/v1/vuln-cases/{id}/vendors/{vendorId}/statuses/{vulnerabilityId}", STATUS_JSON,           200, 403, 401, 200, 401, 404, 404, 404, 404, 401),
			new Row(Kind.API, "PUT",  "/api/v1/vuln-cases/{id}/vendors/{vendorId}/product",                  "{\"productName\":\"{product}\"}", 200, 403, 401, 403, 401, 404, 404, 404, 404, 401),
			new Row(Kind.API, "GET",  "/api/v1/vuln-cases/{id}/vendors/{vendorId}/contact-attempts",         null,                    200, 403, 401, 403, 401, 403, 404, 404, 404, 401),
			new Row(Kind.API, "POST", "/api/v1/vuln-cases/{id}/vendors/{vendorId}/contact-attempts",         "{\"channel\":\"PHONE\"}", 201, 403, 401, 403, 401, 404, 404, 404, 404, 401),
			new Row(Kind.API, "PUT",  "/api/v1/vuln-cases/{id}/vendors/{vendorId}/unreachable",              "{\"unreachable\":false}", 200, 403, 401, 403, 401, 404, 404, 404, 404, 401),
			new Row(Kind.API, "GET",  "/api/v1/vuln-cases/{id}/committee-decisions",                         null,                    200, 403, 401, 403, 401, 403, 404, 404, 404, 401),
			new Row(Kind.API, "POST", "/api/v1/vuln-cases/{id}/committee-decisions",                         DECISION_JSON,           201, 403, 401, 403, 401, 403, 404, 404, 404, 401),
			new Row(Kind.API, "GET",  "/api/v1/vuln-cases/{id}/vulnerabilities",                             null,                    200, 200, 401, 200, 401, 200, 404, 404, 404, 401),
			new Row(Kind.API, "POST", "/api/v1/vuln-cases/{id}/vulnerabilities",                             "{\"cveId\":\"bad\"}",   400, 403, 401, 403, 401, 403, 404, 404, 404, 401),
			new Row(Kind.API, "PUT",  "/api/v1/vuln-cases/{id}/vulnerabilities/{vulnerabilityId}",           "{\"cveId\":\"bad\"}",   400, 403, 401, 403, 401, 403, 404, 404, 404, 401),
			new Row(Kind.API, "GET",  "/api/v1/vuln-cases/{id}/messages",                                    null,                    200, 200, 401, 200, 401, 200, 404, 404, 404, 401),
			new Row(Kind.API, "POST", "/api/v1/vuln-cases/{id}/messages",                                    "{\"body\":\"Matrix\"}", 201, 201, 401, 201, 401, 201, 404, 404, 404, 401),
			new Row(Kind.API, "GET",  "/api/v1/vuln-cases/{id}/attachments",                                 null,                    200, 200, 401, 200, 401, 200, 404, 404, 404, 401),
			// No file sent: the finder and coordinators hear so, vendors may not add to the report.
			new Row(Kind.API, "POST", "/api/v1/vuln-cases/{id}/attachments",                                 "{}",                    400, 400, 401, 403, 401, 403, 404, 404, 404, 401),
			new Row(Kind.API, "GET",  "/api/v1/vuln-cases/{id}/attachments/{fileId}",                        null,                    200, 200, 401, 404, 401, 404, 404, 404, 404, 401),
			new Row(Kind.API, "PUT",  "/api/v1/vuln-cases/{id}/attachments/{fileId}/sharing",                "{\"sharedWithVendors\":false}", 200, 403, 401, 403, 401, 403, 404, 404, 404, 401),
			new Row(Kind.API, "GET",  "/api/v1/vuln-cases/{id}/advisory",                                    null,                    200, 403, 401, 403, 401, 403, 404, 404, 404, 401),
			new Row(Kind.API, "PUT",  "/api/v1/vuln-cases/{id}/advisory",                                    "{\"referenceLines\":\"no-link\"}", 400, 403, 401, 403, 401, 403, 404, 404, 404, 401),
			new Row(Kind.API, "POST", "/api/v1/vuln-cases/{id}/advisory/publication",                        "{}",                    409, 403, 401, 403, 401, 403, 404, 404, 404, 401),
			new Row(Kind.API, "POST", "/api/v1/vuln-cases/{id}/advisory/revisions",                          "{\"summary\":\"Matrix\"}", 409, 403, 401, 403, 401, 403, 404, 404, 404, 401));
	// @formatter:on

	/** Where a case's endpoints live: the signed-in pages, the link holders' pages, the REST API. */
	static boolean caseScoped(String pattern) {
		return pattern.startsWith("/vulns/{") || pattern.startsWith("/public/vulns/cases/{")
				|| pattern.startsWith("/api/v1/vuln-cases/{");
	}

	/** The pieces of one case that each participant reads or must not read; each text unique to the run and case. */
	enum Part {
		TO_COORDINATORS, TO_VENDOR_A, TO_VENDOR_B, TO_VENDOR_C, TO_FINDER, EVERYONE_BY_COORDINATOR, EVERYONE_BY_VENDOR_A,
		EVERYONE_BY_FINDER, STATEMENT_OF_A, STATEMENT_OF_B, REPORT_FILE, FILE_TO_VENDOR_A, FILE_TO_VENDOR_B,
		FILE_TO_FINDER, FILE_TO_EVERYONE, FILE_BY_FINDER_TO_EVERYONE;

		boolean file() {
			return name().contains("FILE");
		}

		String text(String suffix) {
			return name().toLowerCase().replace('_', '-') + "-" + suffix;
		}
	}

	/** One case as the rows need it, with the texts and files of its parts. */
	record Coordinated(UUID id, String number, String title, UUID vulnerabilityId, Map<Part, String> texts,
			Map<Part, UUID> files, Set<String> finderIdentity) {
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
	Attachments attachments;

	@Autowired
	Users users;

	@Autowired
	ApiTokens apiTokens;

	@Autowired
	JsonMapper json;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	CaseSessions sessions;
	CoordinationWorld world;
	UserAccount coordinator;
	String coordinatorToken;
	VulnsFixtures.VendorWithAccount vendorA;
	VulnsFixtures.VendorWithAccount vendorC;
	UUID vendorB;
	String vendorBName;
	String contactB;
	final Map<UUID, String> products = new LinkedHashMap<>();
	/** The guest-filed case everyone but FINDER is asked about, and the signed-in finder's twin. */
	Coordinated main;
	Coordinated twin;
	final Map<Caller, WebClient> browsers = new EnumMap<>(Caller.class);
	final Map<Caller, String> tokens = new EnumMap<>(Caller.class);

	@BeforeAll
	void world() {
		var base = "http://localhost:" + port;
		sessions = new CaseSessions(base, users, apiTokens, clock);
		world = new CoordinationWorld(base, fixtures, apiTokens, json, MAIL);
		var u = UUID.randomUUID().toString().substring(0, 8);
		coordinator = vulns.coordinator();
		coordinatorToken = sessions.token(coordinator);
		vendorA = vulns.vendorWithAccount(coordinator, "Matrix vendor A " + u);
		vendorC = vulns.vendorWithAccount(coordinator, "Matrix vendor C " + u);
		vendorBName = "Matrix vendor B " + u;
		contactB = "desk-b-" + u + "@vendor-b.example";
		vendorB = vulns.vendorWithoutAccount(coordinator, vendorBName, contactB).id();
		products.put(vendorA.entry().id(), "Product of A " + u);
		products.put(vendorB, "Product of B " + u);
		products.put(vendorC.entry().id(), "Product of C " + u);
		var uninvited = vulns.vendorWithAccount(coordinator, "Matrix uninvited " + u);

		var guestEmail = "guest-" + u + "@finder.example";
		var guestName = "Guest finder " + u;
		var mainSuffix = "main-" + u;
		var guestFiling = vulnCases.fileAsGuest(new VulnCases.GuestFinder(guestEmail, guestName, "ja"),
				report("Matrix main case " + u), List.of(upload(Part.REPORT_FILE, mainSuffix)));
		var finderAccount = vulns.finder();
		var twinSuffix = "twin-" + u;
		var twinFiled = vulnCases.fileWithFiles(VulnsFixtures.viewer(finderAccount), report("Matrix twin case " + u),
				List.of(upload(Part.REPORT_FILE, twinSuffix)));

		browsers.put(Caller.GUEST_FINDER, sessions.holding(guestFiling.link()));
		main = coordinate(guestFiling.filed(), mainSuffix, Set.of(guestEmail, guestName), null);
		browsers.put(Caller.VENDOR_LINK, sessions.holding(linkFor(contactB, main.number())));
		var finderToken = sessions.token(finderAccount);
		twin = coordinate(twinFiled, twinSuffix, Set.of(finderAccount.email()), finderToken);
		// The guest speaks to everyone with a file, through its link.
		var guest = browsers.get(Caller.GUEST_FINDER);
		guest.get("/public/vulns/cases/" + main.id() + "/thread");
		var posted = CoordinationWorld.postMultipart(guest, "/public/vulns/cases/" + main.id() + "/thread", new Multipart()
			.field("channel", "ALL").field("body", main.texts().get(Part.EVERYONE_BY_FINDER))
			.file("files", main.texts().get(Part.FILE_BY_FINDER_TO_EVERYONE) + ".txt", content(main, Part.FILE_BY_FINDER_TO_EVERYONE)));
		assertThat(posted.status()).as(posted.body()).isEqualTo(302);
		main = withFiles(main);

		var accounts = new EnumMap<Caller, UserAccount>(Caller.class);
		accounts.put(Caller.COORDINATOR, coordinator);
		accounts.put(Caller.FINDER, finderAccount);
		accounts.put(Caller.VENDOR_PSIRT, vendorA.psirt());
		accounts.put(Caller.OTHER_VENDOR_PSIRT, vendorC.psirt());
		accounts.put(Caller.VENDOR_VIEWER, fixtures.user(vendorA.organisation(), Role.VIEWER));
		accounts.put(Caller.UNINVITED_VENDOR, uninvited.psirt());
		accounts.put(Caller.OUTSIDER, fixtures.user(fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY"), Role.ANALYST));
		accounts.forEach((caller, account) -> {
			browsers.put(caller, sessions.signedIn(account));
			tokens.put(caller, caller == Caller.COORDINATOR ? coordinatorToken
					: caller == Caller.FINDER ? finderToken : sessions.token(account));
		});
		browsers.put(Caller.ANONYMOUS, sessions.anonymous());
	}

	@Test
	void everyRowForEveryCaller() {
		var failures = new ArrayList<String>();
		for (var caller : Caller.values()) {
			var browser = browsers.get(caller);
			var api = tokens.containsKey(caller) ? sessions.api(tokens.get(caller)) : new ApiClient("http://localhost:" + port, null);
			for (var row : ROWS) {
				var path = fill(row.path(), caller);
				int status;
				String detail;
				if (row.kind() == Kind.API) {
					var response = api.send(row.method(), path, row.body() == null ? null : fill(row.body(), caller));
					status = response.status();
					detail = response.body();
					if (status >= 400 && !response.contentType().startsWith("application/problem+json")) {
						failures.add("%s %s as %s: %d answered as %s".formatted(row.method(), row.path(), caller, status,
								response.contentType()));
					}
				}
				else if (row.method().equals("GET")) {
					var response = browser.get(path);
					status = response.status();
					detail = response.location();
				}
				else {
					browser.get("/setup"); // any page, for a fresh CSRF token
					var response = browser.post(path, form(fill(row.body() == null ? "" : row.body(), caller)));
					status = response.status();
					detail = response.location();
				}
				if (status != row.expected(caller)) {
					failures.add("%s %s as %s: expected %d, got %d %s".formatted(row.method(), row.path(), caller,
							row.expected(caller), status, detail.length() > 200 ? detail.substring(0, 200) : detail));
				}
				// Not signed in on a signed-in page: always to the sign-in, never a hint about the case.
				if (row.kind() == Kind.WEB && status == 302 && !caller.signedIn() && row.path().startsWith("/vulns/")
						&& !detail.endsWith("/login")) {
					failures.add("%s %s as %s: redirected to %s".formatted(row.method(), row.path(), caller, detail));
				}
			}
		}
		assertThat(failures).as("participant matrix").isEmpty();
	}

	@Test
	void eachParticipantReadsItsPartAndNothingElse() {
		var failures = new ArrayList<String>();
		for (var caller : Caller.values()) {
			var subject = caseOf(caller);
			var allowed = allowed(caller);
			var forbidden = new LinkedHashSet<String>();
			for (var coordinated : List.of(main, twin)) {
				forbidden.addAll(coordinated.texts().values());
				forbidden.addAll(coordinated.finderIdentity());
				forbidden.add(coordinated.number());
				forbidden.add(coordinated.title());
			}
			forbidden.addAll(vendorTexts());
			forbidden.add(contactB);
			forbidden.removeAll(allowed);
			var read = new StringBuilder();
			for (var row : ROWS) {
				if (!row.method().equals("GET") || row.expected(caller) != 200) {
					continue;
				}
				var body = get(caller, row.kind(), fill(row.path(), caller));
				read.append(body).append('\n');
				forbidden.stream().filter(body::contains)
					.forEach(text -> failures.add("%s as %s shows %s".formatted(row.path(), caller, text)));
			}
			if (caller.signedIn()) {
				var messages = get(caller, Kind.API, "/api/v1/vuln-cases/" + subject.id() + "/messages?limit=500");
				read.append(messages);
				forbidden.stream().filter(messages::contains)
					.forEach(text -> failures.add("the messages as %s show %s".formatted(caller, text)));
			}
			// Each file, by its own address, opens exactly for those who read it.
			for (var file : subject.files().entrySet()) {
				var readable = allowed.contains(subject.texts().get(file.getKey()));
				var base = caller.holdsLink() ? "/public/vulns/cases/" : "/vulns/";
				var web = browsers.get(caller).get(base + subject.id() + "/files/" + file.getValue());
				var expected = readable ? 200 : caller.signedIn() || caller.holdsLink() ? 404 : 302;
				if (web.status() != expected) {
					failures.add("%s as %s: file %s answered %d, expected %d".formatted(base, caller, file.getKey(),
							web.status(), expected));
				}
				if (readable) {
					read.append(web.body());
				}
			}
			var text = read.toString();
			allowed.stream().filter(t -> required(t, subject)).filter(t -> !text.contains(t))
				.forEach(t -> failures.add("%s never reads %s".formatted(caller, t)));
			// Vendor A's word to everyone reaches the others from "a vendor", unnamed.
			if (EnumSet.of(Caller.FINDER, Caller.GUEST_FINDER, Caller.VENDOR_LINK, Caller.OTHER_VENDOR_PSIRT).contains(caller)
					&& !text.contains("A vendor")) {
				failures.add(caller + " is not shown vendor A's word to everyone as from a vendor");
			}
		}
		assertThat(failures).as("what each participant reads").isEmpty();
	}

	@Test
	void everyCaseScopedMappingHasARow() {
		var covered = ROWS.stream().map(row -> row.method() + " " + anyName(row.path())).collect(Collectors.toSet());
		var missing = new TreeSet<String>();
		var seen = new TreeSet<String>();
		mappings.getHandlerMethods().forEach((info, method) -> {
			for (var pattern : info.getPatternValues()) {
				if (!caseScoped(pattern)) {
					continue;
				}
				var methods = info.getMethodsCondition().getMethods();
				if (methods.isEmpty()) {
					missing.add("* " + pattern + " (" + method + ")");
				}
				methods.forEach(m -> {
					var key = m.name() + " " + pattern;
					seen.add(key);
					if (!covered.contains(anyName(key))) {
						missing.add(key + " (" + method + ")");
					}
				});
			}
		});
		assertThat(seen).as("the check sees the case-scoped mappings").contains("GET /vulns/{id}",
				"GET /public/vulns/cases/{id}/thread", "PUT /api/v1/vuln-cases/{id}/vendors/{vendorId}/statuses/{vulnerabilityId}");
		assertThat(missing).as("case-scoped vulns mappings without a row in ParticipantMatrixTests.ROWS").isEmpty();
	}

	/** What the caller may read of its case: the case itself, its own vendor, its channels and everyone's. */
	private Set<String> allowed(Caller caller) {
		var c = caseOf(caller);
		var allowed = new LinkedHashSet<String>();
		EnumSet<Part> parts;
		switch (caller) {
			case COORDINATOR -> {
				parts = EnumSet.allOf(Part.class);
				allowed.addAll(vendorTexts());
				allowed.addAll(c.finderIdentity());
				allowed.add(contactB);
			}
			case FINDER, GUEST_FINDER -> {
				parts = EnumSet.of(Part.TO_FINDER, Part.REPORT_FILE, Part.FILE_TO_FINDER);
				allowed.addAll(c.finderIdentity());
			}
			case VENDOR_PSIRT -> {
				parts = EnumSet.of(Part.TO_VENDOR_A, Part.STATEMENT_OF_A, Part.FILE_TO_VENDOR_A);
				allowed.addAll(namesOf(vendorA.entry().id()));
			}
			case VENDOR_LINK -> {
				parts = EnumSet.of(Part.TO_VENDOR_B, Part.STATEMENT_OF_B, Part.FILE_TO_VENDOR_B);
				allowed.addAll(namesOf(vendorB));
				allowed.add(contactB);
			}
			case OTHER_VENDOR_PSIRT -> {
				parts = EnumSet.of(Part.TO_VENDOR_C);
				allowed.addAll(namesOf(vendorC.entry().id()));
			}
			default -> {
				return allowed;
			}
		}
		parts.addAll(EnumSet.of(Part.EVERYONE_BY_COORDINATOR, Part.EVERYONE_BY_VENDOR_A, Part.EVERYONE_BY_FINDER,
				Part.FILE_TO_EVERYONE, Part.FILE_BY_FINDER_TO_EVERYONE));
		parts.forEach(p -> allowed.add(c.texts().get(p)));
		allowed.add(c.number());
		allowed.add(c.title());
		return allowed;
	}

	/** Whether a participant must come across this text: its messages, files, statements and the case itself. */
	private static boolean required(String text, Coordinated c) {
		return c.texts().containsValue(text) || text.equals(c.number()) || text.equals(c.title());
	}

	/** Every vendor's names and products, of which each vendor may read only its own. */
	private Set<String> vendorTexts() {
		var all = new LinkedHashSet<String>();
		products.keySet().forEach(id -> all.addAll(namesOf(id)));
		return all;
	}

	private Set<String> namesOf(UUID vendor) {
		var name = vendor.equals(vendorB) ? vendorBName
				: vendor.equals(vendorA.entry().id()) ? vendorA.entry().name() : vendorC.entry().name();
		return Set.of(name, products.get(vendor));
	}

	/**
	 * Accepts the case, invites the three vendors, completes the advisory and agrees publication a week ahead; then
	 * writes one message per channel (files on some), vendor A's statement and an all-hands word from A, and vendor B's
	 * statement given by a coordinator on its behalf. A signed-in finder ({@code finderToken}) also speaks to everyone;
	 * the guest does so through its link afterwards.
	 */
	private Coordinated coordinate(VulnCase filed, String suffix, Set<String> finderIdentity, @Nullable String finderToken) {
		var id = filed.id();
		vulns.accept(coordinator, id);
		products.forEach((vendor, product) -> vulns.invite(coordinator, id, vendor, product));
		vulns.describe(coordinator, id, "CVE-2026-" + (20000 + (int) (Math.random() * 70000)));
		vulns.draftAdvisory(coordinator, id);
		vulns.agree(coordinator, id, clock.instant().plus(Duration.ofDays(7)).atZone(ZoneId.of("Asia/Tokyo"))
			.toLocalDateTime().withSecond(0).withNano(0));
		var texts = new EnumMap<Part, String>(Part.class);
		for (var part : Part.values()) {
			texts.put(part, part.text(suffix));
		}
		var vulnerability = caseVulnerabilities.list(VulnsFixtures.viewer(coordinator), id).get(0).id();
		var coordinated = new Coordinated(id, filed.number(), filed.title(), vulnerability, texts, Map.of(), finderIdentity);
		var a = vendorA.entry().id().toString();
		write(coordinatorToken, coordinated, "COORDINATORS", null, Part.TO_COORDINATORS, null);
		write(coordinatorToken, coordinated, "VENDOR", a, Part.TO_VENDOR_A, Part.FILE_TO_VENDOR_A);
		write(coordinatorToken, coordinated, "VENDOR", vendorB.toString(), Part.TO_VENDOR_B, Part.FILE_TO_VENDOR_B);
		write(coordinatorToken, coordinated, "VENDOR", vendorC.entry().id().toString(), Part.TO_VENDOR_C, null);
		write(coordinatorToken, coordinated, "FINDER", null, Part.TO_FINDER, Part.FILE_TO_FINDER);
		write(coordinatorToken, coordinated, "ALL", null, Part.EVERYONE_BY_COORDINATOR, Part.FILE_TO_EVERYONE);
		var psirt = sessions.token(vendorA.psirt());
		write(psirt, coordinated, "ALL", null, Part.EVERYONE_BY_VENDOR_A, null);
		state(psirt, coordinated, a, texts.get(Part.STATEMENT_OF_A));
		state(coordinatorToken, coordinated, vendorB.toString(), texts.get(Part.STATEMENT_OF_B));
		if (finderToken != null) {
			write(finderToken, coordinated, "ALL", null, Part.EVERYONE_BY_FINDER, Part.FILE_BY_FINDER_TO_EVERYONE);
		}
		return withFiles(coordinated);
	}

	private void write(String token, Coordinated c, String channel, @Nullable String vendorId, Part message,
			@Nullable Part file) {
		var body = new Multipart().field("channel", channel).field("body", c.texts().get(message));
		if (vendorId != null) {
			body.field("vendorId", vendorId);
		}
		if (file != null) {
			body.file("files", c.texts().get(file) + ".txt", content(c, file));
		}
		var posted = world.multipart(token, "/api/v1/vuln-cases/" + c.id() + "/messages", body);
		assertThat(posted.status()).as(posted.text()).isEqualTo(201);
	}

	private void state(String token, Coordinated c, String vendorId, String statement) {
		var answered = sessions.api(token).send("PUT", "/api/v1/vuln-cases/" + c.id() + "/vendors/" + vendorId + "/statuses/"
				+ c.vulnerabilityId(), "{\"status\":\"AFFECTED\",\"statement\":\"" + statement + "\"}");
		assertThat(answered.status()).as(answered.body()).isEqualTo(200);
	}

	/** The case with the ids of its files, matched to their parts by name. */
	private Coordinated withFiles(Coordinated c) {
		var files = new EnumMap<Part, UUID>(Part.class);
		for (var info : attachments.list(VulnsFixtures.viewer(coordinator), c.id())) {
			for (var part : Part.values()) {
				if (part.file() && info.fileName().equals(c.texts().get(part) + ".txt")) {
					files.put(part, info.id());
				}
			}
		}
		return new Coordinated(c.id(), c.number(), c.title(), c.vulnerabilityId(), c.texts(), files, c.finderIdentity());
	}

	/** The personal link in the newest mail to the address about the case. */
	private String linkFor(String address, String number) {
		var mails = world.mails(address).stream().filter(m -> CoordinationWorld.text(m).contains(number)).toList();
		assertThat(mails).as("mail to %s about %s", address, number).isNotEmpty();
		return CoordinationWorld.personalLink(mails.get(mails.size() - 1));
	}

	private Coordinated caseOf(Caller caller) {
		return caller == Caller.FINDER ? twin : main;
	}

	private String fill(String template, Caller caller) {
		var c = caseOf(caller);
		var own = caller == Caller.VENDOR_LINK ? vendorB : vendorA.entry().id();
		var other = caller == Caller.VENDOR_LINK ? vendorA.entry().id() : vendorB;
		var statement = c.texts().get(own.equals(vendorB) ? Part.STATEMENT_OF_B : Part.STATEMENT_OF_A);
		return template.replace("{id}", c.id().toString())
			.replace("{vendorId}", own.toString())
			.replace("{otherVendorId}", other.toString())
			.replace("{product}", products.get(own))
			.replace("{vulnerabilityId}", c.vulnerabilityId().toString())
			.replace("{fileId}", c.files().get(Part.REPORT_FILE).toString())
			.replace("{statement}", statement)
			.replace("{today}", vulns.today().toString());
	}

	private String get(Caller caller, Kind kind, String path) {
		if (kind == Kind.API) {
			return sessions.api(tokens.get(caller)).get(path).body();
		}
		return browsers.get(caller).get(path).body();
	}

	private static CaseReport report(String title) {
		// No consent to share the finder's identity with vendors: the rows check it stays with the coordinators.
		return new CaseReport(CaseKind.PRODUCT, false, "報告された開発者", "報告された製品", "1.0", "", title,
				"The login screen can be bypassed.", "", "", "", false, false);
	}

	private static Upload upload(Part part, String suffix) {
		return new Upload(part.text(suffix) + ".txt", new ByteArrayInputStream(
				("content of " + part.text(suffix)).getBytes(StandardCharsets.UTF_8)));
	}

	private static byte[] content(Coordinated c, Part part) {
		return ("content of " + c.texts().get(part)).getBytes(StandardCharsets.UTF_8);
	}

	private static String anyName(String pattern) {
		return pattern.replaceAll("\\{[^}]+}", "{}");
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
