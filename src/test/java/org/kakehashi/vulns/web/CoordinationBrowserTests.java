package org.kakehashi.vulns.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.support.Browser;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.TotpCodes;
import org.kakehashi.support.VulnsFixtures;
import org.kakehashi.vulns.ClockedVulnsTest;
import org.kakehashi.vulns.publication.AdvisoryPublication;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole coordination in real browsers, with the platform's clock in the test's hand: a guest finder reports in
 * Japanese (address verified by mail, a proof-of-concept file attached) → the coordinator accepts in English, adds
 * a vendor to the directory and invites two → the vendor with an account answers "affected, fixed in 3.3" in its
 * browser, the other stays silent → the coordinator describes the vulnerability, writes the advisory and agrees the
 * publication → nothing is public under embargo → when the clock reaches the agreed moment the advisory is
 * published: its page shows the fix and the silent vendor as unknown, and the CSAF and CVE documents download.
 * Every page passes axe.
 */
@Tag("browser")
class CoordinationBrowserTests extends ClockedVulnsTest {

	private static final Pattern LINK = Pattern.compile("https?://\\S+");

	@Autowired
	VulnsFixtures world;

	@Autowired
	Users users;

	@Autowired
	AdvisoryPublication publication;

	@Autowired
	JsonMapper json;

