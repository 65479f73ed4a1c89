package org.kakehashi.bench.intel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.intel.store.CollectionAdministration;
import org.kakehashi.intel.store.Grant;
import org.kakehashi.intel.store.StixTime;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * TAXII paging on a large collection: loads {@code bench.objects} indicators (default 1,000,000) into one collection
 * with PostgreSQL COPY, then times Get Objects pages of 1,000 through the real HTTP endpoint from many random
 * {@code added_after} positions (and by following {@code next}), printing p50/p99 beside the same page read by
 * the raw SQL query in the same run. Run: {@code ./mvnw -o test -Pbench -Dtest=TaxiiPagingBenchmark -Dbench.objects=1000000}.
 */
class TaxiiPagingBenchmark extends IntegrationTest {

	static final int PAGE = 1000;
	static final int SAMPLES = 300;
	static final int WARM_UP = 30;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ApiTokens tokens;

	@Autowired
	CollectionAdministration administration;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Test
	void pageOf1000FromALargeCollection() throws Exception {
		int objects = Integer.getInteger("bench.objects", 1_000_000);
		var org = fixtures.organisation(OrganisationType.INFORMATION_HUB);
		var user = fixtures.user(org, Role.ANALYST);
		var admin = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN);
		var collection = administration.create(admin.principal(), "Bench " + UUID.randomUUID(), null, null,
				new CollectionAdministration.Access(false, false, List.of(new Grant(org.id(), null, null, true, false))));
		var token = tokens.create(user.principal(), "bench", EnumSet.of(ApiScope.INTEL_READ), 1).clearToken();
		var base = Instant.parse("2025-01-01T00:00:00Z");

		long loadStart = System.nanoTime();
		try (var connection = dataSource.getConnection()) {
			var copy = connection.unwrap(PGConnection.class).getCopyAPI();
			copy.copyIn("copy intel_object (collection_id, stix_id, stix_type, spec_version, version, version_at, date_added, "
					+ "is_first, is_last, raw, content) from stdin", new Rows(collection.id(), objects, base));
		}
		double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
		jdbc.sql("update intel_collection set last_added_at = :last where id = :id")
			.param("last", base.plus(objects, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
			.param("id", collection.id())
			.update();
		jdbc.sql("analyze intel_object").update();
		System.out.printf("%nTAXII paging benchmark: %,d objects loaded by COPY in %.1f s (%,.0f objects/s, indexes in place)%n",
				objects, loadSeconds, objects / loadSeconds);

		var http = HttpClient.newHttpClient();
		var path = "http://localhost:" + port + "/taxii2/intel/collections/" + collection.id() + "/objects/?limit=" + PAGE;
		var random = new Random(42);
		var httpTimes = new ArrayList<Long>();
		var sqlTimes = new ArrayList<Long>();
		for (int i = 0; i < WARM_UP + SAMPLES; i++) {
			int position = random.nextInt(Math.max(1, objects - PAGE));
			var after = StixTime.format(base.plus(position, ChronoUnit.MICROS));
			long t0 = System.nanoTime();
			var response = http.send(HttpRequest.newBuilder(URI.create(path + "&added_after=" + after))
				.header("Accept", "application/taxii+json;version=2.1")
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			long t1 = System.nanoTime();
			if (response.statusCode() != 200) {
				throw new IllegalStateException("HTTP " + response.statusCode() + ": " + new String(response.body()));
			}
			var rows = jdbc.sql("""
					select seq, raw from intel_object
					where collection_id = :c and is_last and date_added > :after
					order by date_added, seq limit :limit
					""")
				.param("c", collection.id())
				.param("after", OffsetDateTime.parse(after))
				.param("limit", PAGE + 1)
				.query((rs, n) -> rs.getString("raw"))
				.list();
			long t2 = System.nanoTime();
			if (rows.size() < PAGE) {
				throw new IllegalStateException("short page: " + rows.size());
			}
			if (i >= WARM_UP) {
				httpTimes.add(t1 - t0);
				sqlTimes.add(t2 - t1);
			}
		}
		// Following next from the start for a stretch: the keyset path a client walking the collection takes.
		var nextTimes = new ArrayList<Long>();
		String next = null;
		for (int i = 0; i < Math.min(100, objects / PAGE - 1); i++) {
			long t0 = System.nanoTime();
			var response = http.send(HttpRequest.newBuilder(URI.create(path + (next == null ? "" : "&next=" + next)))
				.header("Accept", "application/taxii+json;version=2.1")
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofString());
			nextTimes.add(System.nanoTime() - t0);
			var body = response.body();
			int at = body.indexOf("\"next\":\"");
			next = body.substring(at + 8, body.indexOf('"', at + 8));
		}
		System.out.printf("Get Objects, limit=%d, %d random added_after positions over %,d objects:%n", PAGE, SAMPLES, objects);
		System.out.printf("  TAXII over HTTP (auth, query, envelope): p50 %6.2f ms  p99 %6.2f ms%n", pct(httpTimes, 50), pct(httpTimes, 99));
		System.out.printf("  raw SQL, same page (JDBC, same pool):    p50 %6.2f ms  p99 %6.2f ms%n", pct(sqlTimes, 50), pct(sqlTimes, 99));
		System.out.printf("  TAXII following next (%d pages):          p50 %6.2f ms  p99 %6.2f ms%n%n", nextTimes.size(),
				pct(nextTimes, 50), pct(nextTimes, 99));
	}

	private static double pct(List<Long> nanos, int percentile) {
		var sorted = nanos.stream().mapToLong(Long::longValue).toArray();
		Arrays.sort(sorted);
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, index)] / 1e6;
	}

	/** COPY text rows, generated as they are read: one indicator per row, date_added one microsecond apart. */
	private static final class Rows extends GeneratedRows {

		private final UUID collection;
		private final Instant base;
		private final Random random = new Random(7);

		Rows(UUID collection, int total, Instant base) {
			super(total);
			this.collection = collection;
			this.base = base;
		}

		@Override
		String line(int row) {
			var id = "indicator--" + new UUID(random.nextLong(), random.nextLong()).toString().replaceFirst("^(.{14}).", "$14")
				.replaceFirst("^(.{19}).", "$1a");
			var modified = "2024-0" + (1 + row % 9) + "-15T10:00:00.000Z";
			var raw = "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id + "\",\"created\":\"2024-01-01T00:00:00.000Z\","
					+ "\"modified\":\"" + modified + "\",\"name\":\"Bench indicator " + row + "\",\"indicator_types\":[\"malicious-activity\"],"
					+ "\"pattern\":\"[ipv4-addr:value = '10." + (row >> 16 & 255) + "." + (row >> 8 & 255) + "." + (row & 255) + "']\","
					+ "\"pattern_type\":\"stix\",\"valid_from\":\"2024-01-01T00:00:00Z\"}";
			var dateAdded = StixTime.format(base.plus(row + 1, ChronoUnit.MICROS));
			return collection + "\t" + id + "\tindicator\t2.1\t" + modified + "\t" + modified + "\t" + dateAdded + "\tt\tt\t" + raw
					+ "\t" + raw + "\n";
		}
	}
}
