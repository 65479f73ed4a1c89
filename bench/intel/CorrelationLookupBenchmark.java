package org.kakehashi.bench.intel;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.intel.correlation.Correlations;
import org.kakehashi.intel.correlation.ObservableKind;
import org.kakehashi.intel.correlation.ObservableValue;
import org.kakehashi.intel.store.CollectionAdministration;
import org.kakehashi.intel.store.Grant;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Correlation lookups at scale: loads {@code bench.objects} observables (default 1,000,000; the figure is
 * 10,000,000) into the index with PostgreSQL COPY (indexes dropped during the load and rebuilt from their own
 * definitions, then ANALYZE), then times lookups through {@link Correlations#find} — the same call the API makes:
 * object probe filtered by readable collections, false-positive join, sightings, report probe — for an exact IPv4
 * address, an address inside a stored CIDR network, a subdomain of a stored domain (parent and subdomain probes), a
 * SHA-256 in upper case, an exact IPv6 address and an IPv4 /24 network, beside a primary-key lookup on the same table
 * in the same run. Run:
 * {@code ./mvnw -o test -Pbench -Dtest=CorrelationLookupBenchmark -Dbench.objects=10000000}.
 */
class CorrelationLookupBenchmark extends IntegrationTest {

	static final int SOURCES = 1000;
	static final int SAMPLES = 2000;
	static final int WARM_UP = 300;

	@Autowired Fixtures fixtures;
	@Autowired ApiTokens tokens;
	@Autowired CollectionAdministration administration;
	@Autowired Correlations correlations;
	@Autowired DataSource dataSource;
	@Autowired JdbcClient jdbc;

	@Test
	void lookupsInALargeIndex() throws Exception {
		int total = Integer.getInteger("bench.objects", 1_000_000);
		var org = fixtures.organisation(OrganisationType.INFORMATION_HUB, "ELECTRICITY");
		var user = fixtures.user(org, Role.ANALYST);
		var admin = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN);
		var collection = administration.create(admin.principal(), "Bench " + UUID.randomUUID(), null, null,
				new CollectionAdministration.Access(false, false, List.of(new Grant(org.id(), null, null, true, false))));
		// The objects the index rows point at: a thousand indicators, each the source of many values.
		jdbc.sql("""
				insert into intel_object (collection_id, stix_id, stix_type, spec_version, version, version_at, date_added,
				                          is_first, is_last, raw, content)
				select :c, 'indicator--' || gen_random_uuid(), 'indicator', '2.1', '2024-01-01T00:00:00.000Z',
				       '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'::timestamptz + n * interval '1 microsecond', true, true,
				       '{}', '{}'
				from generate_series(1, :n) n
				""").param("c", collection.id()).param("n", SOURCES).update();
		record Source(long seq, String stixId) {
		}
		var sources = jdbc.sql("select seq, stix_id from intel_object where collection_id = :c order by seq")
			.param("c", collection.id())
			.query((rs, n) -> new Source(rs.getLong(1), rs.getString(2)))
			.list();

		var indexes = jdbc.sql("select indexname, indexdef from pg_indexes where tablename = 'intel_observable' and indexname not like '%pkey'")
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).list();
		indexes.forEach(i -> jdbc.sql("drop index " + i[0]).update());
		var rows = new Rows(total, collection.id(), sources.stream().map(Source::seq).toList(),
				sources.stream().map(Source::stixId).toList());
		long t0 = System.nanoTime();
		try (var connection = dataSource.getConnection()) {
			connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy intel_observable (kind, value, match_key, network, "
					+ "source_kind, object_seq, collection_id, stix_id, stix_type, first_seen, last_seen) from stdin", rows);
		}
		long t1 = System.nanoTime();
		try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
			statement.execute("set maintenance_work_mem = '256MB'");
			for (var index : indexes) {
				statement.execute(index[1]);
			}
			statement.execute("analyze intel_observable");
		}
		long t2 = System.nanoTime();
		var size = jdbc.sql("select pg_size_pretty(pg_total_relation_size('intel_observable'))").query(String.class).single();
		System.out.printf(Locale.ROOT, "%nCorrelation lookup benchmark: %,d observables COPY'd in %.1f s (%,.0f rows/s), %d indexes "
				+ "rebuilt + ANALYZE in %.1f s; table with indexes %s%n", total, (t1 - t0) / 1e9, total / ((t1 - t0) / 1e9),
				indexes.size(), (t2 - t1) / 1e9, size);

		var viewer = new Viewer(user.id(), org.id(), OrganisationType.INFORMATION_HUB, List.of("ELECTRICITY"), Set.of(Role.ANALYST));
		var audience = new Correlations.Audience(java.util.Map.of(collection.id(), collection.title()), viewer);
		var random = new Random(99);
		long maxId = jdbc.sql("select max(id) from intel_observable").query(Long.class).single();
		long minId = jdbc.sql("select min(id) from intel_observable").query(Long.class).single();

		var reference = time(random, () -> {
			long id = minId + (long) (random.nextDouble() * (maxId - minId));
			return () -> jdbc.sql("select * from intel_observable where id = :id").param("id", id).query().listOfRows().size();
		});
		var exactIp = lookups(audience, random, () -> value(ObservableKind.IPV4, rows.sample(rows.ipv4, random)));
		var inCidr = lookups(audience, random, () -> value(ObservableKind.IPV4, rows.insideCidr(random)));
		var domain = lookups(audience, random, () -> value(ObservableKind.DOMAIN, "login." + rows.sample(rows.domains, random)));
		var hash = lookups(audience, random, () -> value(ObservableKind.SHA256, rows.sample(rows.sha256, random).toUpperCase(Locale.ROOT)));
		var ipv6 = lookups(audience, random, () -> value(ObservableKind.IPV6, rows.sample(rows.ipv6, random)));
		var network = lookups(audience, random, () -> {
			var ip = rows.sample(rows.ipv4, random);
			return value(ObservableKind.IPV4, ip.substring(0, ip.lastIndexOf('.')) + ".0/24");
		});
		var plans = jdbc.sql("""
				select sum(generic_plans) as generic, sum(custom_plans) as custom from pg_prepared_statements
				where statement like '%from intel_observable o%'
				""").query((rs, n) -> rs.getLong("generic") + " generic / " + rs.getLong("custom") + " custom").single();
		var genericPlans = genericPlans(jdbc.sql("select statement from pg_prepared_statements where statement like '%from intel_observable o%'")
			.query(String.class).list());

		// The service's condition for a single address (see Correlations.Match), with the enclosing networks in :v.
		var single = "o.network is not null and o.network = any(cast(:v as text[])::inet[])";
		var rawIp = rawProbe(collection.id(), random, single, () -> enclosing(rows.sample(rows.ipv4, random)));
		var rawCidr = rawProbe(collection.id(), random, single, () -> enclosing(rows.insideCidr(random)));
		var rawHash = rawProbe(collection.id(), random, "o.kind = 'sha256' and o.match_key = :v", () -> rows.sample(rows.sha256, random));

		var token = tokens.create(user.principal(), "bench", EnumSet.of(ApiScope.INTEL_READ, ApiScope.REPORTS_READ), 1).clearToken();
		var http = HttpClient.newHttpClient();
		var overHttp = time(random, () -> {
			var ip = rows.sample(rows.ipv4, random);
			return () -> {
				try {
					var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
							+ "/api/v1/intel/observables?type=ipv4&value=" + URLEncoder.encode(ip, StandardCharsets.UTF_8)))
						.header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
							HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() != 200 || !response.body().contains("\"exact\"")) {
						throw new IllegalStateException(response.statusCode() + " " + response.body());
					}
					return 1;
				} catch (java.io.IOException e) {
					throw new IllegalStateException(e);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(e);
				}
			};
		});

		System.out.printf(Locale.ROOT, "%d lookups each (after %d warm-up), %,d observables, 1 readable collection + report probe:%n",
				SAMPLES, WARM_UP, total);
		print("reference: primary-key row by id (same table)", reference);
		print("exact IPv4 address", exactIp);
		print("IPv4 address inside a stored CIDR", inCidr);
		print("domain: parents + subdomains of login.<d>", domain);
		print("SHA-256, upper case", hash);
		print("exact IPv6 address", ipv6);
		print("IPv4 /24 network (stored inside + holding it)", network);
		System.out.println("  plans of the service's lookup statements on one connection: " + plans);
		System.out.println(genericPlans);
		print("raw SQL object probe: exact IPv4", rawIp);
		print("raw SQL object probe: IPv4 inside CIDR", rawCidr);
		print("raw SQL object probe: SHA-256", rawHash);
		print("exact IPv4 over HTTP (token, JSON)", overHttp);
		System.out.println();
	}

	/** The generic plan of each lookup statement, with the settings the service gives ranged lookups. */
	private String genericPlans(List<String> statements) throws java.sql.SQLException {
		var text = new StringBuilder();
		// EXPLAIN (GENERIC_PLAN) takes the $n placeholders as they are, which only the simple query protocol allows.
		var hikari = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class);
		var url = hikari.getJdbcUrl() + (hikari.getJdbcUrl().contains("?") ? "&" : "?") + "preferQueryMode=simple";
		try (var connection = java.sql.DriverManager.getConnection(url, hikari.getUsername(), hikari.getPassword());
				var statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute("select set_config('plan_cache_mode', 'force_generic_plan', true),"
					+ " set_config('max_parallel_workers_per_gather', '0', true)");
			for (var sql : statements) {
				text.append("  generic plan of ").append(sql.replaceAll("\\s+", " "), 0, 60).append("...:\n");
				try (var plan = statement.executeQuery("explain (generic_plan, costs off) " + sql)) {
					while (plan.next()) {
						text.append("    ").append(plan.getString(1)).append('\n');
					}
				}
			}
			connection.rollback();
		}
		return text.toString();
	}

	/** The address under each of its prefixes, as the service binds them. */
	private static String[] enclosing(String address) {
		return value(ObservableKind.IPV4, address).network().enclosing().stream()
			.map(n -> n.single() ? n + "/" + n.prefix() : n.toString()).toArray(String[]::new);
	}

	/** The object probe alone, as the service sends it (the readable-collection filter included). */
	private long[] rawProbe(UUID collection, Random random, String match, Supplier<Object> values) {
		return time(random, () -> {
			var value = values.get();
			return () -> jdbc.sql("select o.kind, o.value, o.collection_id, o.stix_id, o.first_seen, o.last_seen from intel_observable o "
					+ "where o.source_kind = 'STIX_OBJECT' and o.collection_id = any(:readable) and " + match
					+ " order by o.last_seen desc, o.id limit 101")
				.param("readable", new UUID[] { collection }).param("v", value).query().listOfRows().size();
		});
	}

	private static ObservableValue value(ObservableKind kind, String text) {
		return ObservableValue.of(kind, text).orElseThrow(() -> new IllegalStateException(kind + " " + text));
	}

	private long[] lookups(Correlations.Audience audience, Random random, Supplier<ObservableValue> values) {
		return time(random, () -> {
			var value = values.get();
			return () -> {
				var found = correlations.find(audience, value, Correlations.Except.NOTHING, 100);
				if (found.occurrences().isEmpty()) {
					throw new IllegalStateException("nothing found for " + value);
				}
				return found.occurrences().size();
			};
		});
	}

	private static long[] time(Random random, Supplier<Supplier<Integer>> cases) {
		var times = new long[SAMPLES];
		for (int i = 0; i < WARM_UP + SAMPLES; i++) {
			var run = cases.get();
			long t0 = System.nanoTime();
			run.get();
			long t = System.nanoTime() - t0;
			if (i >= WARM_UP) {
				times[i - WARM_UP] = t;
			}
		}
		Arrays.sort(times);
		return times;
	}

	private static void print(String label, long[] sorted) {
		System.out.printf(Locale.ROOT, "  %-48s p50 %6.3f ms  p99 %6.3f ms%n", label, pct(sorted, 50), pct(sorted, 99));
	}

	private static double pct(long[] sorted, int percentile) {
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, index)] / 1e6;
	}

	/**
	 * COPY text rows generated as they are read. Of every 20: 6 IPv4 addresses, 1 IPv4 network (/16 to /29), 1 IPv6,
	 * 5 domains, 2 URLs, 1 e-mail, 2 SHA-256, 1 MD5, 1 SHA-1; random values, so matches are rare except by design.
	 * A sample of each kind is kept for the lookups.
	 */
	private static final class Rows extends GeneratedRows {

		final List<String> ipv4 = new ArrayList<>();
		final List<long[]> cidrs = new ArrayList<>();
		final List<String> domains = new ArrayList<>();
		final List<String> sha256 = new ArrayList<>();
		final List<String> ipv6 = new ArrayList<>();
		private final int total;
		private final String collection;
		private final List<Long> seqs;
		private final List<String> stixIds;
		private final Random random = new Random(7);
		private final HexFormat hex = HexFormat.of();
		Rows(int total, UUID collection, List<Long> seqs, List<String> stixIds) {
			super(total);
			this.total = total;
			this.collection = collection.toString();
			this.seqs = seqs;
			this.stixIds = stixIds;
		}

		String sample(List<String> values, Random random) {
			return values.get(random.nextInt(values.size()));
		}

		/** An address inside one of the stored networks. */
		String insideCidr(Random random) {
			var cidr = cidrs.get(random.nextInt(cidrs.size()));
			long hostBits = (1L << (32 - cidr[1])) - 1;
			return dotted(cidr[0] | (random.nextLong() & hostBits));
		}

		@Override
		String line(int row) {
			int slot = row % 20;
			boolean keep = (row / 20) % Math.max(1, total / 200_000) == 0;
			String kind;
			String value;
			String key;
			String network = "\\N";
			if (slot < 6) {
				kind = "ipv4";
				value = dotted(random.nextInt() & 0xffffffffL);
				key = value;
				network = value + "/32";
				if (keep) {
					ipv4.add(value);
				}
			} else if (slot == 6) {
				kind = "ipv4";
				int prefix = 16 + random.nextInt(14);
				long base = (random.nextInt() & 0xffffffffL) & ((0xffffffffL << (32 - prefix)) & 0xffffffffL);
				value = dotted(base) + "/" + prefix;
				key = value;
				network = value;
				if (keep) {
					cidrs.add(new long[] { base, prefix });
				}
			} else if (slot == 7) {
				kind = "ipv6";
				value = "2001:db8:" + Integer.toHexString(random.nextInt(0x10000)) + ":" + Integer.toHexString(random.nextInt(0x10000))
						+ "::" + Integer.toHexString(1 + random.nextInt(0xffff));
				key = value;
				network = value + "/128";
				if (keep) {
					ipv6.add(value);
				}
			} else if (slot < 13) {
				kind = "domain";
				value = label() + ".d" + random.nextInt(2_000_000) + ".example";
				key = ObservableValue.reversed(value);
				if (keep) {
					domains.add(value);
				}
			} else if (slot < 15) {
				kind = "url";
				value = "https://d" + random.nextInt(2_000_000) + ".example/" + label() + "/" + label();
				key = value;
			} else if (slot == 15) {
				kind = "email";
				value = label() + "@d" + random.nextInt(2_000_000) + ".example";
				key = value;
			} else {
				int bytes = slot < 18 ? 32 : slot == 18 ? 16 : 20;
				kind = slot < 18 ? "sha256" : slot == 18 ? "md5" : "sha1";
				var b = new byte[bytes];
				random.nextBytes(b);
				value = hex.formatHex(b);
				key = value;
				if (keep && bytes == 32) {
					sha256.add(value);
				}
			}
			int source = row % seqs.size();
			return kind + "\t" + value + "\t" + key + "\t" + network + "\tSTIX_OBJECT\t" + seqs.get(source) + "\t" + collection + "\t"
					+ stixIds.get(source) + "\tindicator\t2024-01-01 00:00:00+00\t2024-06-01 00:00:00+00\n";
		}

		private String label() {
			var chars = new char[6 + random.nextInt(6)];
			for (int i = 0; i < chars.length; i++) {
				chars[i] = (char) ('a' + random.nextInt(26));
			}
			return new String(chars);
		}

		private static String dotted(long v) {
			return ((v >> 24) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff);
		}
	}
}
