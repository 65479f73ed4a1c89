package org.kakehashi.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.intel.store.CollectionAdministration;
import org.kakehashi.intel.store.Grant;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every object of the OASIS CTI documentation bundles goes through TAXII and comes back byte for byte: each file's
 * objects are cut out of the file exactly as written, posted in an envelope to a fresh collection, and read back
 * with match[version]=all. Objects the server refuses must be listed as failures in the status with a reason;
 * for these files SOURCES.md expects none.
 */
class TaxiiConformanceTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	ApiTokens tokens;

	@Autowired
	CollectionAdministration administration;

	@Autowired
	JsonMapper json;

	@TestFactory
	Stream<DynamicTest> everyCtiDocumentationObjectRoundTripsByteForByte() throws IOException {
		var folder = TestdataTests.testdata().resolve("stix2-examples/cti-documentation");
		List<Path> files;
		try (var listing = Files.list(folder)) {
			files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
		}
		assertThat(files).hasSize(9);
		var org = fixtures.organisation(OrganisationType.INFORMATION_HUB);
		var user = fixtures.user(org, Role.ANALYST);
		var admin = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN);
		var token = tokens.create(user.principal(), "conformance", EnumSet.of(ApiScope.INTEL_READ, ApiScope.INTEL_WRITE), 1)
			.clearToken();
		return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
			var collection = administration.create(admin.principal(), "Conformance " + UUID.randomUUID(), null, null,
					new CollectionAdministration.Access(false, false, List.of(new Grant(org.id(), null, null, true, true))));
			var base = "/taxii2/intel/collections/" + collection.id() + "/objects/";
			var objects = slices(Files.readAllBytes(file));
			assertThat(objects).isNotEmpty();

			var posted = send("POST", base, token, ("{\"objects\":[" + String.join(",", objects) + "]}").getBytes(StandardCharsets.UTF_8));
			assertThat(posted.statusCode()).as(new String(posted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
			var status = json.readTree(posted.body());
			assertThat(status.get("total_count").asInt()).isEqualTo(objects.size());
			var failures = new ArrayList<String>();
			if (status.has("failures")) {
				status.get("failures").forEach(f -> failures.add(f.get("id").asString() + ": " + f.get("message").asString()));
			}
			assertThat(failures).as("objects refused (each with its reason)").isEmpty();
			assertThat(status.get("success_count").asInt()).isEqualTo(objects.size());

			var back = new ArrayList<String>();
			String next = null;
			do {
				var page = send("GET", base + "?match%5Bversion%5D=all&limit=5" + (next == null ? "" : "&next=" + next), token, null);
				assertThat(page.statusCode()).isEqualTo(200);
				back.addAll(slices(page.body()));
				var envelope = json.readTree(page.body());
				next = envelope.has("next") ? envelope.get("next").asString() : null;
			} while (next != null);
			assertThat(back).as("each object exactly as written in " + file.getFileName()).containsExactlyInAnyOrderElementsOf(objects);
		}));
	}

	/**
	 * The stix2 library's FileSystemStore data: every version file of every object goes into one collection. The one
	 * object without spec_version (STIX 2.0 by the 2.1 rules) must come back as a failure naming spec_version; every
	 * other version is stored, and the object with four version files lists all four.
	 */
	@TestFactory
	Stream<DynamicTest> pythonStix2StoreVersionsAreKeptAndTheStix20ObjectIsRefusedWithAReason() throws IOException {
		var folder = TestdataTests.testdata().resolve("stix2-examples/cti-python-stix2/stix2_data");
		List<Path> files;
		try (var walk = Files.walk(folder)) {
			files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
		}
		var org = fixtures.organisation(OrganisationType.INFORMATION_HUB);
		var user = fixtures.user(org, Role.ANALYST);
		var admin = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN);
		var token = tokens.create(user.principal(), "conformance", EnumSet.of(ApiScope.INTEL_READ, ApiScope.INTEL_WRITE), 1)
			.clearToken();
		var collection = administration.create(admin.principal(), "Conformance " + UUID.randomUUID(), null, null,
				new CollectionAdministration.Access(false, false, List.of(new Grant(org.id(), null, null, true, true))));
		var base = "/taxii2/intel/collections/" + collection.id() + "/objects/";
		return Stream.of(DynamicTest.dynamicTest("all " + files.size() + " files", () -> {
			var objects = new ArrayList<String>();
			for (var file : files) {
				objects.addAll(slices(Files.readAllBytes(file)));
			}
			var posted = send("POST", base, token, ("{\"objects\":[" + String.join(",", objects) + "]}").getBytes(StandardCharsets.UTF_8));
			assertThat(posted.statusCode()).isEqualTo(202);
			var status = json.readTree(posted.body());
			assertThat(status.get("failure_count").asInt()).isEqualTo(1);
			var failure = status.get("failures").get(0);
			assertThat(failure.get("id").asString()).isEqualTo("malware--b42378e0-f147-496f-992a-26a49705395b");
			assertThat(failure.get("message").asString()).contains("spec_version");
			assertThat(status.get("success_count").asInt()).isEqualTo(objects.size() - 1);
			var versions = json.readTree(send("GET", base + "malware--6b616fc1-1505-48e3-8b2c-0d19337bff38/versions/", token, null).body());
			assertThat(versions.get("versions").size()).isEqualTo(4);
		}));
	}

	/**
	 * The elements of a JSON document's top-level "objects" list, each exactly as written; a document without one
	 * (a bare STIX object, as in the stix2 FileSystemStore) is itself the one object.
	 */
	private List<String> slices(byte[] document) {
		var result = new ArrayList<String>();
		boolean hasObjects = false;
		try (var parser = json.createParser(document)) {
			assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
			int rootStart = (int) parser.currentTokenLocation().getByteOffset();
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				var name = parser.currentName();
				parser.nextToken();
				if (!"objects".equals(name)) {
					parser.skipChildren();
					continue;
				}
				hasObjects = true;
				while (parser.nextToken() == JsonToken.START_OBJECT) {
					int start = (int) parser.currentTokenLocation().getByteOffset();
					parser.skipChildren();
					int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
					result.add(new String(document, start, end - start, StandardCharsets.UTF_8));
				}
			}
			if (!hasObjects) {
				int rootEnd = (int) parser.currentTokenLocation().getByteOffset() + 1;
				result.add(new String(document, rootStart, rootEnd - rootStart, StandardCharsets.UTF_8));
			}
		}
		return result;
	}

	private HttpResponse<byte[]> send(String method, String path, String token, byte[] body) throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
			.header("Accept", "application/taxii+json;version=2.1")
			.header("Authorization", "Bearer " + token);
		if (body != null) {
			request.header("Content-Type", "application/taxii+json;version=2.1");
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}
}
