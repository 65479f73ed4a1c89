package org.kakehashi.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The report form in both languages: drafts, field errors that keep what was typed, hostile text rendered inert. */
class ReportPagesTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aDraftKeepsWhatWasTypedAndASubmissionWithErrorsNamesEachFieldAndStoresNothing() {
		var operator = fixtures.organisation(OrganisationType.OPERATOR, "RAILWAY");
		var reporter = fixtures.user(operator, Role.REPORTER);
		var browser = browser().language("ja");
		Fixtures.signIn(browser, reporter.email());

		var form = browser.get("/reports/new?kind=NEAR_MISS");
		assertThat(form.status()).isEqualTo(200);
		assertThat(form.body()).contains("新規報告").contains("予兆・ヒヤリハット").contains("システム等への侵入");

		var fields = new LinkedHashMap<String, String>(Map.of("kind", "NEAR_MISS", "title", "信号システムの異常通信",
				"sectors", "RAILWAY", "observables[0].type", "IPV4", "observables[0].value", "300.1.1.1",
				"observables[1].value", "evil.example", "awareAt", "2026-11-26T09:30"));
		fields.put("action", "submit");
		var refused = browser.post("/reports", fields);
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("下記の項目を修正してください")
			.contains("id=\"eventTypes-error\"").contains("id=\"severityContinuity-error\"")
			.contains("id=\"observables0.value-error\"").contains("id=\"observables1.type-error\"")
			.contains("value=\"信号システムの異常通信\"").contains("value=\"300.1.1.1\"");
		assertThat(count(operator.id())).isZero();

		fields.put("action", "save");
		fields.put("observables[0].value", "198.51.100.4");
		fields.put("observables[1].type", "DOMAIN");
		var saved = browser.post("/reports", fields);
		assertThat(saved.status()).isEqualTo(302);
		assertThat(saved.location()).matches(".*/reports/[0-9a-f-]{36}/edit");
		var draft = browser.get(saved.location());
		assertThat(draft.body()).contains("value=\"198.51.100.4\"").contains("value=\"evil.example\"");
		assertThat(count(operator.id())).isEqualTo(1);
	}

	@Test
	void hostileTextIsShownAsTextInBothLanguages() {
		var operator = fixtures.organisation(OrganisationType.OPERATOR, "WATER");
		var reporter = fixtures.user(operator, Role.REPORTER);
		var browser = browser().language("en");
		Fixtures.signIn(browser, reporter.email());
		browser.get("/reports/new");
		var fields = new LinkedHashMap<String, String>();
		fields.put("kind", "INCIDENT");
		fields.put("title", "<script>alert('x')</script>");
		fields.put("descriptionJa", "<img src=x onerror=alert(1)>\n=HYPERLINK(\"http://evil\")");
		fields.put("sectors", "WATER");
		fields.put("eventTypes", "MALWARE");
		fields.put("severityContinuity", "3");
		fields.put("severitySafety", "1");
		fields.put("awareAt", "2026-11-01T08:00");
		fields.put("action", "submit");
		var submitted = browser.post("/reports", fields);
		assertThat(submitted.status()).as(submitted.body()).isEqualTo(302);
		var page = browser.get(submitted.location());
		assertThat(page.body()).doesNotContain("<script>alert").doesNotContain("<img src=x")
			.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").contains("Initial report").contains("Level 3");
		var japanese = browser.language("ja").get(submitted.location());
		assertThat(japanese.body()).contains("第一報").contains("レベル 3").contains("マルウェア等の感染")
			.contains("class=\"badge\">水道<");
		assertThat(browser.language("en").get(submitted.location()).body()).contains("class=\"badge\">Water supply<");
		assertThat(browser.get("/reports").body()).contains("class=\"badge\">Water supply<").doesNotContain("class=\"badge\">WATER<");
	}

	private long count(java.util.UUID organisationId) {
		return jdbc.sql("select count(*) from report where organisation_id = :org").param("org", organisationId)
			.query(Long.class).single();
	}
}
