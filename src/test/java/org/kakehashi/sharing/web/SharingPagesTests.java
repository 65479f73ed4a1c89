package org.kakehashi.sharing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.Organisations;
import org.kakehashi.identity.internal.UserAccount;
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
 * The hub's and the source's pages over real HTTP: an item made from a report on its page, redaction
 * suggestions accepted in the editor, a refused publication explained beside its field, the source's review,
 * and every page refused to whoever has no business there.
 */
class SharingPagesTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	ReportFixtures reports;

	@Autowired
	Organisations organisations;

	@Autowired
	JdbcClient jdbc;

	Organisation source;
	UserAccount sourceReporter;
	UserAccount hubAnalyst;
	UUID reportId;

	@BeforeEach
	void world() {
		source = organisations.create(new Organisations.Draft(Fixtures.unique("北陸送電"), null, OrganisationType.OPERATOR,
				Organisation.SizeClass.LARGE, Fixtures.unique("県"), false, List.of("ELECTRICITY")));
		sourceReporter = fixtures.user(source, Role.REPORTER);
		hubAnalyst = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.ANALYST);
		reportId = reports.submitted(sourceReporter, ReportKind.INCIDENT, source.name() + " の制御系で不審通信",
				Instant.now().minus(1, ChronoUnit.HOURS), new Observable(ObservableType.IPV4, "10.20.30.40"),
				new Observable(ObservableType.DOMAIN, "evil.example.net")).id();
	}

	@Test
	void hubMakesAnItemFromTheReportPageAndAcceptsTheSuggestedRedactions() {
		var hub = signedIn(hubAnalyst);
		var report = hub.get("/reports/" + reportId);
		assertThat(report.body()).contains("id=\"share-report\"");

		var created = hub.post("/sharing/items", Map.of("reportId", reportId.toString()));
		assertThat(created.status()).isEqualTo(302);
		assertThat(created.location()).matches(".*/sharing/items/[0-9a-f-]+/edit");
		var editPath = path(created.location());
		var id = editPath.split("/")[3];

		var editor = hub.get(editPath);
		assertThat(editor.status()).isEqualTo(200);
		// The original beside the draft, and the source's name suggested for redaction in the title.
		assertThat(editor.body()).contains("id=\"original\"", "id=\"redactions-title\"", source.name());
		assertThat(editor.body()).contains("[ORG-1]");

		var accepted = hub.post("/sharing/items/" + id + "/redactions",
				Map.of("field", "title", "all", "true", "basedOnRevision", revision(editor.body())));
		assertThat(accepted.status()).isEqualTo(302);
		var title = jdbc.sql("select title from shared_item where id = :id").param("id", UUID.fromString(id))
			.query(String.class).single();
		assertThat(title).doesNotContain(source.name()).contains("[ORG-1]");
		assertThat(jdbc.sql("select count(*) from shared_item_redaction where item_id = :id and decision = 'ACCEPTED'")
			.param("id", UUID.fromString(id)).query(Integer.class).single()).isPositive();

		// A save with a mistake keeps what was typed and names the field.
		editor = hub.get(editPath);
		var form = new HashMap<>(Map.of("basedOnRevision", revision(editor.body()), "title", "",
				"body", "重要インフラ事業者の制御系で不審通信", "language", "ja", "tlp", "AMBER",
				"audienceSectors", "ELECTRICITY", "observables[0].type", "IPV4", "observables[0].value", "999.1.1.1",
				"observables[0].role", "ATTACKER"));
		var rejected = hub.post("/sharing/items/" + id, form);
		assertThat(rejected.status()).isEqualTo(422);
		assertThat(rejected.body()).contains("id=\"title-error\"", "observables0.value-error", "999.1.1.1",
				"重要インフラ事業者の制御系で不審通信");

		form.put("title", "制御系で不審通信");
		form.put("observables[0].value", "198.51.100.9");
		var saved = hub.post("/sharing/items/" + id, form);
		assertThat(saved.status()).as(saved.body()).isEqualTo(302);

		// Publishing before the source approved: refused, the reason asked for beside its field.
		hub.get("/sharing/items/" + id);
		var early = hub.post("/sharing/items/" + id + "/publication", Map.of());
		assertThat(early.status()).isEqualTo(409);
		assertThat(early.body()).contains("id=\"approvalOverrideReason-error\"");

		assertThat(hub.post("/sharing/items/" + id + "/approval-requests", Map.of()).status()).isEqualTo(302);

		var reporter = signedIn(sourceReporter);
		assertThat(reporter.get("/sharing").body()).contains(id);
		var review = reporter.get("/sharing/items/" + id);
		assertThat(review.status()).isEqualTo(200);
		assertThat(review.body()).contains("制御系で不審通信", "id=\"approve\"").doesNotContain("id=\"original\"");
		var noComment = reporter.post("/sharing/items/" + id + "/change-requests", Map.of("revision", "3", "comment", " "));
		assertThat(noComment.status()).isEqualTo(400);
		assertThat(noComment.body()).contains("id=\"comment-error\"");
		var approved = reporter.post("/sharing/items/" + id + "/approval", Map.of("revision", "3"));
		assertThat(approved.status()).as(approved.body()).isEqualTo(302);
		assertThat(hub.get("/sharing/items/" + id).body()).contains("id=\"item-approved\"");

		// Once published, the source still sees what went out from its report (not as a read of a recipient).
		assertThat(hub.post("/sharing/items/" + id + "/publication", Map.of("guardOverrideReason", "test")).status())
			.isEqualTo(302);
		var afterwards = reporter.get("/sharing/items/" + id);
		assertThat(afterwards.status()).isEqualTo(200);
		assertThat(afterwards.body()).contains("id=\"source-published\"").doesNotContain("id=\"approve\"");

		// Withdrawing needs a reason, which recipients see.
		hub.get("/sharing/items/" + id);
		var noReason = hub.post("/sharing/items/" + id + "/withdrawal", Map.of("reason", ""));
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.body()).contains("id=\"reason-error\"");
		assertThat(hub.post("/sharing/items/" + id + "/withdrawal", Map.of("reason", "誤りがあったため")).status())
			.isEqualTo(302);
		assertThat(hub.get("/sharing/items/" + id).body()).contains("id=\"withdrawn\"", "誤りがあったため");
	}

	@Test
	void theHubAcceptsSomeSuggestionsRejectsTheRestAndNamesItsAudience() {
		var hub = signedIn(hubAnalyst);
		var editPath = path(hub.post("/sharing/items", Map.of("reportId", reportId.toString())).location());
		var id = UUID.fromString(editPath.split("/")[3]);
		var editor = hub.get(editPath).body();
		assertThat(hub.post("/sharing/items/" + id, Map.of("basedOnRevision", revision(editor), "title", "不審通信",
				"language", "ja", "tlp", "AMBER", "body", source.name() + "の担当 花子が 10.20.30.40 の通信を確認。",
				"observables[0].type", "IPV4", "observables[0].value", "10.20.30.40", "observables[0].role", "SOURCE"))
			.status()).isEqualTo(302);
		editor = hub.get(editPath).body();
		var bodyForm = editor.substring(editor.indexOf("id=\"redactions-body\""));
		bodyForm = bodyForm.substring(0, bodyForm.indexOf("</form>"));
		var ids = Pattern.compile("name=\"accept\" value=\"([^\"]+)\"").matcher(bodyForm).results()
			.map(m -> m.group(1)).toList();
		assertThat(ids).hasSizeGreaterThan(1);
		var response = hub.send(java.net.http.HttpRequest.newBuilder(hub.uri("/sharing/items/" + id + "/redactions"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("field=body&basedOnRevision=" + revision(editor)
					+ "&accept=" + ids.get(0) + "&_csrf=" + hub.csrf())));
		assertThat(response.status()).isEqualTo(302);
		assertThat(jdbc.sql("select decision from shared_item_redaction where item_id = :id order by decision")
			.param("id", id).query(String.class).list())
			.containsOnlyOnce("ACCEPTED").contains("REJECTED").hasSize(ids.size());

		// Keeping every suggestion of a field is no edit: the revision stands.
		editor = hub.get(editPath).body();
		var before = revision(editor);
		assertThat(hub.post("/sharing/items/" + id + "/redactions", Map.of("field", "body", "basedOnRevision", before))
			.status()).isEqualTo(302);
		assertThat(revision(hub.get(editPath).body())).isEqualTo(before);

		// The audience: an organisation found by name, and for TLP:RED a person by e-mail address.
		var found = hub.get("/sharing/organisations?q=" + java.net.URLEncoder.encode(source.name().substring(0, 4),
				java.nio.charset.StandardCharsets.UTF_8));
		assertThat(found.status()).isEqualTo(200);
		assertThat(found.body()).contains(source.id().toString());
		editor = hub.get(editPath).body();
		var saved = hub.post("/sharing/items/" + id, Map.of("basedOnRevision", revision(editor), "title", "不審通信",
				"language", "ja", "tlp", "AMBER", "audienceOrganisations", source.id().toString()));
		assertThat(saved.status()).isEqualTo(302);
		assertThat(hub.get(editPath).body()).contains("audience-org-" + source.id());

		editor = hub.get(editPath).body();
		var red = hub.post("/sharing/items/" + id, Map.of("basedOnRevision", revision(editor), "title", "不審通信",
				"language", "ja", "tlp", "RED", "audienceUsers", sourceReporter.email().toUpperCase()));
		assertThat(red.status()).as(red.body()).isEqualTo(302);
		assertThat(hub.get(editPath).body()).contains(sourceReporter.email().toLowerCase());
		// A stale revision is refused and says why.
		var stale = hub.post("/sharing/items/" + id, Map.of("basedOnRevision", "1", "title", "x", "language", "ja",
				"tlp", "AMBER"));
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.body()).contains("id=\"form-errors\"");
	}

	@Test
	void pagesAreRefusedToWhoeverHasNoBusinessThere() {
		var hub = signedIn(hubAnalyst);
		var id = path(hub.post("/sharing/items", Map.of("reportId", reportId.toString())).location()).split("/")[3];

		var viewer = signedIn(fixtures.user(source, Role.VIEWER));
		assertThat(viewer.get("/sharing").status()).isEqualTo(403);
		assertThat(viewer.get("/sharing/items/" + id).status()).isEqualTo(404);

		var reporter = signedIn(sourceReporter);
		assertThat(reporter.get("/sharing").status()).isEqualTo(200);
		assertThat(reporter.get("/sharing/new").status()).isEqualTo(403);
		assertThat(reporter.post("/sharing/items", Map.of("title", "x")).status()).isEqualTo(403);
		assertThat(reporter.get("/sharing/organisations?q=a").status()).isEqualTo(403);
		// A draft is the hub's alone, even for the source.
		assertThat(reporter.get("/sharing/items/" + id).status()).isEqualTo(404);
		assertThat(reporter.get("/sharing/items/" + id + "/edit").status()).isEqualTo(404);
		assertThat(reporter.post("/sharing/items/" + id + "/approval", Map.of("revision", "1")).status()).isEqualTo(404);

		var otherHub = signedIn(fixtures.user(fixtures.organisation(OrganisationType.INFORMATION_HUB), Role.ANALYST));
		assertThat(otherHub.get("/sharing/items/" + id).status()).isEqualTo(404);
		assertThat(otherHub.get("/sharing/items/" + id + "/edit").status()).isEqualTo(404);
		assertThat(otherHub.post("/sharing/items/" + id + "/publication", Map.of("approvalOverrideReason", "x"))
			.status()).isEqualTo(404);
		assertThat(otherHub.get("/reports/" + reportId).body()).doesNotContain("share-report");
	}

	@Test
	void anItemFromScratchNeedsATitleAndKeepsWhatWasTyped() {
		var hub = signedIn(hubAnalyst);
		hub.get("/sharing/new");
		var blank = hub.post("/sharing/items", Map.of("title", " ", "language", "en", "tlp", "GREEN"));
		assertThat(blank.status()).as(blank.body()).isEqualTo(422);
		assertThat(blank.body()).contains("id=\"title-error\"", "value=\"GREEN\" checked");
		var created = hub.post("/sharing/items", Map.of("title", "Phishing wave", "language", "en", "tlp", "GREEN"));
		assertThat(created.status()).isEqualTo(302);
	}

	private WebClient signedIn(UserAccount user) {
		var client = browser();
		fixtures.signInWithSecondFactor(client, user);
		return client;
	}

	private static String path(String location) {
		return location.replaceFirst("^https?://[^/]+", "");
	}

	private static String revision(String page) {
		var m = Pattern.compile("name=\"basedOnRevision\" value=\"(\\d+)\"").matcher(page);
		assertThat(m.find()).isTrue();
		return m.group(1);
	}
}
