package org.kakehashi.intel.taxii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.intel.store.CollectionAdministration;
import org.kakehashi.intel.store.Grant;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.json.JsonMapper;

/**
 * Paging while others write, as a property over random runs: writers post envelopes of random sizes from several
 * threads while a reader pages with random limits (next, then added_after from X-TAXII-Date-Added-Last once it has
 * caught up). Whatever the interleaving, the reader ends up with every posted object exactly once, in date_added
 * order.
 */
class TaxiiConcurrentPagingTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	ApiTokens tokens;

	@Autowired
	CollectionAdministration administration;

	@Autowired
	JsonMapper json;

	@Test
	void noObjectIsSkippedOrRepeatedWhilePagingDuringConcurrentInserts() throws Exception {
		long seed = System.nanoTime();
		var random = new Random(seed);
		for (int run = 0; run < 4; run++) {
			runOnce(random, seed, run);
		}
	}

	private void runOnce(Random random, long seed, int run) throws Exception {
		var org = fixtures.organisation(OrganisationType.INFORMATION_HUB);
		var user = fixtures.user(org, Role.ANALYST);
		var admin = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN);
		var collection = administration.create(admin.principal(), "Concurrent " + UUID.randomUUID(), null, null,
				new CollectionAdministration.Access(false, false, List.of(new Grant(org.id(), null, null, true, true))));
		var token = tokens.create(user.principal(), "paging", EnumSet.of(ApiScope.INTEL_READ, ApiScope.INTEL_WRITE), 1).clearToken();
		var base = "/taxii2/intel/collections/" + collection.id() + "/objects/";
		var posted = ConcurrentHashMap.<String>newKeySet();
		int writers = 1 + random.nextInt(3);
		int batches = 5 + random.nextInt(10);
		int limit = 1 + random.nextInt(7);
		long writerSeed = random.nextLong();

		ExecutorService pool = Executors.newFixedThreadPool(writers);
		var done = new ArrayList<Future<?>>();
		for (int w = 0; w < writers; w++) {
			var writerRandom = new Random(writerSeed + w);
			done.add(pool.submit(() -> {
				var client = TaxiiHttp.bearer(port, token);
				for (int b = 0; b < batches; b++) {
					var objects = new ArrayList<String>();
					int size = 1 + writerRandom.nextInt(6);
					for (int i = 0; i < size; i++) {
						var id = "indicator--" + UUID.randomUUID();
						objects.add(TaxiiServerTests.indicator(id, "2024-01-01T00:00:00.000Z"));
						posted.add(id);
					}
					var response = client.post(base, TaxiiServerTests.envelope(objects.toArray(String[]::new)));
					assertThat(response.status()).as(response.body()).isEqualTo(202);
				}
				return null;
			}));
		}

		var reader = TaxiiHttp.bearer(port, token);
		var seen = new ArrayList<String>();
		var dates = new ArrayList<String>();
		String next = null;
		String addedAfter = null;
		boolean writersFinished = false;
		for (int guard = 0; guard < 10_000; guard++) {
			var query = "?limit=" + limit + (next != null ? "&next=" + next : "") + (addedAfter != null ? "&added_after=" + addedAfter : "");
			var response = reader.get(base + query);
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			var body = json.readTree(response.bytes());
			for (var object : TaxiiServerTests.objectsOf(response)) {
				seen.add(json.readTree(object).get("id").asString());
			}
			if (body.has("objects")) {
				dates.add(response.header("X-TAXII-Date-Added-First"));
				dates.add(response.header("X-TAXII-Date-Added-Last"));
			}
			if (body.has("more") && body.get("more").asBoolean()) {
				next = body.get("next").asString();
				continue;
			}
			// Caught up: start a new query from the last date_added seen, as the specification suggests.
			next = null;
			if (body.has("objects")) {
				addedAfter = response.header("X-TAXII-Date-Added-Last");
			}
			if (writersFinished) {
				break;
			}
			writersFinished = done.stream().allMatch(Future::isDone);
			limit = 1 + random.nextInt(7);
		}
		for (var future : done) {
			future.get(30, TimeUnit.SECONDS);
		}
		pool.shutdown();
		var context = "seed " + seed + " run " + run + " writers " + writers;
		assertThat(new HashSet<>(seen)).as(context).hasSize(seen.size());
		assertThat(Set.copyOf(seen)).as(context).isEqualTo(Set.copyOf(posted));
		var sorted = new ArrayList<>(dates);
		Collections.sort(sorted);
		assertThat(dates).as(context + ": date_added only grows").isEqualTo(sorted);
	}
}
