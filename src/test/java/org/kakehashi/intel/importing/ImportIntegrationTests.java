package org.kakehashi.intel.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.intel.stix.SpecStixValidator;
import org.kakehashi.intel.store.CollectionAdministration;
import org.kakehashi.intel.store.Grant;
import org.kakehashi.intel.store.IntelCollection;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk import over real HTTP: upload, run the job (tests drive it; polling is off), read counts and the error
 * report; a job stopped mid-way resumes without losing or repeating anything; hostile files and callers are
 * refused with a problem naming the field.
 */
class ImportIntegrationTests extends IntegrationTest {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired Fixtures fixtures;
	@Autowired ApiTokens tokens;
	@Autowired CollectionAdministration administration;
	@Autowired ImportJob job;
	@Autowired JdbcClient jdbc;
	@Autowired SpecStixValidator validator;

	UserAccount analyst;
	String token;
	IntelCollection collection;

	@BeforeEach
	void setUp() {
		var org = fixtures.organisation(OrganisationType.INFORMATION_HUB);
		analyst = fixtures.user(org, Role.ANALYST);
		collection = collection(new Grant(org.id(), null, null, true, true));
		token = tokens.create(analyst.principal(), "import", EnumSet.of(ApiScope.INTEL_READ, ApiScope.INTEL_WRITE), 1).clearToken();
	}

	@AfterEach
	void noHook() {
		job.beforeCommit((id, batch) -> {
		});
	}

