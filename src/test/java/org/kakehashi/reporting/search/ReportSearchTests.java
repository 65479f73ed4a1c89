package org.kakehashi.reporting.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.platform.FiscalYear;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.reporting.Cause;
import org.kakehashi.reporting.EventType;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.ReportStatus;
import org.kakehashi.reporting.internal.Report;
import org.kakehashi.reporting.internal.ReportContent;
import org.kakehashi.reporting.internal.ReportFiling;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.ReportFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Report lists, search, downloads and statistics over real HTTP and the real database. */
class ReportSearchTests extends IntegrationTest {

	private static final AtomicInteger SECTORS = new AtomicInteger();

	@Autowired
	Fixtures fixtures;

	@Autowired
	ReportFixtures reports;

	@Autowired
	ReportFiling filing;

	@Autowired
	ReportSearch search;

	@Autowired
	ReportExport export;

	@Autowired
	ReportStatistics statistics;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	/** A sector of its own per test, so ministry lists and statistics count only this test's reports. */
	private String newSector() {
		var code = "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
		jdbc.sql("""
				insert into sector (code, position, name_ja, name_en, ministry_ja, ministry_en)
				values (:code, 1000 + (select count(*) from sector), :code || '分野', :code || ' sector', '試験省', 'Test ministry')
				""").param("code", code).update();
		return code;
	}

	private Report file(UserAccount reporter, ReportKind kind, String title, String descriptionJa, int continuity,
			int safety, Set<EventType> events, Set<Cause> causes) {
		var base = reports.content(reporter, kind, title, Instant.now().minus(1, ChronoUnit.HOURS));
		var content = new ReportContent(kind, title, descriptionJa, base.descriptionEn(), base.sectors(),
				base.servicesAffected(), events, causes, continuity, safety, base.occurredAt(), base.awareAt(), null, null,
				null, null, null, false, false, null, List.of(), null, null, null);
		return filing.createAndSubmit(reports.viewer(reporter), content, ReportFiling.Submission.REPORT);
	}

	private Report draft(UserAccount reporter, String title) {
		var base = reports.content(reporter, ReportKind.INCIDENT, title, Instant.now().minus(1, ChronoUnit.HOURS));
		return filing.createDraft(reports.viewer(reporter), base);
	}

