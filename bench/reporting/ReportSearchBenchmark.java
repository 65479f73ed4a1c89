package org.kakehashi.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.Organisations;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.reporting.Cause;
import org.kakehashi.reporting.EventType;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.reporting.internal.ReportContent;
import org.kakehashi.reporting.internal.ReportFiling;
import org.kakehashi.reporting.search.ReportQuery;
import org.kakehashi.reporting.search.ReportSearch;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Search latency over 1,000,000 generated reports and report submission throughput, against a PostgreSQL
 * server in a scratch database this class creates and drops. Not a test: run with
 * {@code ./mvnw -Pbench test -Dtest=ReportSearchBenchmark} (see bench/README.md). Every figure is printed beside a
 * reference measured in the same run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"kakehashi.security.sign-in-attempts-per-minute-per-address=100000",
		"kakehashi.security.api-token-failures-per-minute-per-address=100000", "logging.level.root=WARN" })
class ReportSearchBenchmark {

	static final int REPORTS = Integer.getInteger("bench.reports", 1_000_000);
	static final int QUERIES_PER_KIND = Integer.getInteger("bench.repeat", 12);
	static final int CLIENTS = Integer.getInteger("bench.clients", 4);
	static final int SUBMISSIONS = Integer.getInteger("bench.submissions", 400);
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
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Organisations organisations;

	@Autowired
	Users users;

	@Autowired
	ApiTokens tokens;

	@Autowired
	ReportSearch search;

	@Autowired
	ReportFiling filing;

	@Test
	void searchLatencyAndSubmissionThroughput() throws Exception {
		var world = World.create(organisations, users);
		System.out.printf(Locale.ROOT, "%n== Kakehashi report benchmark: %,d reports, PostgreSQL %s, database %s%n", REPORTS,
				jdbc.sql("show server_version").query(String.class).single(), DATABASE);

		var load = load(world);
		var results = new LinkedHashMap<String, String>();
		results.put("copy", String.format(Locale.ROOT, "%,.0f rows/s", load.rowsPerSecond()));

		var latency = new SearchLatency(search, world);
		var centre = latency.run("centre", world.centre);
		var ministry = latency.run("ministry", world.ministry);

		var throughput = new Submissions(world, filing, tokens, port).run();

		System.out.printf(Locale.ROOT, "%n== Summary%n");
		System.out.printf(Locale.ROOT,
				"search p95 %.1f ms (centre) / %.1f ms (ministry), target <= 100 ms: %s; plain list page p95 %.1f / %.1f ms; "
						+ "COPY %,.0f rows/s; submissions %s%n",
				centre.p95(), ministry.p95(), centre.p95() <= 100 && ministry.p95() <= 100 ? "met" : "NOT met",
				centre.referenceP95(), ministry.referenceP95(), load.rowsPerSecond(), throughput);
	}

	record Load(double rowsPerSecond) {
	}

