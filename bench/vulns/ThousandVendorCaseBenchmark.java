package org.kakehashi.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.VulnsFixtures;
import org.kakehashi.support.WebClient;
import org.kakehashi.vulns.internal.AccessLinks;
import org.kakehashi.vulns.internal.CaseVendors;
import org.kakehashi.vulns.internal.CaseViewer;
import org.kakehashi.vulns.internal.CaseVulnerabilities;
import org.kakehashi.vulns.internal.VulnsProperties;
import org.kakehashi.vulns.publication.AdvisoryPublication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A published product case with {@code bench.vendors} invited vendors (default 1,000; {@link VendorCaseBuilder}): 3
 * vulnerabilities, statuses for 60% of the vendor × vulnerability pairs, a thread of 200 messages in every channel,
 * the advisory published. Times every page of the case over real HTTP as the people who use them see it — the
 * coordinator (signed in with the second factor), the PSIRT of one vendor, the public, an API client — after a
 * warm-up, interleaved with the same pages of a case with 1 vendor built the same way (the reference: what the
 * vendors cost). Before that, {@code bench.revisions} new revisions of both advisories through
 * {@link AdvisoryPublication#republish} are timed, so the pages are read with a revision history. Target
 * (issue 7): every page p95 ≤ 200 ms. Not a test: {@code ./mvnw -o test -Pbench -Dtest=ThousandVendorCaseBenchmark}
 * (see bench/README.md).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "logging.level.root=WARN",
		// Mail goes to a closed port: every notice of the build would log its refusal.
		"logging.level.org.kakehashi.platform.Mailer=ERROR", "kakehashi.vulns.publication.enabled=false" })
class ThousandVendorCaseBenchmark {

