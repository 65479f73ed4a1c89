package org.kakehashi.warnings.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.WebClient;
import org.kakehashi.warnings.internal.Agreement;
import org.kakehashi.warnings.internal.Agreements;
import org.kakehashi.warnings.internal.Channel;
import org.kakehashi.warnings.internal.WarningViewer;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The agreement pages over HTTP: every broken rule is shown beside its field and nothing is saved; the subscriber's
 * administrators change only their own side; other members read; strangers get 404.
 */
class AgreementPagesTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Agreements agreements;

	@Test
	void theFormShowsEveryBrokenRuleBesideItsFieldAndSavesNothing() {
		var centre = fixtures.organisation(OrganisationType.NATIONAL_CENTRE);
		var analyst = fixtures.user(centre, Role.ANALYST);
		var operator = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		var client = signedIn(analyst);
		var sender = WarningViewer.of(analyst.principal());
		var before = agreements.list(sender, null, true, 0, 100).total();

		var empty = client.submit("/warnings/agreements/new", "/warnings/agreements", Map.of("subscriberOrganisationId", "",
				"channels", "WEBHOOK", "contactEmails", "soc@example.jp\nnot-an-address", "validFrom", "2030-01-01",
				"validTo", "2029-12-31", "contactLanguage", "fr"));
		assertThat(empty.status()).isEqualTo(422);
		assertThat(empty.body()).contains("id=\"form-errors\"", "id=\"subscriberOrganisationId-error\"",
				"id=\"contactEmails-error\"", "id=\"webhookUrl-error\"", "id=\"validTo-error\"", "id=\"contactLanguage-error\"",
				"Choose the subscribing organisation.", "This is not an e-mail address.", "The webhook channel needs an address.",
				"The end date comes after the start date.")
			// What was typed is shown again.
			.contains("not-an-address");

		var malformed = client.submit("/warnings/agreements/new", "/warnings/agreements", Map.of("subscriberOrganisationId",
				"not-a-uuid", "validFrom", "yesterday", "webhookUrl", "ftp://user:pw@hooks.example.jp/"));
		assertThat(malformed.status()).isEqualTo(422);
		assertThat(malformed.body()).contains("id=\"subscriberOrganisationId-error\"", "id=\"validFrom-error\"");

		var self = client.submit("/warnings/agreements/new", "/warnings/agreements", Map.of("subscriberOrganisationId",
				centre.id().toString(), "webhookUrl", "ftp://user:pw@hooks.example.jp/"));
		assertThat(self.status()).isEqualTo(422);
		assertThat(self.body()).contains("An organisation does not subscribe to itself.", "id=\"webhookUrl-error\"");

		client.language("ja");
		var japanese = client.submit("/warnings/agreements/new", "/warnings/agreements", Map.of("subscriberOrganisationId", ""));
		assertThat(japanese.status()).isEqualTo(422);
		assertThat(japanese.body()).contains("合意先の組織を選んでください。");
		assertThat(agreements.list(sender, null, true, 0, 100).total()).isEqualTo(before);

		var made = client.submit("/warnings/agreements/new", "/warnings/agreements", Map.of("subscriberOrganisationId",
				operator.id().toString(), "sectors", "ELECTRICITY", "keywords", "FortiGate\nIvanti", "channels", "EMAIL",
				"contactEmails", "soc@example.jp", "contactLanguage", "en"));
		assertThat(made.status()).isEqualTo(302);
		var page = client.get(made.location());
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains(operator.name(), "soc@example.jp", "FortiGate, Ivanti");
		var saved = agreements.list(sender, operator.name(), false, 0, 10).items();
		assertThat(saved).singleElement().satisfies(a -> {
			assertThat(a.channels()).containsExactlyInAnyOrder(Channel.INBOX, Channel.EMAIL);
			assertThat(a.keywords()).containsExactly("FortiGate", "Ivanti");
			assertThat(a.contactLanguage()).isEqualTo("en");
		});

		// Organisations to choose from, by name, never the sender itself.
		var search = client.get("/warnings/agreements/organisations?subscriberQuery="
				+ java.net.URLEncoder.encode(operator.name(), java.nio.charset.StandardCharsets.UTF_8));
		assertThat(search.body()).contains(operator.id().toString());
		var own = client.get("/warnings/agreements/organisations?subscriberQuery="
				+ java.net.URLEncoder.encode(centre.name(), java.nio.charset.StandardCharsets.UTF_8));
		assertThat(own.body()).doesNotContain(centre.id().toString());

		// Only a sender's staff make agreements or search organisations.
		var member = signedIn(fixtures.user(operator, Role.VIEWER));
		assertThat(member.get("/warnings/agreements/new").status()).isEqualTo(403);
		assertThat(member.get("/warnings/agreements/organisations?subscriberQuery=Org").status()).isEqualTo(403);
		assertThat(member.submit("/warnings/agreements", "/warnings/agreements",
				Map.of("subscriberOrganisationId", operator.id().toString())).status()).isEqualTo(403);
	}

	@Test
	void theSubscribersAdministratorChangesOnlyTheirOwnSideAndStrangersSeeNothing() {
		var centre = fixtures.organisation(OrganisationType.NATIONAL_CENTRE);
		var analyst = fixtures.user(centre, Role.ANALYST);
		var operator = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		var stranger = fixtures.organisation(OrganisationType.OPERATOR, "ELECTRICITY");
		var sender = WarningViewer.of(analyst.principal());
		var agreement = agreements.create(sender, new Agreements.AgreementInput(operator.id(), List.of("ELECTRICITY"),
				List.of("ransomware"), List.of("FortiGate"), List.of("EMAIL", "WEBHOOK"), List.of("old@example.jp"), "ja",
				"https://hooks.example.jp/kakehashi", null, null, "agreed at the 2026 meeting"));
		var path = "/warnings/agreements/" + agreement.id();

		var admin = signedIn(fixtures.user(operator, Role.ORG_ADMIN));
		var page = admin.get(path);
		assertThat(page.status()).isEqualTo(200);
		// Their side only: no scope, channel or period fields; the signing key is theirs to see.
		assertThat(page.body()).contains("name=\"contactEmails\"", "name=\"webhookUrl\"", agreement.webhookSecret())
			.doesNotContain("name=\"sectors\"", "name=\"channels\"", "name=\"validTo\"", "id=\"end-agreement\"");
		var saved = post(admin, path, Map.of("contactEmails", "soc@example.jp", "contactLanguage", "en",
				"webhookUrl", "https://hooks.example.jp/v2", "sectors", "WATER", "channels", "TAXII", "keywords", "",
				"validTo", "2020-01-01", "note", "changed by the subscriber", "subscriberOrganisationId", stranger.id().toString()));
		assertThat(saved.status()).isEqualTo(302);
		var after = find(sender, agreement);
		assertThat(after.contactEmails()).containsExactly("soc@example.jp");
		assertThat(after.contactLanguage()).isEqualTo("en");
		assertThat(after.webhookUrl()).isEqualTo("https://hooks.example.jp/v2");
		assertThat(after.sectors()).containsExactly("ELECTRICITY");
		assertThat(after.keywords()).containsExactly("FortiGate");
		assertThat(after.channels()).containsExactlyInAnyOrder(Channel.INBOX, Channel.EMAIL, Channel.WEBHOOK);
		assertThat(after.validTo()).isNull();
		assertThat(after.note()).isEqualTo("agreed at the 2026 meeting");
		assertThat(after.subscriberOrganisationId()).isEqualTo(operator.id());
		// A bad address of their own is shown beside the field.
		var bad = post(admin, path, Map.of("contactEmails", "nobody", "webhookUrl", "https://hooks.example.jp/v2"));
		assertThat(bad.status()).isEqualTo(422);
		assertThat(bad.body()).contains("id=\"contactEmails-error\"");
		// The key rotates; the sender sees the new one too.
		assertThat(post(admin, path + "/key", Map.of()).status()).isEqualTo(302);
		var rotated = find(sender, agreement).webhookSecret();
		assertThat(rotated).isNotNull().isNotEqualTo(agreement.webhookSecret());
		// Ending is the sender's.
		assertThat(post(admin, path + "/end", Map.of()).status()).isEqualTo(403);

		var member = signedIn(fixtures.user(operator, Role.VIEWER));
		var readOnly = member.get(path);
		assertThat(readOnly.status()).isEqualTo(200);
		assertThat(readOnly.body()).contains("soc@example.jp").doesNotContain(rotated, "name=\"contactEmails\"", "id=\"rotate-key\"");
		assertThat(post(member, path, Map.of("contactEmails", "evil@example.jp")).status()).isEqualTo(403);
		assertThat(post(member, path + "/key", Map.of()).status()).isEqualTo(403);
		assertThat(member.get("/warnings/agreements").body()).contains(path);

		var outsider = signedIn(fixtures.user(stranger, Role.ORG_ADMIN));
		assertThat(outsider.get(path).status()).isEqualTo(404);
		assertThat(post(outsider, path, Map.of("contactEmails", "evil@example.jp")).status()).isEqualTo(404);
		assertThat(post(outsider, path + "/key", Map.of()).status()).isEqualTo(404);
		assertThat(post(outsider, path + "/end", Map.of()).status()).isEqualTo(404);
		assertThat(outsider.get("/warnings/agreements?ended=true").body()).doesNotContain(path);
		var otherCentre = signedIn(fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.ANALYST));
		assertThat(otherCentre.get(path).status()).isEqualTo(404);
		assertThat(find(sender, agreement).contactEmails()).containsExactly("soc@example.jp");

		// The sender ends it; afterwards nobody changes it.
		var staff = signedIn(analyst);
		assertThat(post(staff, path + "/end", Map.of()).status()).isEqualTo(302);
		assertThat(find(sender, agreement).endedAt()).isNotNull();
		var late = post(admin, path, Map.of("contactEmails", "late@example.jp"));
		assertThat(late.status()).isEqualTo(302);
		assertThat(find(sender, agreement).contactEmails()).containsExactly("soc@example.jp");
		assertThat(staff.get("/warnings/agreements").body()).doesNotContain(path);
		assertThat(staff.get("/warnings/agreements?ended=true").body()).contains(path);
	}

	/** Loads a page first for a fresh CSRF token, as a browser would have. */
	private static WebClient.Response post(WebClient client, String path, Map<String, String> form) {
		client.get("/warnings/agreements");
		return client.post(path, form);
	}

	private Agreement find(WarningViewer viewer, Agreement agreement) {
		return agreements.find(viewer, agreement.id()).orElseThrow();
	}

	private WebClient signedIn(UserAccount user) {
		var client = browser();
		var response = fixtures.signInWithSecondFactor(client, user);
		assertThat(response.status()).isEqualTo(302);
		return client;
	}

}