	private static String q(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	@Test
	void eachOrganisationListsOnlyTheReportsItMaySee() {
		var sector = newSector();
		var otherSector = newSector();
		var token = "vis" + UUID.randomUUID().toString().substring(0, 6);
		var operatorA = fixtures.organisation(OrganisationType.OPERATOR, sector);
		var operatorB = fixtures.organisation(OrganisationType.OPERATOR, sector);
		var reporterA = fixtures.user(operatorA, Role.REPORTER);
		var reporterB = fixtures.user(operatorB, Role.REPORTER);
		var ministry = fixtures.user(fixtures.organisation(OrganisationType.SECTOR_MINISTRY, sector), Role.ANALYST);
		var otherMinistry = fixtures.user(fixtures.organisation(OrganisationType.SECTOR_MINISTRY, otherSector), Role.ANALYST);
		var centre = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.ANALYST);
		var a = reports.submitted(reporterA, ReportKind.INCIDENT, "A " + token, Instant.now().minusSeconds(3600));
		var aDraft = draft(reporterA, "A draft " + token);
		var b = reports.submitted(reporterB, ReportKind.FAILURE, "B " + token, Instant.now().minusSeconds(3600));

		var pageA = signedIn(reporterA, false).get("/reports?q=" + token);
		assertThat(pageA.status()).isEqualTo(200);
		assertThat(pageA.body()).contains(a.number(), aDraft.number(), "id=\"new-report\"", "/reports/" + a.id())
			.doesNotContain(b.number());
		assertThat(signedIn(reporterB, false).get("/reports?q=" + token).body()).contains(b.number())
			.doesNotContain(a.number(), aDraft.number());

		var ministryPage = signedIn(ministry, true).get("/reports?q=" + token);
		assertThat(ministryPage.body()).contains(a.number(), b.number()).doesNotContain(aDraft.number())
			.doesNotContain("id=\"new-report\"");
		var otherPage = signedIn(otherMinistry, true).get("/reports?q=" + token);
		assertThat(otherPage.body()).contains("id=\"no-reports\"").doesNotContain(a.number(), b.number());
		assertThat(signedIn(centre, true).get("/reports?q=" + token).body()).contains(a.number(), b.number())
			.doesNotContain(aDraft.number());

		// Drafts stay out even when asked for by status; the API applies the same rules.
		assertThat(search.search(reports.viewer(ministry), ReportQuery.all().withText(token), 0, 50).items())
			.extracting(ReportRow::number).containsExactlyInAnyOrder(a.number(), b.number());
		var otherApi = api(tokens.create(otherMinistry.principal(), "t", EnumSet.of(ApiScope.REPORTS_READ), 1).clearToken());
		assertThat(otherApi.get("/api/v1/reports?q=" + token + "&status=DRAFT").body()).contains("\"total\":0");
		var apiA = api(tokens.create(reporterA.principal(), "t", EnumSet.of(ApiScope.REPORTS_READ), 1).clearToken());
		var listed = apiA.get("/api/v1/reports?q=" + token);
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.body()).contains("\"total\":2", a.number(), aDraft.number()).doesNotContain(b.number());
		var noScope = api(tokens.create(reporterA.principal(), "t", EnumSet.of(ApiScope.IDENTITY_READ), 1).clearToken());
		assertThat(noScope.get("/api/v1/reports").status()).isEqualTo(403);
		assertThat(api(null).get("/api/v1/reports").status()).isEqualTo(401);
		assertThat(browser().get("/reports").status()).isEqualTo(302);
	}

	@Test
	void japaneseIsFoundWithoutSpacesAndWidthOrCaseDoNotMatter() {
		var reporter = fixtures.user(fixtures.organisation(OrganisationType.OPERATOR, newSector()), Role.REPORTER);
		var viewer = reports.viewer(reporter);
		var access = file(reporter, ReportKind.INCIDENT, "サーバへの不正アクセスを検知", "ログ監視で判明した。", 2, 1,
				Set.of(EventType.INTRUSION), Set.of(Cause.INTENTIONAL));
		var outage = file(reporter, ReportKind.FAILURE, "変電所の障害", "大規模停電が発生し、制御システムが停止した。", 3, 2,
				Set.of(EventType.UNAVAILABILITY), Set.of(Cause.ENVIRONMENTAL));
		var ddos = file(reporter, ReportKind.INCIDENT, "ＤＤｏＳ攻撃によるＷｅｂ停止", "ｶﾀｶﾅの説明", 1, 0,
				Set.of(EventType.UNAVAILABILITY), Set.of(Cause.INTENTIONAL));

		assertThat(numbers(viewer, "不正アクセス")).containsExactly(access.number());
		assertThat(numbers(viewer, "停電")).containsExactly(outage.number());
		assertThat(numbers(viewer, "停")).containsExactlyInAnyOrder(outage.number(), ddos.number());
		assertThat(numbers(viewer, "停止 制御")).containsExactly(outage.number());
		assertThat(numbers(viewer, "ddos")).containsExactly(ddos.number());
		assertThat(numbers(viewer, "web停止")).containsExactly(ddos.number());
		assertThat(numbers(viewer, "カタカナ")).containsExactly(ddos.number());
		assertThat(numbers(viewer, "ＷＥＢ")).containsExactly(ddos.number());
		assertThat(numbers(viewer, "アクセス停")).isEmpty();
		assertThat(numbers(viewer, "100%")).isEmpty();
		assertThat(numbers(viewer, access.number().toLowerCase(Locale.ROOT))).containsExactly(access.number());

		var page = signedIn(reporter, false).get("/reports?q=" + q("停電"));
		assertThat(page.body()).contains(outage.number()).doesNotContain(access.number());
		var fragment = signedIn(reporter, false).send(java.net.http.HttpRequest.newBuilder(
				browserUri("/reports?q=" + q("不正アクセス"))).header("HX-Request", "true").GET());
		assertThat(fragment.body()).contains(access.number()).doesNotContain("<html", outage.number());
	}

	@Test
	void filtersSortingAndPagesNarrowTheList() {
		var sector = newSector();
		var operator = fixtures.organisation(OrganisationType.OPERATOR, sector);
		var reporter = fixtures.user(operator, Role.REPORTER);
		var viewer = reports.viewer(reporter);
		for (int i = 0; i < 27; i++) {
			file(reporter, i % 3 == 0 ? ReportKind.NEAR_MISS : ReportKind.INCIDENT, "報告 " + i, "説明", i % 5, 0,
					i % 2 == 0 ? Set.of(EventType.MALWARE) : Set.of(EventType.LEAK),
					i % 2 == 0 ? Set.of(Cause.ACCIDENTAL) : Set.of(Cause.INTENTIONAL));
		}
		var old = file(reporter, ReportKind.FAILURE, "古い報告", "説明", 4, 4, Set.of(EventType.OTHER), Set.of(Cause.OTHER));
		jdbc.sql("update report set aware_at = '2025-06-01T03:00:00Z', occurred_at = '2025-06-01T02:00:00Z' where id = :id")
			.param("id", old.id()).update();
		draft(reporter, "下書き");

		var all = ReportQuery.all();
		var first = search.search(viewer, all, 0, 25);
		assertThat(first.total()).isEqualTo(29);
		assertThat(first.items()).hasSize(25);
		assertThat(first.items().get(0).status()).isEqualTo(ReportStatus.DRAFT);
		assertThat(search.search(viewer, all, 1, 25).items()).hasSize(4);
		assertThat(count(viewer, new ReportQuery(null, null, ReportKind.NEAR_MISS, null, null, null, null, null,
				ReportQuery.DateField.SUBMITTED, null, null, null, ReportQuery.Sort.NEWEST))).isEqualTo(9);
		assertThat(count(viewer, new ReportQuery(null, sector, null, EventType.MALWARE, Cause.ACCIDENTAL, null, null,
				ReportStatus.SUBMITTED, ReportQuery.DateField.SUBMITTED, null, null, operator.id(), ReportQuery.Sort.NEWEST)))
			.isEqualTo(14);
		assertThat(count(viewer, new ReportQuery(null, "ICT", null, null, null, null, null, null,
				ReportQuery.DateField.SUBMITTED, null, null, null, ReportQuery.Sort.NEWEST))).isZero();
		assertThat(count(viewer, new ReportQuery(null, null, null, null, null, 4, null, null,
				ReportQuery.DateField.SUBMITTED, null, null, null, ReportQuery.Sort.NEWEST))).isEqualTo(6);
		assertThat(count(viewer, new ReportQuery(null, null, null, null, null, null, 3, null,
				ReportQuery.DateField.SUBMITTED, null, null, null, ReportQuery.Sort.NEWEST))).isEqualTo(11);
		var june = new ReportQuery(null, null, null, null, null, null, null, null, ReportQuery.DateField.AWARE,
				LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 1), null, ReportQuery.Sort.NEWEST);
		assertThat(search.search(viewer, june, 0, 25).items()).extracting(ReportRow::number).containsExactly(old.number());
		var bySeverity = search.search(viewer, new ReportQuery(null, null, null, null, null, null, null, null,
				ReportQuery.DateField.SUBMITTED, null, null, null, ReportQuery.Sort.SEVERITY), 0, 3);
		assertThat(bySeverity.items().get(0).number()).isEqualTo(old.number());

		// The page reads the same filters from the URL; nonsense is refused naming the parameter.
		var browser = signedIn(reporter, false);
		var page = browser.get("/reports?kind=NEAR_MISS&page=1");
		assertThat(page.body()).contains("NM-").doesNotContain(old.number()).contains("(9)");
		var paged = browser.get("/reports?page=2");
		assertThat(paged.body()).contains("rel=\"prev\"").contains("Page 2 of 2");
		var bad = browser.get("/reports?severity=9");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body()).contains("id=\"filter-error\"");
		var token = tokens.create(reporter.principal(), "t", EnumSet.of(ApiScope.REPORTS_READ), 1).clearToken();
		var problem = api(token).get("/api/v1/reports?kind=NOPE");
		assertThat(problem.status()).isEqualTo(400);
		assertThat(problem.contentType()).contains("application/problem+json");
		assertThat(problem.body()).contains("\"field\":\"kind\"");
		assertThat(api(token).get("/api/v1/reports?q=" + "x".repeat(201)).body()).contains("\"field\":\"q\"");
		assertThat(api(token).get("/api/v1/reports?from=2026-05-02&to=2026-05-01").body()).contains("\"field\":\"to\"");
		assertThat(api(token).get("/api/v1/reports?kind=NEAR_MISS&size=5&page=1").body())
			.contains("\"total\":9", "\"page\":1", "\"size\":5", "\"pages\":2");
	}

	@Test
	void downloadsHoldTheFilteredListWithFormulasDefused() throws Exception {
		var reporter = fixtures.user(fixtures.organisation(OrganisationType.OPERATOR, newSector()), Role.REPORTER);
		var hostile = file(reporter, ReportKind.INCIDENT, "=HYPERLINK(\"http://evil.example\",\"click\")",
				"+cmd|' /C calc'!A0", 2, 2, Set.of(EventType.OTHER), Set.of(Cause.OTHER));
		var plain = file(reporter, ReportKind.INCIDENT, "通常の報告, カンマ入り", "-1 と @SUM(A1)", 1, 1, Set.of(EventType.OTHER),
				Set.of(Cause.OTHER));

		var browser = signedIn(reporter, false);
		var csv = browser.get("/reports/export.csv");
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.headers().get("content-type")).startsWith("text/csv");
		assertThat(csv.headers().get("content-disposition")).startsWith("attachment").contains(".csv");
		assertThat(csv.body()).startsWith("\uFEFFNumber,Title,");
		assertThat(csv.body()).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"")
			.contains("'+cmd|' /C calc'!A0")
			.contains("\"通常の報告, カンマ入り\"")
			.doesNotContain(",=HYPERLINK").doesNotContain(",+cmd");
		assertThat(csv.body().split("\r\n")).hasSize(3);
		var filtered = browser.get("/reports/export.csv?q=" + q("通常"));
		assertThat(filtered.body()).contains(plain.number()).doesNotContain(hostile.number());
		assertThat(browser.get("/reports/export.csv?minSeverity=7").status()).isEqualTo(400);

		var xlsx = browser.get("/reports/export.xlsx?q=HYPERLINK");
		assertThat(xlsx.status()).isEqualTo(200);
		assertThat(xlsx.headers().get("content-type")).startsWith("application/vnd.openxmlformats");
		var bytes = new ByteArrayOutputStream();
		var rows = export.write(reports.viewer(reporter), ReportQuery.all().withText("hyperlink"), ReportExport.Format.XLSX,
				Locale.JAPANESE, bytes);
		assertThat(rows).isEqualTo(1);
		try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
			var sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("件名");
			var title = sheet.getRow(1).getCell(1);
			assertThat(title.getCellType()).isEqualTo(CellType.STRING);
			assertThat(title.getStringCellValue()).isEqualTo(hostile.content().title());
			assertThat(title.getCellStyle().getQuotePrefixed()).isTrue();
			assertThat(sheet.getRow(1).getCell(0).getCellStyle().getQuotePrefixed()).isFalse();
			assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).isEqualTo("インシデント");
		}

		var audited = jdbc.sql("""
				select details from audit_log where action = 'report.exported' and actor_id = :user order by seq
				""").param("user", reporter.id()).query(String.class).list();
		assertThat(audited).hasSize(3);
		assertThat(audited.get(1)).contains("q=").contains("csv");
		assertThat(audited.get(2)).contains("xlsx");
		assertThat(String.join(" ", audited)).doesNotContain("evil.example");
	}

	@Test
	void statisticsCountByJapaneseFiscalYearAndMonth() {
		var sector = newSector();
		var reporter = fixtures.user(fixtures.organisation(OrganisationType.OPERATOR, sector), Role.REPORTER);
		var viewer = reports.viewer(reporter);
		var lastOfMarch = submittedAt(file(reporter, ReportKind.INCIDENT, "3月末", "説明", 1, 0, Set.of(EventType.LEAK),
				Set.of(Cause.INTENTIONAL)), "2026-03-31T14:59:00Z");
		submittedAt(file(reporter, ReportKind.FAILURE, "4月1日", "説明", 2, 3, Set.of(EventType.LEAK, EventType.MALWARE),
				Set.of(Cause.ACCIDENTAL, Cause.OTHER)), "2026-03-31T15:00:00Z");
		submittedAt(file(reporter, ReportKind.NEAR_MISS, "5月", "説明", 0, 0, Set.of(EventType.OTHER),
				Set.of(Cause.ENVIRONMENTAL)), "2026-05-10T01:00:00Z");
		submittedAt(file(reporter, ReportKind.INCIDENT, "翌年3月", "説明", 4, 1, Set.of(EventType.INTRUSION),
				Set.of(Cause.INTENTIONAL)), "2027-03-31T14:00:00Z");
		draft(reporter, "下書きは数えない");

		var fy2026 = statistics.of(viewer, new FiscalYear(2026));
		assertThat(fy2026.total()).isEqualTo(3);
		assertThat(fy2026.perYear()).extracting(ReportStatistics.Period::code).containsExactly("2025", "2026");
		assertThat(fy2026.perYear().get(0).total()).isEqualTo(1);
		assertThat(fy2026.perYear().get(1).total()).isEqualTo(3);
		assertThat(fy2026.months()).hasSize(12);
		assertThat(fy2026.months().get(0).code()).isEqualTo("2026-04");
		assertThat(fy2026.months().stream().mapToLong(ReportStatistics.Period::total).toArray())
			.containsExactly(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
		assertThat(fy2026.bySector()).containsExactly(new ReportStatistics.Count(sector, 3));
		assertThat(fy2026.byKind()).containsExactly(new ReportStatistics.Count("INCIDENT", 1),
				new ReportStatistics.Count("FAILURE", 1), new ReportStatistics.Count("NEAR_MISS", 1));
		assertThat(fy2026.byEventType()).contains(new ReportStatistics.Count("LEAK", 1),
				new ReportStatistics.Count("MALWARE", 1), new ReportStatistics.Count("INTRUSION", 1),
				new ReportStatistics.Count("DESTRUCTION", 0));
		assertThat(fy2026.byCause()).contains(new ReportStatistics.Count("ACCIDENTAL", 1),
				new ReportStatistics.Count("INTENTIONAL", 1), new ReportStatistics.Count("OTHER", 1));
		assertThat(fy2026.bySeverity()).extracting(ReportStatistics.Count::count).containsExactly(1L, 0L, 0L, 1L, 1L);
		assertThat(statistics.of(viewer, new FiscalYear(2025)).byKind())
			.contains(new ReportStatistics.Count("INCIDENT", 1));
		assertThat(lastOfMarch).isNotNull();

		var ja = signedIn(reporter, false).language("ja");
		var page = ja.get("/reports/statistics?fy=2026");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("2026年度", "2025年度", "2026年4月", "2027年3月", "data-chart=", "report-charts.js",
				"echarts").doesNotContain("<script>");
		assertThat(ja.get("/reports/statistics?fy=2026&era=true").body()).contains("令和8年度");
		var en = signedIn(reporter, false).get("/reports/statistics?fy=2026");
		assertThat(en.body()).contains("FY2026", "Apr 2026");
		var csv = ja.get("/reports/statistics.csv?fy=2026");
		assertThat(csv.headers().get("content-disposition")).contains("FY2026");
		assertThat(csv.body()).startsWith("\uFEFFdimension,period,code,label,count")
			.contains("fiscal-year,2025,total,合計,1\r\n", "fiscal-year,2026,total,合計,3\r\n",
					"month,2026-04,total,合計,1\r\n", "month,2027-03,INCIDENT,インシデント,1\r\n",
					"sector,2026," + sector + "," + sector + "分野,3\r\n", "severity,2026,4,レベル4,1\r\n");
		assertThat(ja.get("/reports/statistics?fy=abc").status()).isEqualTo(400);
	}

	@Test
	void searchTextIsBounded() {
		assertThatThrownBy(() -> SearchTerms.parse("あ".repeat(201))).isInstanceOf(InvalidInput.class)
			.extracting("field").isEqualTo("q");
		assertThatThrownBy(() -> SearchTerms.parse("a b c d e f g h i")).isInstanceOf(InvalidInput.class);
		assertThat(SearchTerms.parse("停電\u3000ＤＤｏＳ　x").terms()).containsExactly(
				new SearchTerms.Term("停電", false), new SearchTerms.Term("DDoS", true), new SearchTerms.Term("x", false));
	}

	private Report submittedAt(Report report, String instant) {
		jdbc.sql("update report set submitted_at = :at, aware_at = cast(:at as timestamptz) - interval '1 hour', occurred_at = null where id = :id")
			.param("at", Timestamp.from(Instant.parse(instant))).param("id", report.id()).update();
		return report;
	}

	private List<String> numbers(org.kakehashi.reporting.Viewer viewer, String text) {
		return search.search(viewer, ReportQuery.all().withText(text), 0, 50).items().stream().map(ReportRow::number).toList();
	}

	private long count(org.kakehashi.reporting.Viewer viewer, ReportQuery query) {
		return search.search(viewer, query, 0, 1).total();
	}

	private java.net.URI browserUri(String path) {
		return java.net.URI.create("http://localhost:" + port + path);
	}

	private org.kakehashi.support.WebClient signedIn(UserAccount user, boolean secondFactor) {
		var client = browser();
		if (secondFactor) {
			fixtures.signInWithSecondFactor(client, user);
		} else {
			Fixtures.signIn(client, user.email());
		}
		return client;
	}

	@SuppressWarnings("unused")
	private static Organisation unused(Organisation o) {
		return o;
	}
}
