package org.kakehashi.vulns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kakehashi.vulns.CoordinationWorld.personalLink;
import static org.kakehashi.vulns.CoordinationWorld.subject;
import static org.kakehashi.vulns.CoordinationWorld.text;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.WebClient;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.vulns.CoordinationWorld.Multipart;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reporting without an account, over plain HTTP with a cookie-keeping client: the guest proves an e-mail address,
 * files a report with a file, gets a tracking number and a personal link by mail, and follows that one case (and
 * only it) from any browser; used, expired and made-up links answer 410; a lost link is sent again without telling
 * anyone whether the address took part; and the address step is rate-limited. Every guest-step request comes from
 * 127.0.0.1, whose budget (30 an hour) all tests of the shared context spend together, so this class keeps to a
 * dozen.
 */
class GuestFinderTests extends IntegrationTest {

	static final Pattern VERIFY_LINK = Pattern.compile("https?://[^\\s]+/public/vulns/report/verify\\?token=[A-Za-z0-9_\\-]+");
	static final Pattern TRACKING_NUMBER = Pattern.compile("id=\"tracking-number\">([^<]+)<");
	static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"[^\"]*\"|content=\"[A-Za-z0-9_\\-]{20,}\"");

	@Autowired
	Fixtures fixtures;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	CoordinationWorld world;

	@BeforeEach
	void world() {
		world = new CoordinationWorld("http://localhost:" + port, fixtures, tokens, json, MAIL);
	}

	/** A guest's filing as the test sees it. */
	record Filed(String caseId, String number, String link, String email) {
	}

	@Test
	void aGuestProvesTheirAddressFilesWithAFileAndFollowsThatCaseAloneThroughTheirLink() {
		var email = Fixtures.unique("guest") + "@finder.example";
		var guest = browser();
		assertThat(guest.get("/public/vulns/report").body()).contains("id=\"guest-form\"").doesNotContain("name=\"title\"");

		// A malformed address: told so beside the field, nothing mailed.
		var malformed = guest.post("/public/vulns/report/email", Map.of("email", "not-an-address", "name", "", "language", "ja"));
		assertThat(malformed.status()).isEqualTo(422);
		assertThat(malformed.body()).contains("id=\"email-error\"");

		var sent = guest.post("/public/vulns/report/email", Map.of("email", email, "name", "山田 太郎", "language", "en"));
		assertThat(sent.status()).isEqualTo(200);
		assertThat(sent.body()).contains("id=\"check-mail\"");
		var verification = world.mails(email);
		assertThat(verification).hasSize(1);
		var link = find(VERIFY_LINK, text(verification.get(0)));
		// The form stays closed until the link is opened.
		assertThat(guest.get("/public/vulns/report").body()).doesNotContain("name=\"title\"");
		// Opening the link only asks to confirm (a mail scanner following it spends nothing); confirming opens the form.
		var asked = guest.get(path(link));
		assertThat(asked.status()).isEqualTo(200);
		assertThat(asked.body()).contains("id=\"confirm-verification\"");
		assertThat(guest.get("/public/vulns/report").body()).doesNotContain("name=\"title\"");
		var verified = confirm(guest, link);
		assertThat(verified.status()).isEqualTo(302);
		assertThat(verified.location()).endsWith("/public/vulns/report");
		var form = guest.get("/public/vulns/report");
		assertThat(form.status()).isEqualTo(200);
		assertThat(form.body()).contains("name=\"title\"", "action=\"/public/vulns/report\"");

		// A file over the limit refuses the whole report: no case, no receipt.
		var cases = cases();
		var title = Fixtures.unique("ゲストの届出");
		var tooLarge = CoordinationWorld.postMultipart(guest, "/public/vulns/report", report(title)
			.file("files", "big.bin", new byte[256 * 1024 + 1]));
		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(cases()).isEqualTo(cases);
		assertThat(world.mails(email)).hasSize(1);

		guest.get("/public/vulns/report");
		var poc = "curl -d 'user=admin' http://target.example/login".getBytes(StandardCharsets.UTF_8);
		var filed = CoordinationWorld.postMultipart(guest, "/public/vulns/report", report(title).file("files", "poc.txt", poc));
		assertThat(filed.status()).as(filed.body()).isEqualTo(302);
		assertThat(filed.location()).matches(".*/public/vulns/cases/[0-9a-f-]{36}/receipt");
		var caseId = filed.location().replaceAll(".*/public/vulns/cases/([0-9a-f-]{36})/receipt", "$1");
		var receipt = guest.get(filed.location());
		assertThat(receipt.status()).isEqualTo(200);
		var matcher = TRACKING_NUMBER.matcher(receipt.body());
		assertThat(matcher.find()).isTrue();
		var number = matcher.group(1);
		assertThat(number).matches("VU#\\d{4}-\\d{4,}");
		assertThat(receipt.body()).contains("id=\"receipt-link-mailed\"");

		// Stored with the proven address and no account; the file with the report.
		var row = jdbc.sql("select finder_user_id, finder_email, finder_name, finder_language from vuln_case where id = :id")
			.param("id", UUID.fromString(caseId)).query((rs, n) -> new Object[] { rs.getObject(1), rs.getString(2),
					rs.getString(3), rs.getString(4) }).single();
		assertThat(row).containsExactly(null, email, "山田 太郎", "en");
		var fileId = jdbc.sql("select id from vuln_attachment where case_id = :id and message_id is null")
			.param("id", UUID.fromString(caseId)).query(UUID.class).single();

		// The receipt mail: number and personal link, never the report's text.
		var mails = world.mails(email);
		assertThat(mails).hasSize(2);
		var receiptMail = mails.get(1);
		assertThat(subject(receiptMail)).contains(number);
		assertThat(text(receiptMail)).doesNotContain("認証を回避する手順");
		var personal = personalLink(receiptMail);

		// Another browser, no account: the link opens this case, its file, and nothing else.
		var elsewhere = browser();
		var opened = elsewhere.get(path(personal));
		assertThat(opened.status()).isEqualTo(302);
		assertThat(opened.location()).endsWith("/public/vulns/cases/" + caseId);
		var page = elsewhere.get("/public/vulns/cases/" + caseId);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains(number, title, "/public/vulns/cases/" + caseId + "/files/" + fileId);
		var download = elsewhere.get("/public/vulns/cases/" + caseId + "/files/" + fileId);
		assertThat(download.status()).isEqualTo(200);
		assertThat(download.body()).isEqualTo(new String(poc, StandardCharsets.UTF_8));
		var coordinator = world.party(fixtures.organisation(OrganisationType.COORDINATOR), Role.COORDINATOR);
		var finder = world.party(fixtures.organisation(OrganisationType.OPERATOR, "GAS"), Role.REPORTER);
		var someoneElses = world.file(finder, Fixtures.unique("他人の届出"), "x", false);
		assertThat(elsewhere.get("/public/vulns/cases/" + someoneElses).status()).isEqualTo(404);
		assertThat(elsewhere.get("/public/vulns/cases/" + UUID.randomUUID()).status()).isEqualTo(404);
		// The link is no sign-in: the signed-in pages stay closed.
		assertThat(elsewhere.get("/vulns/" + caseId).status()).isEqualTo(302);
		assertThat(elsewhere.get("/vulns/" + caseId).location()).contains("/login");

		// The guest writes to the coordinators under the name they gave; the coordinator sees the case as any other.
		elsewhere.get("/public/vulns/cases/" + caseId + "/thread");
		var wrote = elsewhere.post("/public/vulns/cases/" + caseId + "/thread", Map.of("channel", "FINDER", "body", "補足です"));
		assertThat(wrote.status()).isEqualTo(302);
		var messages = coordinator.api().get("/api/v1/vuln-cases/" + caseId + "/messages");
		assertThat(messages.body()).contains("補足です", "山田 太郎", "\"authorKind\":\"FINDER\"");

		// The verification link was used up.
		var reused = browser().get(path(link));
		assertThat(reused.status()).isEqualTo(410);
		assertThat(reused.body()).contains("id=\"verification-expired\"");
	}

	@Test
	void expiredUsedAndMadeUpLinksAnswer410AndALostLinkIsSentAgainToTheRightAddressOnly() {
		var filed = fileAsGuest();

		// A verification link past its time.
		var late = Fixtures.unique("late") + "@finder.example";
		var guest = browser();
		guest.get("/public/vulns/report");
		assertThat(guest.post("/public/vulns/report/email", Map.of("email", late, "name", "", "language", "ja")).status())
			.isEqualTo(200);
		var link = find(VERIFY_LINK, text(world.mails(late).get(0)));
		jdbc.sql("update vuln_guest_verification set expires_at = :past where lower(email) = lower(:email)")
			.param("past", Timestamp.from(Instant.now().minusSeconds(60))).param("email", late).update();
		var expired = guest.get(path(link));
		assertThat(expired.status()).isEqualTo(410);
		assertThat(guest.get("/public/vulns/report").body()).doesNotContain("name=\"title\"");

		// Made-up and missing keys.
		var madeUp = browser().get("/public/vulns/access?key=" + "A".repeat(43));
		assertThat(madeUp.status()).isEqualTo(410);
		assertThat(madeUp.body()).contains("id=\"link-expired\"");
		assertThat(browser().get("/public/vulns/access?key=" + "x".repeat(500)).status()).isEqualTo(410);
		assertThat(browser().get("/public/vulns/access").status()).isEqualTo(410);

		// A personal link that expires ends the access at once, even for a session that opened it.
		var holder = browser();
		holder.get(path(filed.link()));
		assertThat(holder.get("/public/vulns/cases/" + filed.caseId()).status()).isEqualTo(200);
		jdbc.sql("update vuln_access_key set expires_at = :past where case_id = :case")
			.param("past", Timestamp.from(Instant.now().minusSeconds(60))).param("case", UUID.fromString(filed.caseId())).update();
		assertThat(holder.get("/public/vulns/cases/" + filed.caseId()).status()).isEqualTo(404);
		assertThat(browser().get(path(filed.link())).status()).isEqualTo(410);

		// A fresh link for the right number and address; the same answer, and no mail, for a wrong address or number.
		var before = world.mails(filed.email()).size();
		var asker = browser();
		asker.get("/public/vulns/access");
		var right = asker.post("/public/vulns/access", Map.of("number", filed.number(), "email", filed.email().toUpperCase()));
		assertThat(right.status()).isEqualTo(200);
		assertThat(right.body()).contains("id=\"link-resent\"");
		var mails = world.mails(filed.email());
		assertThat(mails).hasSize(before + 1);
		assertThat(subject(mails.get(before))).contains(filed.number());
		var fresh = personalLink(mails.get(before));
		assertThat(fresh).isNotEqualTo(filed.link());
		var wrongAddress = Fixtures.unique("someone") + "@finder.example";
		var wrong = asker.post("/public/vulns/access", Map.of("number", filed.number(), "email", wrongAddress));
		var wrongNumber = asker.post("/public/vulns/access", Map.of("number", "VU#1999-0001", "email", filed.email()));
		for (var answer : java.util.List.of(wrong, wrongNumber)) {
			assertThat(answer.status()).isEqualTo(right.status());
			assertThat(withoutTokens(answer.body())).isEqualTo(withoutTokens(right.body()));
		}
		assertThat(world.mails(wrongAddress)).isEmpty();
		assertThat(world.mails(filed.email())).hasSize(before + 1);

		var back = browser();
		assertThat(back.get(path(fresh)).status()).isEqualTo(302);
		assertThat(back.get("/public/vulns/cases/" + filed.caseId()).status()).isEqualTo(200);
	}

	@Test
	void theAddressStepAnswers429AfterFiveRequestsForOneAddress() {
		var email = Fixtures.unique("eager") + "@finder.example";
		var guest = browser();
		guest.get("/public/vulns/report");
		for (int i = 0; i < 5; i++) {
			var sent = guest.post("/public/vulns/report/email", Map.of("email", email, "name", "", "language", "ja"));
			assertThat(sent.status()).as("request " + (i + 1)).isEqualTo(200);
		}
		var limited = guest.post("/public/vulns/report/email", Map.of("email", email.toUpperCase(), "name", "", "language", "ja"));
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.body()).contains("id=\"too-many\"");
		assertThat(world.mails(email)).hasSize(5);
	}

	/** The whole guest path, returning the case and the personal link from the receipt mail. */
	private Filed fileAsGuest() {
		var email = Fixtures.unique("guest") + "@finder.example";
		var guest = browser();
		guest.get("/public/vulns/report");
		guest.post("/public/vulns/report/email", Map.of("email", email, "name", "", "language", "ja"));
		confirm(guest, find(VERIFY_LINK, text(world.mails(email).get(0))));
		guest.get("/public/vulns/report");
		var filed = CoordinationWorld.postMultipart(guest, "/public/vulns/report", report(Fixtures.unique("ゲスト")));
		assertThat(filed.status()).as(filed.body()).isEqualTo(302);
		var caseId = filed.location().replaceAll(".*/public/vulns/cases/([0-9a-f-]{36})/receipt", "$1");
		var number = jdbc.sql("select number from vuln_case where id = :id").param("id", UUID.fromString(caseId))
			.query(String.class).single();
		return new Filed(caseId, number, personalLink(world.mails(email).get(1)), email);
	}

	private static Multipart report(String title) {
		return new Multipart().field("kind", "PRODUCT").field("vendorName", "Foo 制御機器").field("productName", "FooSCADA")
			.field("title", title).field("description", "ログイン画面で認証を回避する手順").field("consentCredit", "true");
	}

	private long cases() {
		return jdbc.sql("select count(*) from vuln_case").query(Long.class).single();
	}

	private static String find(Pattern pattern, String text) {
		var matcher = pattern.matcher(text);
		assertThat(matcher.find()).as(pattern + " in " + text).isTrue();
		return matcher.group();
	}

	/** Confirms the address as the page's button does (a POST carrying the link's token). */
	private static WebClient.Response confirm(WebClient guest, String link) {
		return guest.submit(path(link), "/public/vulns/report/verify",
				Map.of("token", link.substring(link.indexOf("token=") + "token=".length())));
	}

	private static String path(String link) {
		return link.substring(link.indexOf("/public/"));
	}

	private static String withoutTokens(String html) {
		return CSRF.matcher(html).replaceAll("");
	}
}
