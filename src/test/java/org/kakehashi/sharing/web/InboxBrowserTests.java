package org.kakehashi.sharing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.Groups;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.reporting.ObservableType;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.sharing.internal.AudienceEntry;
import org.kakehashi.sharing.internal.AudienceKind;
import org.kakehashi.sharing.internal.ItemContent;
import org.kakehashi.sharing.internal.ItemObservable;
import org.kakehashi.sharing.internal.SharedItem;
import org.kakehashi.sharing.internal.SharedItems;
import org.kakehashi.support.Browser;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The receiving side in a real browser: every page passes axe in Japanese and English, and a publication
 * reaches an open page live (badge and toast through the event stream, no reload).
 */
@Tag("browser")
class InboxBrowserTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	SharedItems items;

	@Autowired
	Groups groups;

	@Test
	void everyInboxPagePassesAxeInBothLanguagesAndNewsArrivesLive() {
		var analyst = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.ANALYST);
		var hub = items.viewer(analyst.principal());
		var ceptoar = fixtures.organisation(OrganisationType.CEPTOAR, "RAILWAY");
		var member = fixtures.organisation(OrganisationType.OPERATOR, "RAILWAY");
		var group = groups.create(Fixtures.unique("鉄道CEPTOAR"), Groups.Kind.CEPTOAR, "RAILWAY", null, false);
		groups.addMember(group.id(), ceptoar.id(), null);
		groups.addMember(group.id(), member.id(), null);
		var staff = fixtures.user(ceptoar, Role.VIEWER);
		var toGroup = List.of(new AudienceEntry(AudienceKind.GROUP, group.id().toString()));
		var amber = publish(hub, Tlp.AMBER, "運行管理システムへの不審なアクセス", toGroup);
		var clear = publish(hub, Tlp.CLEAR, "公開された注意喚起", toGroup);
		items.withdraw(hub, clear.id(), "更新版を公開予定");
		var stillPublic = publish(hub, Tlp.CLEAR, "公開中の注意喚起", toGroup);

		for (var language : new String[] { "ja", "en" }) {
			try (var browser = Browser.open("http://localhost:" + port, language)) {
				for (var page : new String[] { "/public/shared", "/public/shared/" + stillPublic.id() }) {
					browser.go(page);
					assertThat(browser.lang()).as(page).isEqualTo(language);
				}
				signIn(browser, staff);
				for (var page : new String[] { "/sharing/inbox", "/sharing/inbox?unread=true&tlp=RED",
						"/sharing/inbox?from=2099-01-01", "/sharing/inbox/" + amber.id(), "/sharing/inbox/" + clear.id(),
						"/sharing/relay" }) {
					browser.go(page);
					assertThat(browser.lang()).as(page).isEqualTo(language);
				}

				browser.go("/sharing/inbox");
				var before = Integer.parseInt(browser.driver().findElement(By.id("inbox-unread-count")).getAttribute("textContent").strip());
				var fresh = publish(hub, Tlp.GREEN, "新着 " + language, toGroup);
				new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> d.findElement(By.id("inbox-unread-count"))
					.getAttribute("textContent").strip().equals(String.valueOf(before + 1)));
				new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> d.findElement(By.id("inbox-toast"))
					.getText().contains(fresh.number()));
				// The list reloads itself through htmx.
				new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> d.findElement(By.id("inbox"))
					.getText().contains(fresh.number()));
				browser.checked();
			}
		}
	}

	private SharedItem publish(Viewer hub, Tlp tlp, String title, List<AudienceEntry> audience) {
		var draft = items.create(hub, new ItemContent(title, "本文", "分析", "対策", "ja", tlp, List.of(), null, null,
				List.of(new ItemObservable(ObservableType.DOMAIN, "c2.example.net", ItemObservable.Role.ATTACKER)),
				audience), List.of());
		return items.publish(hub, draft.id(), null, null);
	}

	private static void signIn(Browser browser, UserAccount user) {
		browser.go("/login").type("email", user.email()).type("password", Fixtures.PASSWORD).click("sign-in");
		assertThat(browser.path()).isEqualTo("/");
	}
}