	static final int VENDORS = Integer.getInteger("bench.vendors", 1_000);
	static final int WARM_UP = Integer.getInteger("bench.warm-up", 20);
	static final int REQUESTS = Integer.getInteger("bench.requests", 100);
	static final int REVISIONS = Integer.getInteger("bench.revisions", 10);
	/** Only the pages whose name contains this (for profiling one page); empty: all. */
	static final String PAGES = System.getProperty("bench.pages", "");
	static final double TARGET_MILLIS = 200;
	static final String DATABASE = ScratchDatabase.newName();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) throws SQLException {
		ScratchDatabase.create(registry, DATABASE);
	}

	@AfterAll
	static void dropDatabase() throws SQLException {
		ScratchDatabase.drop(DATABASE);
	}

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@Autowired
	VulnsFixtures world;

	@Autowired
	CaseVulnerabilities vulnerabilities;

	@Autowired
	CaseVendors vendors;

	@Autowired
	AdvisoryPublication publication;

	@Autowired
	AuditLog audit;

	@Autowired
	ApiTokens tokens;

	@Autowired
	AccessLinks links;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	VulnsProperties settings;

	/** One page as one kind of user requests it, for either case. */
	record Probe(String name, Fetch fetch, Function<VendorCaseBuilder.Built, String> path) {
	}

	/** A response's status and size, and how long it took to arrive in full. */
	record Fetched(int status, long nanos, int bytes) {
	}

	@FunctionalInterface
	interface Fetch {
		Fetched get(String path);
	}

	@Test
	void pagesOfAThousandVendorCase() throws Exception {
		System.out.printf(Locale.ROOT, "%n== Kakehashi case with %,d vendors: PostgreSQL %s, database %s, load average %s%n",
				VENDORS, jdbc.sql("show server_version").query(String.class).single(), DATABASE, load());
		var coordinator = world.coordinator();
		var finder = world.finder();
		var psirt = world.vendorWithAccount(coordinator, Fixtures.unique("Foo 制御機器"));
		var builder = new VendorCaseBuilder(world, vulnerabilities, vendors, publication, audit, jdbc, transactions,
				settings);
		var big = builder.build(Fixtures.unique("B"), VENDORS, coordinator, finder, psirt, 10_000);
		var small = builder.build(Fixtures.unique("S"), 1, coordinator, finder, psirt, 10_010);
		for (var built : List.of(big, small)) {
			System.out.printf(Locale.ROOT, "built %s: %,d vendors, %,d statuses, %,d messages, %,d personal links stored, "
					+ "in %.1f s; first publication (publishNow, in-process) %.0f ms%n", built.number(), built.vendors(),
					built.statuses(), built.messages(), built.accessKeys(), built.buildSeconds(), built.publishMillis());
		}

		// Revisions first: a many-vendor advisory is revised as late vendors answer, and the pages are read with its history.
		var republished = republish(VulnsFixtures.viewer(coordinator), big, small);
		System.out.printf(Locale.ROOT, "%nrevisions through AdvisoryPublication.republish (CSAF + CVE + page, one "
				+ "transaction), %d each, alternating: 1 vendor p50 %.0f ms (max %.0f); %,d vendors p50 %.0f ms "
				+ "(first %.0f, last %.0f, max %.0f)%n", REVISIONS, republished[1].p50(), republished[1].max(), VENDORS,
				republished[0].p50(), republished[0].first(), republished[0].last(), republished[0].max());

		var probes = probes(coordinator, psirt.psirt(), big, small);
		var started = System.nanoTime();
		var samples = time(probes, big, small);
		System.out.printf(Locale.ROOT, "%npages with the advisories at revision %d: %d warm-up rounds, then %d timed "
				+ "requests per page and case, interleaved (%.0f s); load average %s%n%n", REVISIONS + 1, WARM_UP, REQUESTS,
				(System.nanoTime() - started) / 1e9, load());
		System.out.printf(Locale.ROOT, "| page | 1 vendor p50 / p95 / p99 | %,d vendors p50 / p95 / p99 | max (%,d) | "
				+ "size (1 / %,d) |%n|---|---|---|---|---|%n", VENDORS, VENDORS, VENDORS);
		var worst = 0.0;
		var worstName = "";
		for (int p = 0; p < probes.size(); p++) {
			var one = Stats.of(samples.nanos()[p][1]);
			var many = Stats.of(samples.nanos()[p][0]);
			if (many.p95() > worst) {
				worst = many.p95();
				worstName = probes.get(p).name();
			}
			System.out.printf(Locale.ROOT, "| %s | %.1f / %.1f / %.1f ms | %.1f / %.1f / %.1f ms | %.0f ms | %s / %s |%n",
					probes.get(p).name(), one.p50(), one.p95(), one.p99(), many.p50(), many.p95(), many.p99(), many.max(),
					kb(samples.bytes()[p][1]), kb(samples.bytes()[p][0]));
		}
		for (var query : RAW_SQL) {
			var one = rawSql(query[1], small);
			var many = rawSql(query[1], big);
			System.out.printf(Locale.ROOT, "| raw SQL: %s | %.1f / %.1f / %.1f ms | %.1f / %.1f / %.1f ms | %.0f ms | |%n",
					query[0], one.p50(), one.p95(), one.p99(), many.p50(), many.p95(), many.p99(), many.max());
		}

		System.out.printf(Locale.ROOT, "load average at the end: %s%n", load());
		System.out.printf(Locale.ROOT, "%nSummary: a published case with %,d vendors: slowest page p95 %.1f ms (%s; "
				+ "target ≤ %.0f ms: %s); a revision of its advisory %.0f ms p50 (1 vendor: %.0f ms)%n", VENDORS, worst,
				worstName, TARGET_MILLIS, worst <= TARGET_MILLIS ? "met" : "NOT met", republished[0].p50(),
				republished[1].p50());
	}

	/**
	 * The pages, each as the person who uses it sees it: the coordinator and the vendor's PSIRT signed in (with the
	 * second factor), a vendor contact through the personal link an e-mail brought, the public, an API client.
	 */
	private List<Probe> probes(UserAccount coordinator, UserAccount psirt, VendorCaseBuilder.Built big,
			VendorCaseBuilder.Built small) {
		var base = "http://localhost:" + port;
		var coordinatorBrowser = new WebClient(base);
		fixtures.signInWithSecondFactor(coordinatorBrowser, coordinator);
		var psirtBrowser = new WebClient(base);
		fixtures.signInWithSecondFactor(psirtBrowser, psirt);
		var contactBrowser = new WebClient(base);
		for (var built : List.of(big, small)) {
			var link = links.issue(built.id(), AccessLinks.Party.VENDOR, built.sampleVendorId(), built.sampleContactEmail());
			var opened = contactBrowser.get("/public/vulns/access?key=" + link.substring(link.indexOf("key=") + 4));
			if (opened.status() != 302) {
				throw new IllegalStateException("The personal link did not open: " + opened.status());
			}
		}
		var token = tokens.create(coordinator.principal(), "bench", EnumSet.of(ApiScope.VULNS_READ), 1).clearToken();
		var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		Fetch coordinatorPage = browser(coordinatorBrowser);
		Fetch psirtPage = browser(psirtBrowser);
		Fetch contactPage = browser(contactBrowser);
		Fetch anonymous = path -> plain(http, base + path, null);
		Fetch api = path -> plain(http, base + path, token);
		return List.of(
				new Probe("coordinator: overview /vulns/{id}", coordinatorPage, c -> "/vulns/" + c.id()),
				new Probe("coordinator: vendors, first page", coordinatorPage, c -> "/vulns/" + c.id() + "/vendors"),
				new Probe("coordinator: vendors, responded + text", coordinatorPage,
						c -> "/vulns/" + c.id() + "/vendors?filter=RESPONDED&q=" + VendorCaseBuilder.PRODUCT),
				new Probe("coordinator: one vendor", coordinatorPage,
						c -> "/vulns/" + c.id() + "/vendors/" + c.sampleVendorId()),
				new Probe("coordinator: thread", coordinatorPage, c -> "/vulns/" + c.id() + "/thread"),
				new Probe("coordinator: advisory editor", coordinatorPage, c -> "/vulns/" + c.id() + "/advisory"),
				new Probe("coordinator: advisory preview", coordinatorPage, c -> "/vulns/" + c.id() + "/advisory/preview"),
				new Probe("vendor PSIRT: overview", psirtPage, c -> "/vulns/" + c.id()),
				new Probe("vendor PSIRT: own vendor page", psirtPage,
						c -> "/vulns/" + c.id() + "/vendors/" + c.psirtVendorId()),
				new Probe("vendor contact, personal link: overview", contactPage, c -> "/public/vulns/cases/" + c.id()),
				new Probe("vendor contact, personal link: own vendor page", contactPage,
						c -> "/public/vulns/cases/" + c.id() + "/vendors/" + c.sampleVendorId()),
				new Probe("public: advisory page", anonymous, c -> "/public/advisories/" + c.slug()),
				new Probe("public: CSAF document", anonymous, c -> "/public/advisories/" + c.slug() + "/csaf"),
				new Probe("API: vendors ?size=200", api, c -> "/api/v1/vuln-cases/" + c.id() + "/vendors?size=200"))
			.stream().filter(p -> p.name().contains(PAGES)).toList();
	}

	/** Per probe and case (0: the large one, 1: the reference): every timed request's nanoseconds, the page's size. */
	record Samples(long[][][] nanos, int[][] bytes) {
	}

	/** Warm-up rounds, then the timed ones; in each round every page of both cases once. */
	private static Samples time(List<Probe> probes, VendorCaseBuilder.Built big, VendorCaseBuilder.Built small) {
		var samples = new Samples(new long[probes.size()][2][REQUESTS], new int[probes.size()][2]);
		for (int round = -WARM_UP; round < REQUESTS; round++) {
			for (int p = 0; p < probes.size(); p++) {
				for (int c = 0; c < 2; c++) {
					// Alternate which case goes first, so neither always follows the other's cache misses.
					var which = (round & 1) == 0 ? c : 1 - c;
					var probe = probes.get(p);
					var fetched = probe.fetch().get(probe.path().apply(which == 0 ? big : small));
					if (fetched.status() != 200) {
						throw new IllegalStateException(probe.name() + " answered " + fetched.status());
					}
					if (round >= 0) {
						samples.nanos()[p][which][round] = fetched.nanos();
						samples.bytes()[p][which] = fetched.bytes();
					}
				}
			}
		}
		return samples;
	}

	/**
	 * The heaviest reads behind the pages, as plain SQL on one connection: every vendor of the case with its statuses
	 * (the two statements of {@code CaseVendors.of}, which the advisory editor, the preview and each revision read),
	 * and the published page of the latest revision (the public page's one statement).
	 */
	static final String[][] RAW_SQL = {
			{ "every vendor with its statuses", """
					select cv.vendor_id, v.name, v.name_en, v.organisation_id is not null, cv.product_name, cv.invited_at,
					       cv.first_response_at, cv.unreachable_at, cv.reached_at,
					       (select count(*) from vuln_contact_attempt a where a.case_id = cv.case_id and a.vendor_id = cv.vendor_id)
					  from vuln_case_vendor cv join vuln_vendor v on v.id = cv.vendor_id
					 where cv.case_id = :case order by lower(v.name), cv.vendor_id;
					select s.vendor_id, s.vulnerability_id, s.status, s.statement, s.affected_versions, s.fixed_versions,
					       s.updated_at, coalesce(u.display_name, s.updated_by_label)
					  from vuln_vendor_status s left join app_user u on u.id = s.updated_by
					 where s.case_id = :case""" },
			{ "latest revision's page", """
					select page::text from vuln_advisory_revision
					 where case_id = :case
					   and number = (select max(number) from vuln_advisory_revision where case_id = :case)""" } };

	/** Runs the statements (separated by ";") for the case, reading every column of every row, after a warm-up. */
	private Stats rawSql(String statements, VendorCaseBuilder.Built built) {
		var times = new long[REQUESTS];
		for (int i = -WARM_UP; i < REQUESTS; i++) {
			var t0 = System.nanoTime();
			transactions.executeWithoutResult(status -> {
				for (var sql : statements.split(";")) {
					jdbc.sql(sql).param("case", built.id()).query(rs -> {
						for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
							rs.getObject(c);
						}
					});
				}
			});
			if (i >= 0) {
				times[i] = System.nanoTime() - t0;
			}
		}
		return Stats.of(times);
	}

	/** New revisions of both advisories, alternating; in-process, as the revision form's handler calls it. */
	private Stats[] republish(CaseViewer coordinator, VendorCaseBuilder.Built big,
			VendorCaseBuilder.Built small) {
		var times = new long[2][REVISIONS];
		for (int r = 0; r < REVISIONS; r++) {
			for (int c = 0; c < 2; c++) {
				var built = c == 0 ? big : small;
				var t0 = System.nanoTime();
				var outcome = publication.republish(coordinator, built.id(), "Revision " + (r + 2) + ": vendor statements");
				times[c][r] = System.nanoTime() - t0;
				if (!outcome.published()) {
					throw new IllegalStateException("Revision of " + built.number() + " refused: " + outcome.readiness());
				}
			}
		}
		return new Stats[] { Stats.of(times[0]), Stats.of(times[1]) };
	}

	private static Fetch browser(WebClient client) {
		return path -> {
			var t0 = System.nanoTime();
			var response = client.get(path);
			var nanos = System.nanoTime() - t0;
			return new Fetched(response.status(), nanos, response.body().getBytes(StandardCharsets.UTF_8).length);
		};
	}

	private static Fetched plain(HttpClient http, String url, @Nullable String token) {
		var request = HttpRequest.newBuilder(URI.create(url)).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token).header("Accept", "application/json");
		}
		try {
			var t0 = System.nanoTime();
			var response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new Fetched(response.statusCode(), System.nanoTime() - t0, response.body().length);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static String kb(int bytes) {
		return bytes < 10_000 ? String.format(Locale.ROOT, "%.1f kB", bytes / 1e3)
				: String.format(Locale.ROOT, "%,.0f kB", bytes / 1e3);
	}

	private static String load() throws IOException {
		var fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
		return fields[0] + " " + fields[1] + " " + fields[2];
	}

	/** Percentiles (nearest rank) in milliseconds; first and last in the order taken. */
	record Stats(double p50, double p95, double p99, double max, double first, double last) {

		static Stats of(long[] nanos) {
			var sorted = nanos.clone();
			Arrays.sort(sorted);
			return new Stats(rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99), sorted[sorted.length - 1] / 1e6,
					nanos[0] / 1e6, nanos[nanos.length - 1] / 1e6);
		}

		private static double rank(long[] sorted, double p) {
			return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
		}
	}
}