	/**
	 * Generates the reports with PgJDBC COPY. The GIN indexes are dropped first and built afterwards, as any
	 * bulk load would; their definitions are read back from the catalogue so they are exactly the migration's.
	 */
	private Load load(World world) throws Exception {
		var gin = jdbc.sql("""
				select indexname, indexdef from pg_indexes
				where tablename = 'report' and indexdef like '%USING gin%'
				""").query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list();
		gin.forEach(index -> jdbc.sql("drop index " + index.getKey()).update());
		var generator = new ReportGenerator(world, 42);
		long start = System.nanoTime();
		try (Connection connection = dataSource.getConnection()) {
			var copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
					copy report (id, number, organisation_id, created_by, kind, status, version, title, description_ja,
					  description_en, sectors, services_affected, event_types, causes, severity_continuity, severity_safety,
					  occurred_at, aware_at, users_affected, outage_minutes, regions, created_at, updated_at, submitted_at,
					  final_at, centre_received_at) from stdin
					""");
			var batch = new StringBuilder(4 << 20);
			for (int i = 0; i < REPORTS; i++) {
				generator.row(i, batch);
				if (batch.length() > (3 << 20)) {
					var bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
					copy.writeToCopy(bytes, 0, bytes.length);
					batch.setLength(0);
				}
			}
			var bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
			copy.writeToCopy(bytes, 0, bytes.length);
			copy.endCopy();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(Locale.ROOT, "COPY %,d reports in %.1f s: %,.0f rows/s (raw bulk reference)%n", REPORTS, seconds,
				REPORTS / seconds);
		for (var index : gin) {
			long t = System.nanoTime();
			try (var c = dataSource.getConnection(); var s = c.createStatement()) {
				s.execute("set maintenance_work_mem = '1GB'");
				s.execute(index.getValue());
			}
			System.out.printf(Locale.ROOT, "index %s built in %.1f s%n", index.getKey(), (System.nanoTime() - t) / 1e9);
		}
		long t = System.nanoTime();
		jdbc.sql("vacuum analyze report").update();
		System.out.printf(Locale.ROOT, "vacuum analyze in %.1f s; table %s, search indexes %s%n", (System.nanoTime() - t) / 1e9,
				jdbc.sql("select pg_size_pretty(pg_table_size('report'))").query(String.class).single(),
				jdbc.sql("""
						select pg_size_pretty(sum(pg_relation_size(indexrelid))) from pg_index i join pg_class c on c.oid = i.indexrelid
						where c.relname in ('report_text_trigrams', 'report_text_bigrams')
						""").query(String.class).single());
		return new Load(REPORTS / seconds);
	}

	/** The organisations and users the reports belong to, and the two viewers the search is measured as. */
	static final class World {

		static final List<String> SECTORS = List.of("ICT", "FINANCE", "AVIATION", "AIRPORT", "RAILWAY", "ELECTRICITY",
				"GAS", "GOVERNMENT", "MEDICAL", "WATER", "LOGISTICS", "CHEMICAL");

		final List<UUID> operators = new ArrayList<>();
		final List<String> operatorSectors = new ArrayList<>();
		final List<UUID> reporters = new ArrayList<>();
		final List<UserAccount> reporterAccounts = new ArrayList<>();
		Viewer centre;
		Viewer ministry;

		static World create(Organisations organisations, Users users) {
			var world = new World();
			for (int i = 0; i < 120; i++) {
				var sector = SECTORS.get(i % SECTORS.size());
				var org = organisations.create(new Organisations.Draft("事業者" + i + " " + sector, "Operator " + i, OrganisationType.OPERATOR,
						null, "東京都", false, List.of(sector)));
				var reporter = users.create(org.id(), "reporter" + i + "@bench.example", "Reporter " + i, null, Set.of(Role.REPORTER));
				world.operators.add(org.id());
				world.operatorSectors.add(sector);
				world.reporters.add(reporter.id());
				world.reporterAccounts.add(reporter);
			}
			var centreOrg = organisations.create(new Organisations.Draft("センター", "Centre", OrganisationType.NATIONAL_CENTRE, null,
					"東京都", false, List.of()));
			var centreUser = users.create(centreOrg.id(), "centre@bench.example", "Analyst", null, Set.of(Role.ANALYST));
			world.centre = new Viewer(centreUser.id(), centreOrg.id(), OrganisationType.NATIONAL_CENTRE, List.of(), Set.of(Role.ANALYST));
			var ministryOrg = organisations.create(new Organisations.Draft("経済産業省", "METI", OrganisationType.SECTOR_MINISTRY, null,
					"東京都", false, List.of("ELECTRICITY", "GAS", "CHEMICAL")));
			var ministryUser = users.create(ministryOrg.id(), "meti@bench.example", "Analyst", null, Set.of(Role.ANALYST));
			world.ministry = new Viewer(ministryUser.id(), ministryOrg.id(), OrganisationType.SECTOR_MINISTRY,
					List.of("ELECTRICITY", "GAS", "CHEMICAL"), Set.of(Role.ANALYST));
			return world;
		}

		Viewer reporter(int i) {
			var account = reporterAccounts.get(i);
			return new Viewer(account.id(), account.organisationId(), OrganisationType.OPERATOR,
					List.of(operatorSectors.get(i)), Set.of(Role.REPORTER));
		}
	}

	/** Realistic report text: Japanese titles and descriptions from phrase pools, English for some. */
	static final class ReportGenerator {

		static final String[] SYSTEMS = { "基幹系サーバ", "制御システム", "Webサイト", "メールサーバ", "VPN装置", "変電所監視システム",
				"ATM網", "座席予約システム", "電子カルテシステム", "浄水場の監視制御装置", "ガス供給管理システム", "物流管理システム",
				"顧客管理データベース", "インターネットバンキング", "運行管理システム", "行政手続オンライン窓口" };
		static final String[] EVENTS = { "不正アクセス", "ランサムウェア感染", "DDoS攻撃", "設定誤りによる停止", "大規模停電の影響",
				"情報漏えいの疑い", "通信障害", "マルウェア感染", "標的型メールの受信", "ハードウェア故障", "ソフトウェア不具合",
				"認証情報の窃取", "改ざん", "サービス停止", "不審な通信" };
		static final String[] RARE = { "雷害による停止", "地震に伴う設備損傷", "内部不正による持ち出し", "量子暗号装置の誤作動" };
		static final String[] SENTENCES = { "監視担当者がアラートを確認した。", "外部からの通報により判明した。", "影響範囲を調査中である。",
				"該当システムをネットワークから切り離した。", "バックアップから復旧作業を進めている。", "利用者への影響は限定的である。",
				"同様の手口による攻撃が他社でも確認されている。", "ログの保全を行った。", "ベンダーに調査を依頼した。",
				"一部のサービスで遅延が発生した。", "再発防止策を検討している。", "不審なIPアドレスからのアクセスを遮断した。",
				"停電が発生し、非常用電源に切り替えた。", "設定変更の手順に誤りがあった。" };
		static final String[] ENGLISH = { "Unauthorised access was detected on the perimeter firewall.",
				"A ransomware note was found on several file servers.", "The service was unavailable for several hours.",
				"Phishing e-mails targeted the finance department.", "Logs were preserved and shared with the vendor.",
				"A configuration error caused the outage.", "Traffic from suspicious addresses was blocked.",
				"Recovery from backups is in progress." };
		static final String[] REGIONS = { "関東", "関西", "東北", "九州", "北海道", "中部", "全国" };
		static final String[] KINDS = { "INCIDENT", "FAILURE", "NEAR_MISS" };
		static final String[] EVENT_TYPES = names(EventType.values());
		static final String[] CAUSES = names(Cause.values());
		static final Instant EARLIEST = Instant.parse("2022-04-01T00:00:00Z");
		static final long SPAN_SECONDS = ChronoUnit.SECONDS.between(EARLIEST, Instant.parse("2026-11-20T00:00:00Z"));

		private final World world;
		private final SplittableRandom random;
		private final Map<Integer, AtomicInteger> numbers = new LinkedHashMap<>();

		ReportGenerator(World world, long seed) {
			this.world = world;
			this.random = new SplittableRandom(seed);
		}

		/** One row in COPY text format (tab separated, \N for null). */
		void row(int i, StringBuilder out) {
			int operator = random.nextInt(world.operators.size());
			var aware = EARLIEST.plusSeconds((long) (SPAN_SECONDS * (double) i / REPORTS) + random.nextInt(3600));
			int year = aware.atZone(ZoneOffset.UTC).getYear();
			var kind = KINDS[random.nextInt(10) < 6 ? 0 : random.nextInt(3)];
			var number = kind.equals("INCIDENT") ? "INC" : kind.equals("FAILURE") ? "FLR" : "NM";
			number += "-" + year + "-" + String.format(Locale.ROOT, "%07d",
					numbers.computeIfAbsent(year, y -> new AtomicInteger()).incrementAndGet());
			boolean draft = random.nextInt(100) < 3;
			var status = draft ? "DRAFT" : switch (random.nextInt(10)) {
				case 0, 1, 2 -> "FINAL";
				case 3, 4 -> "UPDATED";
				default -> "SUBMITTED";
			};
			var system = SYSTEMS[random.nextInt(SYSTEMS.length)];
			var event = random.nextInt(1000) < 2 ? RARE[random.nextInt(RARE.length)] : EVENTS[random.nextInt(EVENTS.length)];
			var title = system + "における" + event;
			var description = new StringBuilder(system).append("で").append(event).append("を確認した。");
			for (int s = 1 + random.nextInt(3); s > 0; s--) {
				description.append(SENTENCES[random.nextInt(SENTENCES.length)]);
			}
			String english = null;
			if (random.nextInt(10) < 4) {
				english = ENGLISH[random.nextInt(ENGLISH.length)] + " " + ENGLISH[random.nextInt(ENGLISH.length)];
			}
			int continuity = random.nextInt(5);
			int safety = random.nextInt(10) < 8 ? 0 : random.nextInt(5);
			var submitted = aware.plusSeconds(600 + random.nextInt(7200));
			field(out, UUID.randomUUID().toString());
			field(out, number);
			field(out, world.operators.get(operator).toString());
			field(out, world.reporters.get(operator).toString());
			field(out, kind);
			field(out, status);
			field(out, draft ? "0" : String.valueOf(1 + random.nextInt(3)));
			field(out, title);
			field(out, description.toString());
			field(out, english);
			field(out, "{" + world.operatorSectors.get(operator) + "}");
			field(out, system);
			field(out, "{" + EVENT_TYPES[random.nextInt(EVENT_TYPES.length)] + "}");
			field(out, "{" + CAUSES[random.nextInt(CAUSES.length)] + "}");
			field(out, String.valueOf(continuity));
			field(out, String.valueOf(safety));
			field(out, aware.minusSeconds(random.nextInt(86_400)).toString());
			field(out, aware.toString());
			field(out, String.valueOf(random.nextInt(100_000)));
			field(out, String.valueOf(random.nextInt(600)));
			field(out, REGIONS[random.nextInt(REGIONS.length)]);
			field(out, aware.toString());
			field(out, submitted.toString());
			field(out, draft ? null : submitted.toString());
			field(out, "FINAL".equals(status) ? submitted.plusSeconds(86_400).toString() : null);
			out.append(draft ? "\\N" : submitted.toString()).append('\n');
		}

		private static void field(StringBuilder out, String value) {
			out.append(value == null ? "\\N" : value).append('\t');
		}

		private static String[] names(Enum<?>[] values) {
			return java.util.Arrays.stream(values).map(Enum::name).toArray(String[]::new);
		}
	}

	/** Mixed queries through the real ReportSearch (page and capped count, in its own transaction). */
	static final class SearchLatency {

		record Figures(double p50, double p95, double referenceP50, double referenceP95) {
		}

		private final ReportSearch search;
		private final World world;

		SearchLatency(ReportSearch search, World world) {
			this.search = search;
			this.world = world;
		}

		Figures run(String name, Viewer viewer) {
			var queries = new LinkedHashMap<String, List<ReportQuery>>();
			var all = ReportQuery.all();
			queries.put("text ja >=3 chars", List.of(all.withText("不正アクセス"), all.withText("ランサムウェア"),
					all.withText("浄水場"), all.withText("雷害による"), all.withText("内部不正"), all.withText("ログの保全")));
			queries.put("text ja 2 chars", List.of(all.withText("停電"), all.withText("雷害"), all.withText("改ざ"),
					all.withText("遅延"), all.withText("窃取")));
			queries.put("text en", List.of(all.withText("ransomware"), all.withText("phishing"), all.withText("outage"),
					all.withText("firewall"), all.withText("quantum")));
			queries.put("text, 2 words", List.of(all.withText("停電 非常用電源"), all.withText("不正アクセス 遮断"),
					all.withText("DDoS 遅延")));
			queries.put("filters", List.of(
					new ReportQuery(null, null, ReportKind.INCIDENT, null, null, null, 3, null, ReportQuery.DateField.SUBMITTED,
							null, null, null, ReportQuery.Sort.NEWEST),
					new ReportQuery(null, "ELECTRICITY", null, EventType.MALWARE, null, null, null, null,
							ReportQuery.DateField.AWARE, java.time.LocalDate.of(2025, 4, 1), java.time.LocalDate.of(2026, 3, 31),
							null, ReportQuery.Sort.NEWEST),
					new ReportQuery(null, null, null, null, Cause.ENVIRONMENTAL, 4, null,
							org.kakehashi.reporting.ReportStatus.FINAL, ReportQuery.DateField.SUBMITTED, null, null, null,
							ReportQuery.Sort.SEVERITY),
					new ReportQuery(null, null, null, null, null, null, null, null, ReportQuery.DateField.SUBMITTED, null,
							null, world.operators.get(5), ReportQuery.Sort.NEWEST)));
			queries.put("text + filters", List.of(
					new ReportQuery("停電", "ELECTRICITY", null, null, null, null, 2, null, ReportQuery.DateField.SUBMITTED,
							null, null, null, ReportQuery.Sort.NEWEST),
					new ReportQuery("マルウェア", null, ReportKind.INCIDENT, null, null, null, null, null,
							ReportQuery.DateField.AWARE, java.time.LocalDate.of(2024, 4, 1), java.time.LocalDate.of(2025, 3, 31),
							null, ReportQuery.Sort.SEVERITY)));
			var random = new SplittableRandom(7);
			// Warm up: the first queries read the indexes from disk into the cache.
			queries.values().forEach(list -> list.forEach(q -> search.search(viewer, q, 0, 25)));
			var reference = new ArrayList<Double>();
			var everything = new ArrayList<Double>();
			System.out.printf(Locale.ROOT, "%n-- search as %s (page of 25 + count capped at %,d), ms%n", name, ReportSearch.COUNT_LIMIT);
			System.out.printf(Locale.ROOT, "%-20s %6s %8s %8s %8s   %s%n", "query kind", "n", "p50", "p95", "max", "reference p50/p95 (plain list page)");
			for (var entry : queries.entrySet()) {
				var times = new ArrayList<Double>();
				var refs = new ArrayList<Double>();
				for (int r = 0; r < QUERIES_PER_KIND; r++) {
					for (var q : entry.getValue()) {
						int page = random.nextInt(10) < 7 ? 0 : random.nextInt(4);
						refs.add(time(() -> search.search(viewer, all, page, 25)));
						times.add(time(() -> search.search(viewer, q, page, 25)));
					}
				}
				reference.addAll(refs);
				everything.addAll(times);
				System.out.printf(Locale.ROOT, "%-20s %6d %8.1f %8.1f %8.1f   %.1f / %.1f%n", entry.getKey(), times.size(),
						percentile(times, 50), percentile(times, 95), percentile(times, 100), percentile(refs, 50),
						percentile(refs, 95));
			}
			var figures = new Figures(percentile(everything, 50), percentile(everything, 95), percentile(reference, 50),
					percentile(reference, 95));
			System.out.printf(Locale.ROOT, "%-20s %6d %8.1f %8.1f %8.1f   %.1f / %.1f%n", "ALL", everything.size(), figures.p50(),
					figures.p95(), percentile(everything, 100), figures.referenceP50(), figures.referenceP95());
			var sample = search.search(viewer, all.withText("停電"), 0, 25);
			System.out.printf(Locale.ROOT, "(sanity: 「停電」 matches %s reports for %s)%n",
					sample.total() > ReportSearch.COUNT_LIMIT ? "more than " + ReportSearch.COUNT_LIMIT : sample.total(), name);
			return figures;
		}

		private static double time(Runnable r) {
			long t = System.nanoTime();
			r.run();
			return (System.nanoTime() - t) / 1e6;
		}

		static double percentile(List<Double> values, int p) {
			var sorted = values.stream().sorted().toList();
			int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
			return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
		}
	}

	/**
	 * Reports filed and submitted by concurrent clients: over HTTP (POST /api/v1/reports with "submit": true)
	 * when that endpoint exists, otherwise in-process through ReportFiling.createAndSubmit, said so in the output.
	 * The reference is the same work by a single client.
	 */
	static final class Submissions {

		private final World world;
		private final ReportFiling filing;
		private final ApiTokens tokens;
		private final int port;

		Submissions(World world, ReportFiling filing, ApiTokens tokens, int port) {
			this.world = world;
			this.filing = filing;
			this.tokens = tokens;
			this.port = port;
		}

		String run() throws Exception {
			var clientTokens = new ArrayList<String>();
			for (int i = 0; i < CLIENTS; i++) {
				clientTokens.add(tokens.create(world.reporterAccounts.get(i).principal(), "bench", EnumSet.of(ApiScope.REPORTS_WRITE), 1)
					.clearToken());
			}
			var http = HttpClient.newHttpClient();
			var probe = post(http, clientTokens.get(0), 0, 0);
			boolean overHttp = probe / 100 == 2;
			var how = overHttp ? "over HTTP (POST /api/v1/reports)"
					: "in-process via ReportFiling.createAndSubmit (POST /api/v1/reports answered " + probe + ")";
			System.out.printf(Locale.ROOT, "%n-- report submission, %s%n", how);
			double single = measure(1, SUBMISSIONS / 4, overHttp, http, clientTokens);
			double concurrent = measure(CLIENTS, SUBMISSIONS, overHttp, http, clientTokens);
			System.out.printf(Locale.ROOT, "1 client: %.0f reports/s (reference); %d clients: %.0f reports/s%n", single, CLIENTS,
					concurrent);
			return String.format(Locale.ROOT, "%.0f reports/s with %d clients %s (1 client %.0f)", concurrent, CLIENTS,
					overHttp ? "over HTTP" : "in-process", single);
		}

		private double measure(int clients, int total, boolean overHttp, HttpClient http, List<String> clientTokens)
				throws Exception {
			ExecutorService pool = Executors.newFixedThreadPool(clients);
			try {
				long start = System.nanoTime();
				var futures = new ArrayList<Future<?>>();
				for (int c = 0; c < clients; c++) {
					int client = c;
					futures.add(pool.submit(() -> {
						for (int i = 0; i < total / clients; i++) {
							if (overHttp) {
								int status = post(http, clientTokens.get(client), client, i);
								if (status / 100 != 2) {
									throw new IllegalStateException("POST /api/v1/reports answered " + status);
								}
							} else {
								filing.createAndSubmit(world.reporter(client), content(world.operatorSectors.get(client), i),
										ReportFiling.Submission.REPORT);
							}
						}
						return null;
					}));
				}
				for (var f : futures) {
					f.get();
				}
				return (total / clients * clients) / ((System.nanoTime() - start) / 1e9);
			} finally {
				pool.shutdown();
			}
		}

		private int post(HttpClient http, String token, int client, int i) {
			var aware = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
			var json = """
					{"kind":"INCIDENT","title":"ベンチマーク報告 %d-%d","descriptionJa":"不正アクセスを検知した。","sectors":["%s"],
					 "eventTypes":["INTRUSION"],"causes":["INTENTIONAL"],"severityContinuity":2,"severitySafety":1,
					 "awareAt":"%s","observables":[],"submit":true}
					""".formatted(client, i, world.operatorSectors.get(client), aware);
			var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/reports"))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", UUID.randomUUID().toString())
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build();
			try {
				return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			} catch (java.io.IOException e) {
				throw new IllegalStateException(e);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}

		private static ReportContent content(String sector, int i) {
			var aware = Instant.now().minusSeconds(3600);
			return new ReportContent(ReportKind.INCIDENT, "ベンチマーク報告 " + i, "不正アクセスを検知した。", null, List.of(sector),
					null, Set.of(EventType.INTRUSION), Set.of(Cause.INTENTIONAL), 2, 1, null, aware, null, null, null, null,
					null, false, false, null, List.of(), null, null, null);
		}
	}
}
