package org.kakehashi.vulns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kakehashi.vulns.CoordinationWorld.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.WebClient;
import org.kakehashi.vulns.CoordinationWorld.Multipart;
import org.kakehashi.vulns.CoordinationWorld.Party;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A case's thread with its per-message readers, over the API and the thread page: who reads which channel, who may
 * write where, who is told by e-mail (exactly the readers, never the text), who reads a message's files, and that a
 * closed case takes no more messages. The parties: a coordinator, vendor A (a PSIRT user and a contact without an
 * account), vendor B, and the finder.
 */
class CaseThreadTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JsonMapper json;

	CoordinationWorld world;
	Party coordinator;
	Party finder;
	Party psirtA;
	Party psirtB;
	Party outsider;
	String contactA;
	String caseId;
	String number;
	String vendorA;
	String vendorB;

	@BeforeEach
	void world() {
		world = new CoordinationWorld("http://localhost:" + port, fixtures, tokens, json, MAIL);
		coordinator = world.party(fixtures.organisation(OrganisationType.COORDINATOR), Role.ANALYST);
		finder = world.party(fixtures.organisation(OrganisationType.OPERATOR, "WATER"), Role.REPORTER);
		var orgA = fixtures.organisation(OrganisationType.VENDOR);
		psirtA = world.party(orgA, Role.ANALYST);
		psirtB = world.party(fixtures.organisation(OrganisationType.VENDOR), Role.COORDINATOR);
		outsider = world.party(fixtures.organisation(OrganisationType.VENDOR), Role.ANALYST);
		contactA = Fixtures.unique("contact-a") + "@vendor-a.example";
		caseId = world.accepted(finder, coordinator, Fixtures.unique("スレッド"), "説明");
		number = world.read(coordinator.api().get("/api/v1/vuln-cases/" + caseId).body()).get("number").asString();
		vendorA = world.vendor(coordinator, Fixtures.unique("Vendor A"), orgA.id(), contactA);
		vendorB = world.vendor(coordinator, Fixtures.unique("Vendor B"), psirtB.account().organisationId());
		world.invite(coordinator, caseId, vendorA, "A-Box");
		world.invite(coordinator, caseId, vendorB, "B-Box");
	}

	@Test
	void everyChannelIsReadByItsReadersOnlyAndTheyAloneAreMailedWithoutTheText() {
		var holderLink = CoordinationWorld.personalLink(world.mails(contactA).get(0));
		var bodies = new LinkedHashMap<String, String>();
		var expectedMail = Map.of(
				"COORDINATORS", Set.<String>of(),
				"VENDOR-A", Set.of(psirtA.email(), contactA),
				"VENDOR-B", Set.of(psirtB.email()),
				"FINDER", Set.of(finder.email()),
				"ALL", Set.of(psirtA.email(), contactA, psirtB.email(), finder.email()));
		for (var channel : List.of("COORDINATORS", "VENDOR-A", "VENDOR-B", "FINDER", "ALL")) {
			var body = "本文-" + channel + "-" + UUID.randomUUID();
			bodies.put(channel, body);
			var before = mailCounts();
			var posted = post(coordinator, channel, body);
			assertThat(posted.status()).as(posted.body()).isEqualTo(201);
			assertThat(read(posted).get("authorKind").asString()).isEqualTo("COORDINATOR");
			assertThat(mailedSince(before, body)).as(channel).isEqualTo(expectedMail.get(channel));
		}

		var readers = Map.of(
				coordinator, Set.of("COORDINATORS", "VENDOR-A", "VENDOR-B", "FINDER", "ALL"),
				psirtA, Set.of("VENDOR-A", "ALL"),
				psirtB, Set.of("VENDOR-B", "ALL"),
				finder, Set.of("FINDER", "ALL"));
		readers.forEach((party, channels) -> {
			var seen = messageBodies(party);
			bodies.forEach((channel, body) -> assertThat(seen.contains(body)).as(party.email() + " reads " + channel)
				.isEqualTo(channels.contains(channel)));
		});

		// The same on the thread page, for each signed-in party and for the contact through their personal link.
		readers.forEach((party, channels) -> {
			var page = signedIn(party).get("/vulns/" + caseId + "/thread");
			assertThat(page.status()).isEqualTo(200);
			bodies.forEach((channel, body) -> assertThat(page.body().contains(body)).as(party.email() + " page " + channel)
				.isEqualTo(channels.contains(channel)));
		});
		var holder = browser();
		holder.get(holderLink.substring(holderLink.indexOf("/public/")));
		var holderPage = holder.get("/public/vulns/cases/" + caseId + "/thread");
		assertThat(holderPage.status()).isEqualTo(200);
		bodies.forEach((channel, body) -> assertThat(holderPage.body().contains(body)).as("contact page " + channel)
			.isEqualTo(Set.of("VENDOR-A", "ALL").contains(channel)));

		// Someone outside the case learns nothing, not even that it has a thread.
		assertThat(outsider.api().get("/api/v1/vuln-cases/" + caseId + "/messages").status()).isEqualTo(404);
		assertThat(post(outsider, "ALL", "hello").status()).isEqualTo(404);
		assertThat(signedIn(outsider).get("/vulns/" + caseId + "/thread").status()).isEqualTo(404);
	}

	@Test
	void vendorsAndTheFinderWriteOnlyWhereTheyReadAndTheRightPeopleHearOfIt() {
		// Channels that are not theirs: 400 naming the channel, nothing stored.
		for (var refused : List.of("COORDINATORS", "VENDOR-B", "FINDER")) {
			var response = post(psirtA, refused, "nope");
			assertThat(response.status()).as(refused).isEqualTo(400);
			assertThat(fields(response)).as(refused).containsExactly("channel");
		}
		for (var refused : List.of("COORDINATORS", "VENDOR-A")) {
			var response = post(finder, refused, "nope");
			assertThat(response.status()).as(refused).isEqualTo(400);
			assertThat(fields(response)).as(refused).containsExactly("channel");
		}
		assertThat(messageBodies(coordinator)).doesNotContain("nope");

		// The vendor in its own channel (the vendor is implied) and to everyone; its first message is its response.
		var before = mailCounts();
		var own = psirtA.api().post("/api/v1/vuln-cases/" + caseId + "/messages", "{\"channel\":\"VENDOR\",\"body\":\"A の回答\"}");
		assertThat(own.status()).as(own.body()).isEqualTo(201);
		assertThat(read(own).get("vendorId").asString()).isEqualTo(vendorA);
		assertThat(read(own).get("authorKind").asString()).isEqualTo("VENDOR");
		assertThat(mailedSince(before, "A の回答")).containsExactly(coordinator.email());
		assertThat(world.read(coordinator.api().get("/api/v1/vuln-cases/" + caseId + "/vendors/" + vendorA).body())
			.get("firstResponseAt").asString()).isNotBlank();
		before = mailCounts();
		assertThat(post(psirtA, "ALL", "A から全員へ").status()).isEqualTo(201);
		assertThat(mailedSince(before, "A から全員へ")).containsExactlyInAnyOrder(coordinator.email(), psirtB.email(),
				finder.email());

		// The finder to the coordinators and to everyone.
		before = mailCounts();
		var toCoordinators = post(finder, "FINDER", "発見者から");
		assertThat(toCoordinators.status()).isEqualTo(201);
		assertThat(read(toCoordinators).get("authorKind").asString()).isEqualTo("FINDER");
		assertThat(mailedSince(before, "発見者から")).containsExactly(coordinator.email());
		before = mailCounts();
		assertThat(post(finder, "ALL", "発見者から全員へ").status()).isEqualTo(201);
		assertThat(mailedSince(before, "発見者から全員へ")).containsExactlyInAnyOrder(coordinator.email(), psirtA.email(),
				contactA, psirtB.email());
		// Vendor B reads the finder's message to everyone without learning who the finder is (no consent given).
		var seenByB = messages(psirtB);
		var finderMessage = seenByB.stream().filter(m -> m.get("body").asString().equals("発見者から全員へ")).findFirst()
			.orElseThrow();
		assertThat(finderMessage.get("authorName").asString()).isEmpty();
		assertThat(messageBodies(psirtB)).doesNotContain("発見者から");

		// Coordinators name a vendor of the case for the vendor channel, and only there.
		var noVendor = coordinator.api().post("/api/v1/vuln-cases/" + caseId + "/messages", "{\"channel\":\"VENDOR\",\"body\":\"x\"}");
		assertThat(fields(noVendor)).containsExactly("vendorId");
		var strangeVendor = coordinator.api().post("/api/v1/vuln-cases/" + caseId + "/messages",
				"{\"channel\":\"VENDOR\",\"vendorId\":\"" + UUID.randomUUID() + "\",\"body\":\"x\"}");
		assertThat(fields(strangeVendor)).containsExactly("vendorId");
		var misplaced = coordinator.api().post("/api/v1/vuln-cases/" + caseId + "/messages",
				"{\"channel\":\"FINDER\",\"vendorId\":\"" + vendorA + "\",\"body\":\"x\"}");
		assertThat(fields(misplaced)).containsExactly("vendorId");
		var empty = post(coordinator, "ALL", "   ");
		assertThat(fields(empty)).containsExactly("body");
		var unknownChannel = coordinator.api().post("/api/v1/vuln-cases/" + caseId + "/messages", "{\"channel\":\"PRESS\",\"body\":\"x\"}");
		assertThat(fields(unknownChannel)).containsExactly("channel");

		// The page says the same: a channel the vendor may not write in comes back with the error beside it.
		var page = signedIn(psirtA);
		page.get("/vulns/" + caseId + "/thread");
		var refused = page.post("/vulns/" + caseId + "/thread", Map.of("channel", "COORDINATORS", "body", "内部メモのつもり"));
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.body()).contains("id=\"channel-error\"");
		var written = page.post("/vulns/" + caseId + "/thread", Map.of("channel", "VENDOR", "body", "ページから"));
		assertThat(written.status()).isEqualTo(302);
		assertThat(messageBodies(coordinator)).contains("ページから").doesNotContain("内部メモのつもり");
		assertThat(messageBodies(psirtB)).doesNotContain("ページから");
	}

	@Test
	void aMessagesFilesAreReadExactlyByItsReaders() {
		var forA = new byte[] { 1, 2, 3, 4, 5, (byte) 0xff, 0, 7 };
		var forAll = "全員向けの PoC".getBytes(StandardCharsets.UTF_8);
		var internal = "内部メモの添付".getBytes(StandardCharsets.UTF_8);
		var fileForA = postFile(coordinator, "VENDOR", vendorA, "poc-a.bin", forA);
		var fileForAll = postFile(coordinator, "ALL", null, "poc-all.txt", forAll);
		var fileInternal = postFile(coordinator, "COORDINATORS", null, "note.txt", internal);
		var fileFromFinder = postFile(finder, "FINDER", null, "finder.txt", "発見者の追加資料".getBytes(StandardCharsets.UTF_8));

		var readers = Map.of(
				fileForA, Set.of(coordinator, psirtA),
				fileForAll, Set.of(coordinator, psirtA, psirtB, finder),
				fileInternal, Set.of(coordinator),
				fileFromFinder, Set.of(coordinator, finder));
		var contents = Map.of(fileForA, forA, fileForAll, forAll, fileInternal, internal);
		for (var party : List.of(coordinator, psirtA, psirtB, finder)) {
			var listed = world.read(party.api().get("/api/v1/vuln-cases/" + caseId + "/attachments").body());
			var ids = new ArrayList<String>();
			listed.forEach(f -> ids.add(f.get("id").asString()));
			readers.forEach((file, who) -> {
				assertThat(ids.contains(file)).as(party.email() + " lists " + file).isEqualTo(who.contains(party));
				var download = world.download(party.token(), "/api/v1/vuln-cases/" + caseId + "/attachments/" + file);
				assertThat(download.status()).as(party.email() + " downloads " + file).isEqualTo(who.contains(party) ? 200 : 404);
				if (who.contains(party) && contents.containsKey(file)) {
					assertThat(download.body()).isEqualTo(contents.get(file));
				}
			});
		}
		// A message shows its files to its readers only.
		assertThat(messages(psirtB).toString()).contains("poc-all.txt").doesNotContain("poc-a.bin", "note.txt", "finder.txt");

		// The contact of vendor A, through the personal link, reads A's file and not the internal one.
		var link = CoordinationWorld.personalLink(world.mails(contactA).get(0));
		var holder = browser();
		holder.get(link.substring(link.indexOf("/public/")));
		assertThat(holder.get("/public/vulns/cases/" + caseId + "/files/" + fileForA).status()).isEqualTo(200);
		assertThat(holder.get("/public/vulns/cases/" + caseId + "/files/" + fileInternal).status()).isEqualTo(404);
		assertThat(holder.get("/public/vulns/cases/" + caseId + "/files/" + fileFromFinder).status()).isEqualTo(404);
	}

	@Test
	void aClosedCaseTakesNoMoreMessagesButStaysReadable() {
		assertThat(post(coordinator, "ALL", "締める前に").status()).isEqualTo(201);
		world.move(coordinator, caseId, "{\"to\":\"CLOSED\",\"outcome\":\"PRIVATE_HANDLING\"}");
		for (var party : List.of(coordinator, psirtA, finder)) {
			var refused = post(party, "ALL", "閉じた後に");
			assertThat(refused.status()).isEqualTo(409);
			assertThat(fields(refused)).containsExactly("body");
		}
		var withFile = world.multipart(psirtA.token(), "/api/v1/vuln-cases/" + caseId + "/messages",
				new Multipart().field("channel", "VENDOR").field("body", "閉じた後のファイル").file("files", "late.txt", new byte[] { 'x' }));
		assertThat(withFile.status()).isEqualTo(409);
		assertThat(messageBodies(coordinator)).contains("締める前に").doesNotContain("閉じた後に", "閉じた後のファイル");
		assertThat(messageBodies(finder)).contains("締める前に");
		var page = signedIn(finder);
		var thread = page.get("/vulns/" + caseId + "/thread");
		assertThat(thread.status()).isEqualTo(200);
		assertThat(thread.body()).contains("締める前に").doesNotContain("id=\"post-form\"");
		assertThat(page.post("/vulns/" + caseId + "/thread", Map.of("channel", "FINDER", "body", "ページから")).status())
			.isEqualTo(409);
	}

	/** Posts as JSON; {@code VENDOR-A} / {@code VENDOR-B} name the vendor channel of that vendor. */
	private ApiClient.Response post(Party party, String channel, String body) {
		var vendor = channel.equals("VENDOR-A") ? vendorA : channel.equals("VENDOR-B") ? vendorB : null;
		var name = vendor == null ? channel : "VENDOR";
		return party.api().post("/api/v1/vuln-cases/" + caseId + "/messages", "{\"channel\":\"" + name + "\""
				+ (vendor == null ? "" : ",\"vendorId\":\"" + vendor + "\"") + ",\"body\":" + world.quote(body) + "}");
	}

	private String postFile(Party party, String channel, String vendorId, String fileName, byte[] content) {
		var body = new Multipart().field("channel", channel).field("body", "添付: " + fileName).file("files", fileName, content);
		if (vendorId != null) {
			body.field("vendorId", vendorId);
		}
		var posted = world.multipart(party.token(), "/api/v1/vuln-cases/" + caseId + "/messages", body);
		assertThat(posted.status()).as(posted.text()).isEqualTo(201);
		var message = world.read(posted.text());
		assertThat(message.get("files").size()).isEqualTo(1);
		return message.get("files").get(0).get("id").asString();
	}

	private List<JsonNode> messages(Party party) {
		var response = party.api().get("/api/v1/vuln-cases/" + caseId + "/messages");
		assertThat(response.status()).isEqualTo(200);
		var out = new ArrayList<JsonNode>();
		world.read(response.body()).forEach(out::add);
		return out;
	}

	private List<String> messageBodies(Party party) {
		return messages(party).stream().map(m -> m.get("body").asString()).toList();
	}

	private WebClient signedIn(Party party) {
		var client = browser();
		fixtures.signInWithSecondFactor(client, party.account());
		return client;
	}

	private Map<String, Integer> mailCounts() {
		var counts = new LinkedHashMap<String, Integer>();
		for (var address : List.of(coordinator.email(), psirtA.email(), contactA, psirtB.email(), finder.email())) {
			counts.put(address, world.mails(address).size());
		}
		return counts;
	}

	/** Who was mailed since the counts were taken; each new mail names the case and never carries the message. */
	private Set<String> mailedSince(Map<String, Integer> before, String body) {
		var mailed = new java.util.HashSet<String>();
		before.forEach((address, count) -> {
			var now = world.mails(address);
			assertThat(now.size() - count).as(address).isBetween(0, 1);
			if (now.size() > count) {
				mailed.add(address);
				var mail = now.get(now.size() - 1);
				assertThat(CoordinationWorld.subject(mail)).contains(number);
				assertThat(text(mail)).doesNotContain(body);
				if (address.equals(contactA)) {
					assertThat(text(mail)).contains("/public/vulns/access?key=");
				}
			}
		});
		return mailed;
	}

	private List<String> fields(ApiClient.Response response) {
		var fields = new ArrayList<String>();
		var errors = read(response).get("errors");
		if (errors != null) {
			errors.forEach(e -> fields.add(e.get("field").asString()));
		}
		return fields;
	}

	private JsonNode read(ApiClient.Response response) {
		return world.read(response.body());
	}
}