	@Test
	void aGuestReportBecomesAPublishedAdvisoryAtTheAgreedMoment() throws Exception {
		var base = "http://localhost:" + port;
		var coordinator = world.coordinator();
		var secret = TotpCodes.newSecret();
		users.startTotpEnrolment(coordinator.id(), secret);
		users.enableTotp(coordinator.id(), 0);
		var fixer = world.vendorWithAccount(coordinator, Fixtures.unique("Foo 制御機器"));
		var guest = Fixtures.unique("finder") + "@researcher.example";
		var silentDesk = Fixtures.unique("desk") + "@silent.example";
		var silentName = Fixtures.unique("Silent Corp");
		var title = Fixtures.unique("FooSCADA 認証回避");
		var poc = Files.createTempFile("poc", ".txt");
		Files.writeString(poc, "curl -X POST http://target/admin --data 'bypass=1'");

		String number;
		String caseId;
		try (var browser = Browser.open(base, "ja")) {
			browser.go("/public/vulns/report");
			browser.type("email", guest).type("name", "山田 花子").click("send-verification");
			assertThat(browser.text("check-mail")).contains(guest);
			browser.go(link(last(guest), "/public/vulns/report/verify"));
			assertThat(browser.text("confirm-address")).contains(guest);
			browser.click("confirm-verification");
			assertThat(browser.text("reporting-as")).contains(guest);
			browser.click("submit-report");
			assertThat(browser.text("title-error")).isEqualTo("必須です。");
			browser.find(By.id("kind-PRODUCT")).click();
			browser.find(By.id("ics")).click();
			browser.type("vendorName", "Foo 制御機器").type("productName", "FooSCADA").type("versions", "3.2 以前")
				.type("title", title).type("description", "ログイン画面で認証を回避できる。")
				.type("suggestedCvss", VulnsFixtures.CVSS31);
			browser.find(By.id("files")).sendKeys(poc.toString());
			browser.find(By.id("consentCredit")).click();
			browser.find(By.id("consentShareWithVendor")).click();
			browser.click("submit-report");
			number = browser.text("tracking-number");
			assertThat(number).matches("VU#\\d{4}-\\d{4,}");
			assertThat(browser.text("receipt-link-mailed")).isNotBlank();
			browser.click("open-case");
			caseId = browser.path().replaceAll(".*/cases/([^/?#]+).*", "$1");
			assertThat(browser.text("case-status")).isEqualTo("受付");
			assertThat(browser.text("report-files")).contains(poc.getFileName().toString());
		}
		// The receipt mail's personal link opens the case in another browser, without an account.
		var receipt = last(guest);
		assertThat(receipt.getSubject()).contains(number);

		try (var browser = Browser.open(base, "en")) {
			signIn(browser, coordinator, secret);
			browser.go("/vulns?status=RECEIVED");
			browser.find(By.linkText(number)).click();
			browser.checked();
			assertThat(browser.text("case-finder")).contains(guest);
			move(browser, "CHECKING");
			move(browser, "ACCEPTED");
			assertThat(browser.text("case-status")).isEqualTo("Accepted");
			// A vendor not yet in the directory is added there first.
			browser.go("/vulns/vendors/new");
			browser.type("name", silentName).type("contact-email-0", silentDesk).click("save-vendor");
			assertThat(browser.text("vendor-name")).isEqualTo(silentName);
			invite(browser, caseId, fixer.entry().name(), "FooSCADA");
			invite(browser, caseId, silentName, "Silent HMI");
			browser.go("/vulns/" + caseId);
			assertThat(browser.text("case-status")).isEqualTo("Vendor contacted");
			assertThat(browser.text("vendor-counts")).startsWith("2 invited, 0 answered");
		}
		assertThat(String.valueOf(last(silentDesk).getContent())).contains("/public/vulns/access?key=");

		try (var browser = Browser.open(base, "ja")) {
			browser.go("/login").type("email", fixer.psirt().email()).type("password", Fixtures.PASSWORD).click("sign-in");
			// The start page says a case waits for the vendor's answer.
			browser.go("/");
			assertThat(browser.text("card-vulns-awaiting")).isEqualTo("回答待ちの脆弱性案件 1 件");
			browser.go("/vulns");
			browser.find(By.linkText(number)).click();
			browser.checked();
			assertThat(browser.text("you-are-vendor")).isEqualTo("製品開発者として参加しています");
			browser.click("tab-own-" + fixer.entry().id());
			browser.find(By.id("status-1-AFFECTED")).click();
			browser.type("affected-1", "3.2").type("fixed-1", "3.3").type("statement-1", "3.3 で修正しました。");
			browser.click("save-status-1");
			assertThat(browser.text("status-1")).isEqualTo("影響あり");
			// The vendor sees itself, not the other vendor.
			assertThat(browser.page()).doesNotContain(silentName);
		}

		var cve = "CVE-2026-" + (30000 + (int) (Math.random() * 60000));
		try (var browser = Browser.open(base, "en")) {
			signIn(browser, coordinator, secret);
			browser.go("/vulns/" + caseId + "/vendors");
			assertThat(browser.text("count-1-AFFECTED")).isEqualTo("1");
			assertThat(browser.text("count-1-UNKNOWN")).isEqualTo("1");
			browser.go("/vulns/" + caseId);
			browser.click("edit-vulnerability-1");
			browser.type("cveId", cve).type("cweId", "CWE-287").type("titleJa", "FooSCADA における認証回避")
				.type("titleEn", "Authentication bypass in FooSCADA")
				.type("descriptionEn", "The FooSCADA administration screen allows authentication bypass.")
				.click("save-vulnerability");
			browser.click("tab-advisory");
			assertThat(browser.text("missing")).contains("Japanese summary");
			browser.type("titleJa", "FooSCADA における認証回避の脆弱性").type("titleEn", "Authentication bypass in FooSCADA")
				.type("summaryJa", "FooSCADA には認証回避の脆弱性が存在します。")
				.type("summaryEn", "FooSCADA contains an authentication bypass vulnerability.")
				.type("solutionJa", "修正版へアップデートしてください。").type("solutionEn", "Update to the fixed version.")
				.click("save-advisory");
			assertThat(browser.text("ready")).isEqualTo("Ready for publication.");
			assertThat(browser.find(By.id("credit")).getAttribute("value")).isEqualTo("山田 花子");
			browser.click("preview-advisory");
			assertThat(browser.text("preview-banner")).contains("Preview");
			var agreed = clock.instant().plus(Duration.ofHours(1)).atZone(ZoneId.of("Asia/Tokyo")).toLocalDateTime()
				.withSecond(0).withNano(0);
			browser.go("/vulns/" + caseId);
			browser.find(By.id("to-DATE_AGREED")).click();
			((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1]",
					browser.find(By.id("publicationAt")), agreed.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm")));
			browser.click("move-case");
			assertThat(browser.text("embargo")).contains(agreed.format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm")) + " (Asia/Tokyo)");
			browser.click("tab-advisory");
			assertThat(browser.text("state-scheduled")).contains("(Asia/Tokyo)");
			assertThat(browser.page()).doesNotContain("id=\"publish-now\"");
		}

		try (var browser = Browser.open(base, "ja")) {
			// Under embargo nothing is public.
			browser.go("/public/advisories?q=" + cve);
			assertThat(browser.page()).doesNotContain(number);
			clock.advance(Duration.ofHours(1).plusMinutes(1));
			assertThat(publication.publishDue()).hasSize(1);
			browser.go("/public/advisories");
			browser.find(By.linkText(number)).click();
			browser.checked();
			assertThat(browser.text("advisory-title")).isEqualTo("FooSCADA における認証回避の脆弱性");
			var vendors = browser.text("advisory-vendors");
			assertThat(vendors).contains("FooSCADA", "影響あり", "修正済み: 3.3", "Silent HMI", "不明（回答なし）");
			assertThat(browser.text("advisory-credit")).contains("山田 花子");
			var csafUrl = browser.find(By.id("csaf-link")).getAttribute("href");
			var cveUrl = browser.find(By.id("cve-link-1")).getAttribute("href");
			var anonymous = api(null);
			var csaf = json.readTree(anonymous.get(csafUrl.substring(base.length())).body());
			assertThat(csaf.at("/document/category").asString()).isEqualTo("csaf_security_advisory");
			assertThat(csaf.at("/document/tracking/id").asString()).isEqualTo(number);
			assertThat(csaf.at("/vulnerabilities/0/cve").asString()).isEqualTo(cve);
			var record = json.readTree(anonymous.get(cveUrl.substring(base.length())).body());
			assertThat(record.at("/cveMetadata/cveId").asString()).isEqualTo(cve);
			assertThat(record.at("/dataVersion").asString()).isEqualTo("5.1");
			if (System.getProperty("kakehashi.testdata") != null) {
				assertThat(org.kakehashi.conformance.AdvisoryDocuments.csafErrors(csaf)).isEmpty();
				assertThat(org.kakehashi.conformance.AdvisoryDocuments.cveErrors(record)).isEmpty();
			}
		}
		// The guest hears that the advisory is out.
		assertThat(String.valueOf(last(guest).getContent())).contains("/public/advisories/");
	}

	/**
	 * The pages the main flow does not pass through, in both languages, each checked by axe: the thread with a message
	 * and its channel marked, the committee with an error beside its field and then a decision, contact attempts and
	 * the unreachable listing, the directory, the public unreachable list and an expired personal link.
	 */
	@Test
	void theOtherCoordinationPagesInBothLanguages() throws Exception {
		var base = "http://localhost:" + port;
		var coordinator = world.coordinator();
		var secret = TotpCodes.newSecret();
		users.startTotpEnrolment(coordinator.id(), secret);
		users.enableTotp(coordinator.id(), 0);
		var vendorName = Fixtures.unique("Gone Corp");
		var vendor = world.vendorWithoutAccount(coordinator, vendorName, Fixtures.unique("gone") + "@gone.example");
		var filed = world.fileProductCase(world.finder(), Fixtures.unique("Unreachable"));
		world.accept(coordinator, filed.id());
		world.invite(coordinator, filed.id(), vendor.id(), "Gone HMI");
		for (var language : new String[] { "en", "ja" }) {
			try (var browser = Browser.open(base, language)) {
				signIn(browser, coordinator, secret);
				browser.go("/vulns/" + filed.id() + "/thread");
				browser.find(By.id("channel-VENDOR")).click();
				browser.select("vendorId", vendor.id().toString());
				browser.type("body", "Please confirm receipt (" + language + ").").click("post-message");
				assertThat(browser.text("latest")).contains("Please confirm receipt (" + language + ")", vendorName);
				browser.go("/vulns/" + filed.id() + "/vendors/" + vendor.id());
				browser.select("channel", "PHONE").type("note", "No answer (" + language + ")").click("record-attempt");
				assertThat(browser.text("attempt-table")).contains("No answer (" + language + ")");
				browser.go("/vulns/" + filed.id() + "/committee");
				browser.click("record-decision");
				assertThat(browser.find(By.id("members-error")).isDisplayed()).isTrue();
				browser.go("/vulns/vendors");
				browser.type("q", vendorName).click("search-vendors");
				browser.find(By.linkText(vendorName)).click();
				browser.checked();
				assertThat(browser.text("vendor-name")).isEqualTo(vendorName);
			}
		}
		try (var browser = Browser.open(base, "en")) {
			signIn(browser, coordinator, secret);
			browser.go("/vulns/" + filed.id() + "/vendors/" + vendor.id());
			browser.click("mark-unreachable");
			assertThat(browser.text("vendor-unreachable")).isEqualTo("unreachable");
			browser.go("/vulns/" + filed.id() + "/committee");
			assertThat(browser.text("blocker-vulns.blocker.committee")).isNotBlank();
			browser.type("members", "Member A\nMember B");
			((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1]",
					browser.find(By.id("decidedOn")), world.today().toString());
			browser.find(By.id("decision-PUBLISH_WITHOUT_VENDOR")).click();
			browser.click("record-decision");
			assertThat(browser.text("decisions")).contains("Member A, Member B", "Publish without the vendor");
		}
		for (var language : new String[] { "ja", "en" }) {
			try (var browser = Browser.open(base, language)) {
				browser.go("/public/vulns/unreachable");
				assertThat(browser.text("unreachable-list")).contains(vendorName, "Gone HMI").doesNotContain(filed.number());
				browser.go("/public/vulns/access?key=expired-or-made-up");
				assertThat(browser.find(By.id("link-expired")).isDisplayed()).isTrue();
				browser.go("/public/advisories");
			}
		}
	}

	/**
	 * The platform's clock stands still here, and a code is accepted once: each sign-in moves it on by a TOTP step and
	 * answers with the code of that step.
	 */
	private void signIn(Browser browser, UserAccount user, String secret) {
		clock.advance(Duration.ofSeconds(30));
		browser.go("/login").type("email", user.email()).type("password", Fixtures.PASSWORD).click("sign-in");
		browser.type("code", TotpCodes.code(secret, TotpCodes.step(clock.instant()))).click("verify-code");
	}

	private static void move(Browser browser, String to) {
		browser.find(By.id("to-" + to)).click();
		browser.click("move-case");
	}

	private static void invite(Browser browser, String caseId, String vendorName, String product) {
		browser.go("/vulns/" + caseId + "/vendors");
		browser.type("find", vendorName).click("find-vendor");
		var row = browser.find(By.xpath("//table[@id='invite-matches']//tr[td/span[text()='" + vendorName + "']]"));
		var field = row.findElement(By.cssSelector("input[name=productName]"));
		field.clear();
		field.sendKeys(product);
		row.findElement(By.cssSelector("button[type=submit]")).click();
		browser.checked();
	}

	private static MimeMessage last(String address) {
		var messages = MAIL.getReceivedMessagesForDomain(address);
		assertThat(messages).as("mail to " + address).isNotEmpty();
		return Arrays.stream(messages).reduce((a, b) -> b).orElseThrow();
	}

	private static String link(MimeMessage message, String path) throws Exception {
		var matcher = LINK.matcher(String.valueOf(message.getContent()));
		while (matcher.find()) {
			if (matcher.group().contains(path)) {
				return matcher.group().replaceFirst("https?://[^/]+", "");
			}
		}
		throw new AssertionError("no link to " + path + " in the mail");
	}
}
