package org.kakehashi.warnings.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.WebClient;
import org.kakehashi.warnings.internal.Agreements;
import org.kakehashi.warnings.internal.Urgency;
import org.kakehashi.warnings.internal.WarningContent;
import org.kakehashi.warnings.internal.WarningViewer;
import org.kakehashi.warnings.internal.Warnings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sender's pages over real HTTP: every validation problem beside its field in the reader's language,
 * templates (built in, saved, used, deleted; another organisation's never), the review rule explained, the
 * recipients computed before publishing, and the tracking pushed live to the sender's staff only.
 */
class WarningPagesTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Warnings warnings;

	@Autowired
	Agreements agreements;

	@Autowired
	JdbcClient jdbc;

	@Test
	void builtInTemplatesPrefillBothLanguages() {
		var analyst = fixtures.user(fixtures.organisation(OrganisationType.COORDINATOR), Role.ANALYST);
		var web = signedIn(analyst, "ja");
		var page = web.get("/warnings/new?template=builtin-ransomware");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("を狙ったランサムウェア攻撃について", "Ransomware attacks against [sector]",
				"オフラインのバックアップ", "Keep offline backups", "id=\"template-used\"");
		assertThat(web.get("/warnings/new").body()).contains("悪用が確認された脆弱性", "フィッシングメール", "DDoS 攻撃");
		assertThat(web.get("/warnings/new?template=builtin-nothing").status()).isEqualTo(404);
		assertThat(web.get("/warnings/new?template=" + UUID.randomUUID()).status()).isEqualTo(404);
	}

	@Test
	void everyProblemIsShownBesideItsFieldInTheReadersLanguage() {
		var analyst = fixtures.user(fixtures.organisation(OrganisationType.COORDINATOR), Role.ANALYST);
		for (var language : List.of("en", "ja")) {
			var web = signedIn(analyst, language);
			web.get("/warnings/new");
			var response = web.post("/warnings", Map.of("urgency", "HIGH", "tlp", "RED", "titleJa", "", "titleEn", "",
					"cveIds", "CVE-2026-12345, CVE-x", "referenceUrls", "https://example.jp/a\nftp://example.jp/b",
					"indicators", "IPV4 203.0.113.5\nIPV4 999.1.1.1\nnonsense", "additions", UUID.randomUUID().toString(),
					"action", "review"));
			assertThat(response.status()).as(language).isEqualTo(422);
			var body = response.body();
			for (var field : List.of("tlp", "titleJa", "cveIds", "referenceUrls", "indicators", "countermeasuresJa",
					"additions")) {
				assertThat(body).as(language + " " + field).contains("id=\"" + field + "-error\"");
			}
			if (language.equals("en")) {
				assertThat(body).contains("Entry 2: A CVE id looks like CVE-2026-12345.",
						"Line 2: This is not a valid value of this type.", "Line 3: Write a type and a value",
						"Entry 2: Enter an http or https address.", "not published without the countermeasures");
			}
			else {
				assertThat(body).contains("2 番目:CVE番号は", "2 行目:この種類の値として正しくありません。", "3 行目:種類と値を書き",
						"受信者が取るべき対策を記入しないと発信できません");
			}
			// What was typed stays.
			assertThat(body).contains("IPV4 999.1.1.1", "CVE-x");
		}
		var viewer = viewer(analyst);
		assertThat(jdbc.sql("select count(*) from warning where sender_organisation_id = :org")
			.param("org", viewer.organisationId()).query(Long.class).single()).isZero();
	}

	@Test
	void countermeasuresAreRequiredToSendForReviewButNotToSaveADraft() {
		var analyst = fixtures.user(fixtures.organisation(OrganisationType.COORDINATOR), Role.ANALYST);
		var web = signedIn(analyst, "en");
		web.get("/warnings/new");
		var saved = web.post("/warnings", Map.of("urgency", "CRITICAL", "tlp", "AMBER", "titleJa", "下書き", "action", "save"));
		assertThat(saved.status()).isEqualTo(302);
		var path = saved.location().replaceFirst("^https?://[^/]+", "");
		var page = web.get(path).body();
		assertThat(page).contains("id=\"countermeasures-missing\"", "The warning was saved.");
		var id = path.substring("/warnings/".length());
		var refused = web.post("/warnings/" + id + "/review-request", Map.of());
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.body()).contains("id=\"action-error\"", "not published without the countermeasures");
		web.get("/warnings/" + id + "/edit");
		var sent = web.post("/warnings/" + id, Map.of("urgency", "CRITICAL", "tlp", "AMBER", "titleJa", "下書き",
				"countermeasuresEn", "Patch now.", "basedOnRevision", "1", "action", "review"));
		assertThat(sent.status()).isEqualTo(302);
		assertThat(web.get("/warnings/" + id).body()).contains("In review", "id=\"own-edit\"")
			.doesNotContain("id=\"approve\"");
		// A stale revision is refused beside the form, nothing overwritten.
		var stale = web.post("/warnings/" + id, Map.of("urgency", "LOW", "tlp", "AMBER", "titleJa", "別の題",
				"basedOnRevision", "1"));
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.body()).contains("Someone changed the warning meanwhile");
	}

	@Test
	void templatesAreTheOrganisationsOwn() {
		var sender = fixtures.organisation(OrganisationType.COORDINATOR);
		var analyst = fixtures.user(sender, Role.ANALYST);
		var colleague = fixtures.user(sender, Role.COORDINATOR);
		var stranger = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.ANALYST);
		var warning = warnings.create(viewer(analyst), content("VPN 機器の脆弱性", "Patch the VPN.", List.of()));
		var web = signedIn(analyst, "en");
		web.get("/warnings/" + warning.id());
		assertThat(web.post("/warnings/" + warning.id() + "/templates", Map.of("templateName", " ")).body())
			.contains("id=\"templateName-error\"", "Give the template a name.");
		assertThat(web.post("/warnings/" + warning.id() + "/templates", Map.of("templateName", "VPN template")).status())
			.isEqualTo(302);
		var duplicate = web.post("/warnings/" + warning.id() + "/templates", Map.of("templateName", "vpn TEMPLATE"));
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.body()).contains("already has a template with this name");
		var templateId = jdbc.sql("select id from warning_template where sender_organisation_id = :org")
			.param("org", sender.id()).query(UUID.class).single();

		// A colleague composes from it; the text comes back as saved.
		var other = signedIn(colleague, "en");
		assertThat(other.get("/warnings/templates").body()).contains("VPN template", "Actively exploited vulnerability");
		assertThat(other.get("/warnings/new?template=" + templateId).body()).contains("VPN 機器の脆弱性", "Patch the VPN.");

		// Another organisation neither sees, uses nor deletes it.
		var outsider = signedIn(stranger, "en");
		assertThat(outsider.get("/warnings/templates").body()).doesNotContain("VPN template");
		assertThat(outsider.get("/warnings/new?template=" + templateId).status()).isEqualTo(404);
		assertThat(outsider.post("/warnings/templates/" + templateId + "/delete", Map.of()).status()).isEqualTo(404);
		assertThat(outsider.post("/warnings/" + warning.id() + "/templates", Map.of("templateName", "x")).status())
			.isEqualTo(404);

		other.get("/warnings/templates");
		assertThat(other.post("/warnings/templates/" + templateId + "/delete", Map.of()).status()).isEqualTo(302);
		assertThat(other.get("/warnings/templates").body()).doesNotContain("VPN template");
		assertThat(jdbc.sql("select count(*) from audit_log where action in ('warnings.template-saved', 'warnings.template-deleted') and target_id = :id")
			.param("id", templateId.toString()).query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void nonSendersAreSentToTheirInboxAndSeeNoDraft() {
		var sender = fixtures.organisation(OrganisationType.COORDINATOR);
		var analyst = fixtures.user(sender, Role.ANALYST);
		var operator = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		var operatorAdmin = fixtures.user(operator, Role.VIEWER);
		var warning = warnings.create(viewer(analyst), content("下書き", "対策", List.of(operator.id())));
		var web = signedIn(operatorAdmin, "en");
		var list = web.get("/warnings");
		assertThat(list.status()).isEqualTo(302);
		assertThat(list.location()).endsWith("/warnings/inbox");
		assertThat(web.get("/warnings/" + warning.id()).status()).isEqualTo(404);
		assertThat(web.get("/warnings/" + warning.id() + "/tracking").status()).isEqualTo(404);
		assertThat(web.get("/warnings/new").status()).isEqualTo(403);
		web.get("/account");
		assertThat(web.post("/warnings/" + warning.id() + "/publication", Map.of()).status()).isEqualTo(404);
	}

	@Test
	void theRecipientsAreShownBeforePublishingAndTrackingIsPushedToTheSenderOnly() throws Exception {
		var sender = fixtures.organisation(OrganisationType.COORDINATOR);
		var author = fixtures.user(sender, Role.ANALYST);
		var reviewer = fixtures.user(sender, Role.COORDINATOR);
		var subscriber = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		var added = fixtures.organisation(OrganisationType.OPERATOR, "WATER");
		fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		var recipient = fixtures.user(subscriber, Role.VIEWER);
		agreements.create(viewer(author), new Agreements.AgreementInput(subscriber.id(), List.of("ELECTRICITY"),
				List.of(), List.of(), List.of("INBOX"), List.of(), "ja", null, null, null, "matrix"));
		var warning = warnings.create(viewer(author), content("変電所の制御系への攻撃", "ファームウェアを更新する。",
				List.of(added.id())));
		warnings.requestReview(viewer(author), warning.id());

		var web = signedIn(reviewer, "en");
		web.get("/warnings/" + warning.id());
		assertThat(web.post("/warnings/" + warning.id() + "/review", Map.of("decision", "return")).body())
			.contains("id=\"comment-error\"", "Say what should change.");
		assertThat(web.post("/warnings/" + warning.id() + "/review", Map.of("decision", "approve")).status()).isEqualTo(302);
		var page = web.get("/warnings/" + warning.id()).body();
		assertThat(page).contains("If published now, it reaches 2 organisations.", subscriber.name(), added.name(),
				"Added by hand", "Prior agreement", "Publish to 2 organisations");
		assertThat(web.post("/warnings/" + warning.id() + "/publication", Map.of()).status()).isEqualTo(302);
		var published = web.get("/warnings/" + warning.id()).body();
		assertThat(published).contains("id=\"coverage-acknowledged\">0 % (0 of 2)", "Silent organisations (2)",
				"id=\"tta-chart\"", "warning-tracking.js");

		// The sender's open page hears of an acknowledgement; a recipient's stream does not.
		var senderStream = web.lines("/sharing/inbox/events", "text/event-stream");
		var recipientWeb = signedIn(recipient, "en");
		var recipientStream = recipientWeb.lines("/sharing/inbox/events", "text/event-stream");
		var heard = CompletableFuture.supplyAsync(() -> senderStream.body()
			.filter(line -> line.contains("warning-tracking") || line.contains(warning.id().toString()))
			.findFirst().orElse(""));
		var overheard = CompletableFuture.supplyAsync(() -> recipientStream.body()
			.filter(line -> line.contains("warning-tracking")).findFirst().orElse(""));
		Thread.sleep(300);
		warnings.acknowledge(viewer(recipient), warning.id(), "受領しました");
		assertThat(heard.get(15, TimeUnit.SECONDS)).contains("warning-tracking");
		var fragment = web.get("/warnings/" + warning.id() + "/tracking?filter=ACKNOWLEDGED");
		assertThat(fragment.status()).isEqualTo(200);
		assertThat(fragment.body()).contains("50 % (1 of 2)", subscriber.name(), "受領しました")
			.doesNotContain("<html");
		assertThat(web.get("/warnings/" + warning.id() + "/tracking?filter=NOPE").status()).isEqualTo(400);
		Thread.sleep(Duration.ofSeconds(1).toMillis());
		assertThat(overheard.isDone()).isFalse();
		overheard.cancel(true);
	}

	private WarningContent content(String title, String countermeasures, List<UUID> additions) {
		return new WarningContent(Urgency.HIGH, Tlp.AMBER, title, "", "概要", "", "脅威", "", countermeasures, "", "",
				List.of(), List.of(), List.of("ELECTRICITY"), List.of(), List.of(), List.of(), additions);
	}

	private static WarningViewer viewer(UserAccount user) {
		return WarningViewer.of(user.principal());
	}

	private WebClient signedIn(UserAccount user, String language) {
		var web = browser().language(language);
		var response = fixtures.signInWithSecondFactor(web, user);
		assertThat(response.status()).isEqualTo(302);
		return web;
	}

}