	IntelCollection collection(Grant... grants) {
		var admin = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN);
		return administration.create(admin.principal(), "Import " + UUID.randomUUID(), null, null,
				new CollectionAdministration.Access(false, false, List.of(grants)));
	}

	ApiClient.Response upload(String token, UUID collectionId, String format, String content) {
		return api(token).upload("/api/v1/intel/imports?collection=" + collectionId + "&format=" + format, "bundle.json",
				content.getBytes(StandardCharsets.UTF_8));
	}

	JsonNode json(String text) {
		return JSON.readTree(text);
	}

	JsonNode importOf(String id) {
		var response = api(token).get("/api/v1/intel/imports/" + id);
		assertThat(response.status()).isEqualTo(200);
		return json(response.body());
	}

	long stored(UUID collectionId) {
		return jdbc.sql("select count(*) from intel_object where collection_id = :c").param("c", collectionId).query(Long.class).single();
	}

	@Test
	void validInvalidAndDuplicateObjectsAreCountedAndReported() {
		var objects = new ArrayList<>(Bundles.indicators(0, 120));
		objects.add(5, Bundles.indicator(3)); // the same object version twice, within one batch
		objects.add(Bundles.indicator(7)); // and again in a later batch
		var badPattern = Bundles.indicator(500).replace("[ipv4-addr:value = '10.0.1.244']", "[ipv4-addr:value = ]");
		objects.add(30, badPattern);
		objects.add(60, Bundles.indicator(501).replace("\"modified\":\"2025-03-01T00:00:00.000Z\"",
				"\"modified\":\"2024-01-01T00:00:00.000Z\""));
		objects.add(90, "{\"type\":\"indicator\",\"spec_version\":\"2.1\"}");
		objects.add(Bundles.indicator(8).replace("Test 8", "Changed without a new version"));
		objects.add("42");

		var response = upload(token, collection.id(), "stix", Bundles.bundle(objects));
		assertThat(response.status()).as(response.body()).isEqualTo(202);
		var id = json(response.body()).get("id").asString();
		assertThat(json(response.body()).get("status").asString()).isEqualTo("queued");
		assertThat(json(response.body()).get("objectsTotal").asLong()).isEqualTo(objects.size());

		assertThat(job.runPending()).isEqualTo(1);

		var done = importOf(id);
		assertThat(done.get("status").asString()).isEqualTo("completed");
		assertThat(done.get("objectsRead").asLong()).isEqualTo(objects.size());
		assertThat(done.get("objectsStored").asLong()).isEqualTo(120);
		assertThat(done.get("duplicates").asLong()).isEqualTo(2);
		assertThat(done.get("rejected").asLong()).isEqualTo(5);
		assertThat(done.get("batchesDone").asInt()).isEqualTo(3);
		assertThat(stored(collection.id())).isEqualTo(120);

		var report = json(api(token).get("/api/v1/intel/imports/" + id + "/errors").body());
		var lines = new ArrayList<String>();
		report.forEach(e -> lines.add(e.get("position").asLong() + " " + e.path("objectId").asString("-") + " "
				+ e.get("property").asString()));
		assertThat(lines).anyMatch(l -> l.startsWith("30 " + Bundles.indicatorId(500) + " pattern"));
		assertThat(lines).anyMatch(l -> l.startsWith("60 " + Bundles.indicatorId(501) + " modified"));
		assertThat(lines).anyMatch(l -> l.startsWith("90 - id"));
		assertThat(lines).anyMatch(l -> l.contains(Bundles.indicatorId(8) + " modified"));
		assertThat(lines).anyMatch(l -> l.startsWith((objects.size() - 1) + " - "));

		var csv = api(token).get("/api/v1/intel/imports/" + id + "/errors?format=csv");
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.contentType()).startsWith("text/csv");
		assertThat(csv.body()).startsWith("position,object_id,property,message\r\n").contains(Bundles.indicatorId(500));

		// The same bundle again: everything is already there.
		var again = json(upload(token, collection.id(), "stix", Bundles.bundle(Bundles.indicators(0, 120))).body());
		job.runPending();
		var second = importOf(again.get("id").asString());
		assertThat(second.get("objectsStored").asLong()).isZero();
		assertThat(second.get("duplicates").asLong()).isEqualTo(120);
		assertThat(stored(collection.id())).isEqualTo(120);
	}

	@Test
	void aJobStoppedMidwayResumesWithoutLosingOrRepeatingAnything() {
		var objects = new ArrayList<>(Bundles.indicators(1000, 300));
		// A newer version of an object in the first batch, in the last one: first/last must come out right.
		objects.add(Bundles.indicator(1001, "2025-06-01T00:00:00.000Z"));
		var id = json(upload(token, collection.id(), "stix", Bundles.bundle(objects)).body()).get("id").asString();
		job.beforeCommit((importId, batch) -> {
			if (batch == 3) {
				throw new IllegalStateException("simulated crash in batch 3, before it commits");
			}
		});
		job.runPending();
		var stopped = importOf(id);
		assertThat(stopped.get("status").asString()).isEqualTo("running");
		assertThat(stopped.get("batchesDone").asInt()).isEqualTo(2);
		assertThat(stopped.get("objectsRead").asLong()).isEqualTo(100);
		assertThat(stored(collection.id())).as("batch 3 left nothing behind").isEqualTo(100);

		job.beforeCommit((importId, batch) -> {
		});
		assertThat(job.runPending()).isEqualTo(1);
		var done = importOf(id);
		assertThat(done.get("status").asString()).isEqualTo("completed");
		assertThat(done.get("objectsRead").asLong()).isEqualTo(301);
		assertThat(done.get("objectsStored").asLong()).isEqualTo(301);
		assertThat(done.get("duplicates").asLong()).isZero();
		assertThat(stored(collection.id())).isEqualTo(301);
		assertThat(jdbc.sql("select count(distinct (stix_id, version_at)) from intel_object where collection_id = :c")
			.param("c", collection.id()).query(Long.class).single()).isEqualTo(301);
		assertThat(jdbc.sql("select count(*) from intel_object where collection_id = :c and is_last")
			.param("c", collection.id()).query(Long.class).single()).isEqualTo(300);
		assertThat(jdbc.sql("select version from intel_object where collection_id = :c and stix_id = :id and is_last")
			.param("c", collection.id()).param("id", Bundles.indicatorId(1001)).query(String.class).single())
			.isEqualTo("2025-06-01T00:00:00.000Z");
		// Every object is in the observable index once, from its last version.
		assertThat(jdbc.sql("""
				select count(*) from intel_observable v join intel_object o on o.seq = v.object_seq and o.is_last
				where v.collection_id = :c and v.kind = 'ipv4'
				""").param("c", collection.id()).query(Long.class).single()).isEqualTo(300);
		assertThat(jdbc.sql("select count(*) from intel_observable where collection_id = :c")
			.param("c", collection.id()).query(Long.class).single()).isEqualTo(300);
		// date_added follows the collection's order without gaps in commit order.
		assertThat(jdbc.sql("select count(distinct date_added) from intel_object where collection_id = :c")
			.param("c", collection.id()).query(Long.class).single()).isEqualTo(301);
	}

	@Test
	void versionsWithinABatchAndAgainstStoredOnesGetFirstLastAndTheObservableIndexRight() {
		upload(token, collection.id(), "stix", Bundles.bundle(List.of(Bundles.indicator(3000, "2025-06-01T00:00:00.000Z"))));
		job.runPending();
		// An older and a newer version of a stored object, and two versions of a new one, in one batch.
		var id = json(upload(token, collection.id(), "stix", Bundles.bundle(List.of(
				Bundles.indicator(3000, "2025-04-01T00:00:00.000Z"), Bundles.indicator(3000, "2025-08-01T00:00:00.000Z"),
				Bundles.indicator(3001, "2025-05-01T00:00:00.000Z"), Bundles.indicator(3001, "2025-04-01T00:00:00.000Z"))))
			.body()).get("id").asString();
		job.runPending();
		assertThat(importOf(id).get("objectsStored").asLong()).isEqualTo(4);

		for (var object : List.of(3000, 3001)) {
			var versions = jdbc.sql("""
					select version || case when is_first then ' first' else '' end || case when is_last then ' last' else '' end
					from intel_object where collection_id = :c and stix_id = :id order by version_at
					""").param("c", collection.id()).param("id", Bundles.indicatorId(object)).query(String.class).list();
			assertThat(versions).as("object %d", object).isEqualTo(object == 3000
					? List.of("2025-04-01T00:00:00.000Z first", "2025-06-01T00:00:00.000Z", "2025-08-01T00:00:00.000Z last")
					: List.of("2025-04-01T00:00:00.000Z first", "2025-05-01T00:00:00.000Z last"));
			// Correlation points at the last version only, as for objects added through TAXII.
			assertThat(jdbc.sql("""
					select o.version from intel_observable v join intel_object o on o.seq = v.object_seq
					where v.collection_id = :c and v.stix_id = :id
					""").param("c", collection.id()).param("id", Bundles.indicatorId(object)).query(String.class).list())
				.containsExactly(object == 3000 ? "2025-08-01T00:00:00.000Z" : "2025-05-01T00:00:00.000Z");
		}
	}

	@Test
	void aClaimTakenOverByAnotherNodeCannotCommit() {
		var id = UUID.fromString(json(upload(token, collection.id(), "stix", Bundles.bundle(Bundles.indicators(2000, 120))).body())
			.get("id").asString());
		job.beforeCommit((importId, batch) -> {
			if (batch == 2) {
				// Another node takes the job over (as if this one had paused past its lease).
				jdbc.sql("update intel_import set claim_token = :t where id = :id").param("t", UUID.randomUUID()).param("id", importId)
					.update();
			}
		});
		job.runPending();
		// Batch 2 committed (with the takeover); batch 3 found its claim gone and rolled back.
		assertThat(stored(collection.id())).isEqualTo(100);
		assertThat(importOf(id.toString()).get("batchesDone").asInt()).isEqualTo(2);
		assertThat(importOf(id.toString()).get("objectsRead").asLong()).isEqualTo(100);
	}

	@Test
	void hostileFilesAreRefusedNamingTheField() {
		var notJson = upload(token, collection.id(), "stix", "this is not json");
		assertThat(notJson.status()).isEqualTo(422);
		assertThat(notJson.body()).contains("\"file\"");
		var objectsNotList = upload(token, collection.id(), "stix", "{\"type\":\"bundle\",\"id\":\"bundle--" + UUID.randomUUID()
				+ "\",\"objects\":{\"a\":1}}");
		assertThat(objectsNotList.status()).isEqualTo(422);
		assertThat(objectsNotList.body()).contains("objects").contains("\"file\"");
		assertThat(upload(token, collection.id(), "stix", "[" + Bundles.indicator(1) + "]").status()).isEqualTo(422);
		assertThat(upload(token, collection.id(), "stix", "{\"type\":\"bundle\",\"type\":\"bundle\",\"objects\":[]}").status())
			.isEqualTo(422);
		assertThat(upload(token, collection.id(), "stix", Bundles.bundle(Bundles.indicators(0, 2)).replace("]}", "]")).status())
			.isEqualTo(422);
		assertThat(upload(token, collection.id(), "stix", Bundles.bundle(List.of()) + " trailing").status()).isEqualTo(422);
		assertThat(upload(token, collection.id(), "stix", "{\"type\":\"report\",\"objects\":[]}").status()).isEqualTo(422);
		var utf16 = api(token).upload("/api/v1/intel/imports?collection=" + collection.id(), "b.json",
				Bundles.bundle(List.of()).getBytes(StandardCharsets.UTF_16));
		assertThat(utf16.status()).isEqualTo(422);
		assertThat(upload(token, collection.id(), "misp", "{\"hello\":\"world\"}").status()).isEqualTo(422);
		assertThat(upload(token, collection.id(), "xml", Bundles.bundle(List.of())).body()).contains("\"format\"");
		assertThat(api(token).upload("/api/v1/intel/imports?collection=" + collection.id(), "e.json", new byte[0]).status())
			.isEqualTo(400);
		var noCollection = api(token).upload("/api/v1/intel/imports", "b.json", Bundles.bundle(List.of()).getBytes(StandardCharsets.UTF_8));
		assertThat(noCollection.status()).isEqualTo(400);
		assertThat(noCollection.body()).contains("\"collection\"");
		var notMultipart = api(token).post("/api/v1/intel/imports?collection=" + collection.id(), Bundles.bundle(List.of()));
		assertThat(notMultipart.status()).isEqualTo(415);
		assertThat(notMultipart.body()).contains("\"file\"");
		assertThat(jdbc.sql("select count(*) from intel_import where collection_id = :c").param("c", collection.id())
			.query(Long.class).single()).isZero();
	}

	@Test
	void aClaimedTwoGigabyteBodyIsRefusedBeforeItIsRead() throws Exception {
		try (var socket = new Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/v1/intel/imports?collection=" + collection.id() + " HTTP/1.1\r\nHost: localhost\r\n"
					+ "Authorization: Bearer " + token + "\r\nContent-Type: multipart/form-data; boundary=x\r\n"
					+ "Content-Length: 2147483648\r\n\r\n--x\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			var status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
			assertThat(status).startsWith("HTTP/1.1 413");
		}
		// The same elsewhere: another multipart endpoint refuses bodies beyond the ordinary upload limit.
		try (var socket = new Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(("POST /reports/" + UUID.randomUUID() + "/attachments HTTP/1.1\r\nHost: localhost\r\n"
					+ "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 104857600\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			var status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
			assertThat(status).startsWith("HTTP/1.1 413");
		}
	}

	@Test
	void onlyWritersImportAndOnlyTheUploaderSeesAnImport() {
		var readOnly = collection(new Grant(analyst.organisationId(), null, null, true, false));
		var foreign = collection(new Grant(fixtures.organisation(OrganisationType.OPERATOR).id(), null, null, true, true));
		var bundle = Bundles.bundle(Bundles.indicators(0, 2));
		assertThat(upload(token, readOnly.id(), "stix", bundle).status()).isEqualTo(403);
		assertThat(upload(token, foreign.id(), "stix", bundle).status()).isEqualTo(404);
		assertThat(upload(token, UUID.randomUUID(), "stix", bundle).status()).isEqualTo(404);
		var readToken = tokens.create(analyst.principal(), "read", EnumSet.of(ApiScope.INTEL_READ), 1).clearToken();
		assertThat(upload(readToken, collection.id(), "stix", bundle).status()).isEqualTo(403);
		assertThat(api(null).upload("/api/v1/intel/imports?collection=" + collection.id(), "b.json",
				bundle.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(401);

		var mine = json(upload(token, collection.id(), "stix", bundle).body()).get("id").asString();
		var colleague = fixtures.user(fixtures.organisation(OrganisationType.INFORMATION_HUB), Role.ANALYST);
		var other = tokens.create(colleague.principal(), "other", EnumSet.of(ApiScope.INTEL_READ, ApiScope.INTEL_WRITE), 1)
			.clearToken();
		assertThat(api(other).get("/api/v1/intel/imports/" + mine).status()).isEqualTo(404);
		assertThat(api(other).get("/api/v1/intel/imports/" + mine + "/errors").status()).isEqualTo(404);
		assertThat(api(other).get("/api/v1/intel/imports").body()).doesNotContain(mine);
		assertThat(api(token).get("/api/v1/intel/imports").body()).contains(mine);
		assertThat(api(token).get("/api/v1/intel/imports/" + mine + "/errors?format=xml").status()).isEqualTo(400);
		assertThat(api(token).get("/api/v1/intel/imports/not-a-uuid").status()).isEqualTo(400);
	}

	@Test
	void exportedBundlesValidate() {
		var id = json(upload(token, collection.id(), "stix", Bundles.bundle(Bundles.indicators(0, 70))).body()).get("id").asString();
		job.runPending();
		assertThat(importOf(id).get("status").asString()).isEqualTo("completed");
		var export = api(token).get("/api/v1/intel/collections/" + collection.id() + "/bundle");
		assertThat(export.status()).isEqualTo(200);
		assertThat(export.contentType()).startsWith("application/stix+json");
		var bundle = json(export.body());
		assertThat(validator.validateBundle(bundle)).isEmpty();
		assertThat(bundle.get("objects").size()).isEqualTo(70);
		assertThat(json(api(token).get("/api/v1/intel/collections/" + collection.id() + "/bundle?type=malware").body())
			.get("objects").size()).isZero();
		assertThat(json(api(token).get("/api/v1/intel/collections/" + collection.id()
				+ "/bundle?type=indicator&added_after=2000-01-01T00:00:00Z").body()).get("objects").size()).isEqualTo(70);
		assertThat(api(token).get("/api/v1/intel/collections/" + collection.id() + "/bundle?added_after=yesterday").body())
			.contains("added_after");
		assertThat(api(token).get("/api/v1/intel/collections/" + collection.id() + "/bundle?type=DROP%20TABLE").status())
			.isEqualTo(400);
		var foreign = collection(new Grant(fixtures.organisation(OrganisationType.OPERATOR).id(), null, null, true, true));
		assertThat(api(token).get("/api/v1/intel/collections/" + foreign.id() + "/bundle").status()).isEqualTo(404);
		var writeOnly = collection(new Grant(analyst.organisationId(), null, null, false, true));
		assertThat(api(token).get("/api/v1/intel/collections/" + writeOnly.id() + "/bundle").status()).isEqualTo(403);
	}

	@Test
	void theImportsPageListsOnlyTheUsersImportsAndPollsWhileOneRuns() {
		var id = json(upload(token, collection.id(), "stix", Bundles.bundle(List.of(Bundles.indicator(1), "7"))).body())
			.get("id").asString();
		var client = browser();
		fixtures.signInWithSecondFactor(client, analyst);
		var page = client.get("/intel/imports");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"import-" + id + "\"").contains("hx-trigger=\"every 2s\"")
			.contains("<label for=\"collection\"").contains("<label for=\"file\"").contains(collection.title())
			.doesNotContain("<script>");
		job.runPending();
		var row = client.get("/intel/imports/" + id + "/row");
		assertThat(row.status()).isEqualTo(200);
		assertThat(row.body()).contains("Completed").doesNotContain("hx-trigger");
		var csv = client.get("/intel/imports/" + id + "/errors?format=csv");
		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.headers().get("content-disposition")).startsWith("attachment");
		assertThat(csv.body()).contains("not a JSON object");
		var japanese = browser().language("ja");
		fixtures.signInWithSecondFactor(japanese, analyst);
		assertThat(japanese.get("/intel/imports").body()).contains("脅威情報の取り込み");

		var stranger = browser();
		fixtures.signInWithSecondFactor(stranger, fixtures.user(fixtures.organisation(OrganisationType.OPERATOR), Role.VIEWER));
		assertThat(stranger.get("/intel/imports").body()).doesNotContain(id).contains("no-collections");
		assertThat(stranger.get("/intel/imports/" + id + "/row").status()).isEqualTo(404);
		assertThat(stranger.get("/intel/imports/" + id + "/errors").status()).isEqualTo(404);
	}
}
