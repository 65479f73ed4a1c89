package org.kakehashi.vulns.certification.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.WebClient;
import org.kakehashi.vulns.certification.CertificationInput;
import org.kakehashi.vulns.certification.CertificationKind;
import org.kakehashi.vulns.certification.CertificationStatus;
import org.kakehashi.vulns.certification.CertificationViewer;
import org.kakehashi.vulns.certification.Certifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The registry's pages over real HTTP: a coordinator's form answers 422 with each message beside its field in the
 * user's language and stores nothing, then registers and corrects with post/redirect/get (a stale edit is refused);
 * others read without a form; the public list and its CSV show only public records in force, without contacts.
 */
class CertificationPagesTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Certifications certifications;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aCoordinatorRegistersAndCorrectsThroughTheFormWithErrorsBesideTheFields() {
		var tag = tag();
		var coordinator = signedIn(fixtures.user(fixtures.organisation(OrganisationType.COORDINATOR), Role.COORDINATOR))
			.language("ja");
		assertThat(coordinator.get("/vulns/certifications?q=" + tag).body()).contains("id=\"certifications-no-match\"");
		assertThat(coordinator.get("/vulns").body()).contains("href=\"/vulns/certifications\"");
		var page = coordinator.get("/vulns/certifications/new");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<option value=\"IEC 62443-4-2\">", "<option value=\"SL 2\">");

		var before = count();
		var form = form(tag + "-1");
		form.put("certificateNumber", "");
		form.put("validFrom", "2025-13-01");
		form.put("validTo", "2024-01-01");
		form.put("contactEmail", "renewals");
		var refused = coordinator.post("/vulns/certifications", form);
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.body()).contains("id=\"certificateNumber-error\">必須です。",
				"id=\"validFrom-error\">日付（yyyy-mm-dd）ではありません。",
				"id=\"contactEmail-error\">メールアドレスではありません。",
				"aria-describedby=\"certificateNumber-error\"", "以下の項目を修正してください。")
			// What was typed stays in the form.
			.contains("value=\"" + form.get("subjectName") + "\"");
		// The end date is only compared with a start date that is one.
		assertThat(refused.body()).doesNotContain("id=\"validTo-error\"");
		form.put("validFrom", "2025-01-01");
		var period = coordinator.post("/vulns/certifications", form);
		assertThat(period.body()).contains("id=\"validTo-error\">有効期限は有効期間の開始日以降の日付にしてください。");
		assertThat(count()).isEqualTo(before);

		var registered = coordinator.post("/vulns/certifications", form(tag + "-1"));
		assertThat(registered.status()).isEqualTo(302);
		assertThat(registered.location()).matches(".*/vulns/certifications/[0-9a-f-]{36}");
		var detail = coordinator.get(registered.location());
		assertThat(detail.body()).contains("認証を登録しました。", tag + "-1", "制御機器の認証", "renewals@towa.example",
				"id=\"edit-certification\"");
		var id = registered.location().substring(registered.location().lastIndexOf('/') + 1);

		var edit = coordinator.get("/vulns/certifications/" + id + "/edit");
		assertThat(edit.status()).isEqualTo(200);
		assertThat(edit.body()).contains("name=\"revision\" value=\"1\"");
		var renewal = form(tag + "-1");
		renewal.put("validTo", LocalDate.now().plusYears(5).toString());
		renewal.put("revision", "1");
		assertThat(coordinator.post("/vulns/certifications/" + id, renewal).status()).isEqualTo(302);
		// Saved again from the page opened before that change: refused, said above the form.
		renewal.put("status", "WITHDRAWN");
		var stale = coordinator.post("/vulns/certifications/" + id, renewal);
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.body()).contains("開いた後に他の人がこの認証を変更しました。");
		assertThat(jdbc.sql("select status || ' ' || revision from vuln_certification where id = :id")
			.param("id", UUID.fromString(id)).query(String.class).single()).isEqualTo("VALID 2");

		// A number the body has already used is refused beside the number.
		var again = coordinator.post("/vulns/certifications", form(tag + "-1"));
		assertThat(again.status()).isEqualTo(422);
		assertThat(again.body()).contains("id=\"certificateNumber-error\">この認証機関の同じ認証番号が既に登録されています。");
		assertThat(coordinator.get("/vulns/certifications?q=" + tag + "&status=lapsed").status()).isEqualTo(400);
	}

	@Test
	void othersReadTheirOwnAndThePublicRecordsWithoutAForm() {
		var tag = tag();
		var keeper = CertificationViewer.of(fixtures.user(fixtures.organisation(OrganisationType.COORDINATOR),
				Role.COORDINATOR).principal());
		var holder = fixtures.organisation(OrganisationType.VENDOR);
		var own = certifications.register(keeper, input(tag + "-OWN", holder.id(), false, CertificationStatus.VALID)).id();
		var hidden = certifications.register(keeper, input(tag + "-HID", null, false, CertificationStatus.VALID)).id();
		var listed = certifications.register(keeper, input(tag + "-PUB", null, true, CertificationStatus.VALID)).id();

		var member = signedIn(fixtures.user(holder, Role.VIEWER)).language("en");
		var list = member.get("/vulns/certifications?q=" + tag);
		assertThat(list.body()).contains(tag + "-OWN", tag + "-PUB", "Your organisation").doesNotContain(tag + "-HID",
				"id=\"new-certification\"");
		var ownPage = member.get("/vulns/certifications/" + own);
		assertThat(ownPage.status()).isEqualTo(200);
		assertThat(ownPage.body()).contains("renewals@towa.example").doesNotContain("id=\"edit-certification\"",
				"Expiry reminders");
		assertThat(member.get("/vulns/certifications/" + hidden).status()).isEqualTo(404);
		assertThat(member.get("/vulns/certifications/" + listed).body()).doesNotContain("renewals@towa.example");
		assertThat(member.get("/vulns/certifications/new").status()).isEqualTo(403);
		assertThat(member.get("/vulns/certifications/" + own + "/edit").status()).isEqualTo(403);
		member.get("/vulns/certifications");
		assertThat(member.post("/vulns/certifications", form(tag + "-NEW")).status()).isEqualTo(403);
		assertThat(member.post("/vulns/certifications/" + own, form(tag + "-OWN")).status()).isEqualTo(403);
		assertThat(member.post("/vulns/certifications/" + hidden, form(tag + "-HID")).status()).isEqualTo(404);
	}

	@Test
	void thePublicListAndItsCsvShowOnlyPublicRecordsInForceWithoutContacts() throws Exception {
		var tag = tag();
		var keeper = CertificationViewer.of(fixtures.user(fixtures.organisation(OrganisationType.COORDINATOR),
				Role.COORDINATOR).principal());
		certifications.register(keeper, input(tag + "-PUB", null, true, CertificationStatus.VALID));
		certifications.register(keeper, input(tag + "-SUS", null, true, CertificationStatus.SUSPENDED));
		certifications.register(keeper, input(tag + "-WDR", null, true, CertificationStatus.WITHDRAWN));
		certifications.register(keeper, input(tag + "-HID", null, false, CertificationStatus.VALID));
		var formula = new CertificationInput(CertificationKind.CSMS, tag + "-CSV", "JIPDEC", "=HYPERLINK(\"http://x\")",
				null, "制御部門, 本社", "", "IEC 62443-2-1", "", LocalDate.now().minusDays(10), LocalDate.now().plusYears(1),
				CertificationStatus.VALID, true, "secret@towa.example", "");
		certifications.register(keeper, formula);

		var anonymous = browser().language("ja");
		var page = anonymous.get("/public/certifications?q=" + tag);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("制御機器・制御システム・CSMS の認証取得一覧", tag + "-PUB", tag + "-SUS", "一時停止",
				tag + "-CSV").doesNotContain(tag + "-WDR", tag + "-HID", "renewals@", "secret@");
		assertThat(anonymous.get("/public/certifications?q=" + tag + "&kind=CSMS").body()).contains(tag + "-CSV")
			.doesNotContain(tag + "-PUB");
		assertThat(anonymous.get("/public/certifications?q=" + tag + "-nothing").body()).contains("id=\"public-no-match\"");
		assertThat(anonymous.get("/public/certifications?kind=SATELLITE").status()).isEqualTo(400);

		var csv = anonymous.get("/public/certifications.csv?q=" + URLEncoder.encode(tag, StandardCharsets.UTF_8));
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.headers().get("content-type")).startsWith("text/csv");
		assertThat(csv.headers().get("content-disposition")).startsWith("attachment");
		assertThat(csv.body()).startsWith("\uFEFF認証番号,種別,認証取得者,");
		assertThat(csv.body()).contains(tag + "-PUB", tag + "-SUS,", "一時停止", "'=HYPERLINK(\"\"http://x\"\")",
				"\"制御部門, 本社\"", "CSMS適合性評価").doesNotContain(tag + "-WDR", tag + "-HID", "secret@");
		assertThat(csv.body().lines().count()).isEqualTo(4);
		var english = browser().language("en").get("/public/certifications.csv?q=" + tag);
		assertThat(english.body()).startsWith("\uFEFFCertificate number,Kind,Holder,").contains("Suspended");
	}

	WebClient signedIn(UserAccount user) {
		var client = browser();
		var signIn = fixtures.signInWithSecondFactor(client, user);
		assertThat(signIn.status()).isEqualTo(302);
		return client;
	}

	long count() {
		return jdbc.sql("select count(*) from vuln_certification").query(Long.class).single();
	}

	static String tag() {
		return "W" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
	}

	static Map<String, String> form(String number) {
		var form = new LinkedHashMap<String, String>();
		form.put("kind", "DEVICE_CERTIFICATION");
		form.put("certificateNumber", number);
		form.put("issuer", "CSSC-CL");
		form.put("holderName", "東和制御システム株式会社");
		form.put("holderOrganisationId", "");
		form.put("subjectName", "TC-7000 コントローラ");
		form.put("subjectVersion", "FW 4.2");
		form.put("standard", "IEC 62443-4-2");
		form.put("level", "SL 2");
		form.put("validFrom", LocalDate.now().minusYears(1).toString());
		form.put("validTo", LocalDate.now().plusYears(2).toString());
		form.put("status", "VALID");
		form.put("publiclyListed", "true");
		form.put("contactEmail", "renewals@towa.example");
		form.put("notes", "");
		return form;
	}

	static CertificationInput input(String number, UUID holder, boolean listed, CertificationStatus status) {
		return new CertificationInput(CertificationKind.DEVICE_CERTIFICATION, number, "CSSC-CL",
				holder == null ? "東和制御システム株式会社" : "", holder, "TC-7000 コントローラ", "FW 4.2", "IEC 62443-4-2", "SL 2",
				LocalDate.now().minusYears(1), LocalDate.now().plusYears(2), status, listed, "renewals@towa.example", "");
	}
}
