package org.kakehashi.bench.intel;

import java.io.BufferedWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.intel.importing.ImportJob;
import org.kakehashi.intel.importing.Imports;
import org.kakehashi.intel.importing.IntelImport;
import org.kakehashi.intel.store.CollectionAdministration;
import org.kakehashi.intel.store.Grant;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Bulk STIX ingest: writes a bundle of {@code bench.objects} indicators (default 1,000,000) to a file, then imports it
 * through the real path (the upload's whole-file check, then the job: streaming parse, STIX validation and observable
 * extraction on a reader thread; per batch of 5,000 under the collection lock one probe of stored versions, COPY into
 * the store and into the observable index, progress). Printed beside it:
 * a raw COPY of the same rows (same columns, JSON parsed to jsonb) into an unindexed scratch table, and into a
 * scratch copy of intel_object with its indexes, both in the same run; and the peak heap used while importing,
 * sampled every 20 ms. Run: {@code ./mvnw -o test -Pbench -Dtest=BulkImportBenchmark -Dbench.objects=1000000}.
 */
@TestPropertySource(properties = { "kakehashi.intel.import.batch-size=5000", "kakehashi.intel.import.max-upload-size=8GB" })
class BulkImportBenchmark extends IntegrationTest {

	@Autowired Fixtures fixtures;
	@Autowired CollectionAdministration administration;
	@Autowired Imports imports;
	@Autowired ImportJob job;
	@Autowired DataSource dataSource;
	@Autowired JdbcClient jdbc;

	@Test
	void millionIndicators() throws Exception {
		int objects = Integer.getInteger("bench.objects", 1_000_000);
		var org = fixtures.organisation(OrganisationType.INFORMATION_HUB);
		var user = fixtures.user(org, Role.ANALYST);
		var admin = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN);
		var collection = administration.create(admin.principal(), "Bench " + UUID.randomUUID(), null, null,
				new CollectionAdministration.Access(false, false, List.of(new Grant(org.id(), null, null, true, true))));

		var file = Files.createTempFile("bench-bundle-", ".json");
		try {
			long t0 = System.nanoTime();
			try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
				out.write("{\"type\":\"bundle\",\"id\":\"bundle--" + UUID.randomUUID() + "\",\"objects\":[\n");
				for (int i = 0; i < objects; i++) {
					if (i > 0) {
						out.write(",\n");
					}
					out.write(indicator(i));
				}
				out.write("\n]}\n");
			}
			long bytes = Files.size(file);
			System.out.printf("%nBulk import benchmark: %,d indicators, bundle of %,d MB written in %.1f s%n", objects,
					bytes >> 20, (System.nanoTime() - t0) / 1e9);

			var copy = Files.createTempFile("bench-upload-", ".json");
			Files.copy(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			var memory = ManagementFactory.getMemoryMXBean();
			System.gc();
			long heapBefore = memory.getHeapMemoryUsage().getUsed();
			var peak = new AtomicLong(heapBefore);
			var sampler = new Thread(() -> {
				while (!Thread.currentThread().isInterrupted()) {
					peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
					try {
						Thread.sleep(20);
					} catch (InterruptedException e) {
						Thread.currentThread().interrupt();
					}
				}
			});
			sampler.setDaemon(true);
			sampler.start();
			long gcBefore = gcMillis();

			long c0 = System.nanoTime();
			var created = imports.submit(user.principal(), imports.reader(user.principal(), true, true),
					collection.id().toString(), IntelImport.Format.STIX_BUNDLE, "bench.json", copy);
			double checkSeconds = (System.nanoTime() - c0) / 1e9;
			long j0 = System.nanoTime();
			job.runPending();
			double jobSeconds = (System.nanoTime() - j0) / 1e9;
			sampler.interrupt();
			sampler.join();
			long gc = gcMillis() - gcBefore;
			var done = imports.find(user.principal(), created.id()).orElseThrow();
			if (done.status() != IntelImport.Status.COMPLETED || done.objectsStored() != objects) {
				throw new IllegalStateException("import did not complete: " + done);
			}
			long indexed = jdbc.sql("select count(*) from intel_observable where collection_id = :c").param("c", collection.id())
				.query(Long.class).single();
			if (indexed != objects) {
				throw new IllegalStateException("the observable index holds " + indexed + " entries, not " + objects);
			}

			// References in the same run: the Java side alone (no database), then the same rows by raw COPY.
			long p0 = System.nanoTime();
			long parsed = ImportJob.parseAndValidateOnly(file, 5000);
			double parseSeconds = (System.nanoTime() - p0) / 1e9;
			jdbc.sql("create table bench_copy_plain (like intel_object including defaults including identity)").update();
			jdbc.sql("create table bench_copy_indexed (like intel_object including all)").update();
			double plainSeconds = copyInto("bench_copy_plain", collection.id(), objects);
			double indexedSeconds = copyInto("bench_copy_indexed", collection.id(), objects);
			jdbc.sql("drop table bench_copy_plain").update();
			jdbc.sql("drop table bench_copy_indexed").update();

			double rate = objects / jobSeconds;
			double overall = objects / (jobSeconds + checkSeconds);
			System.out.printf("  import job (parse, validate, probe, COPY store + index):     %6.1f s  %,9.0f objects/s%n",
					jobSeconds, rate);
			System.out.printf("  upload check of the whole file (UTF-8, JSON, shape, count):  %6.1f s  (%,.0f objects/s with the job)%n",
					checkSeconds, overall);
			System.out.printf("  of which Java alone (stream parse + STIX validation, %,d objects): %6.1f s  %,9.0f objects/s%n",
					parsed, parseSeconds, parsed / parseSeconds);
			System.out.printf("  raw COPY, same rows, unindexed scratch table:                %6.1f s  %,9.0f rows/s  (import = %.0f%%)%n",
					plainSeconds, objects / plainSeconds, 100 * plainSeconds / jobSeconds);
			System.out.printf("  raw COPY, same rows, scratch copy of intel_object + indexes: %6.1f s  %,9.0f rows/s  (import = %.0f%%)%n",
					indexedSeconds, objects / indexedSeconds, 100 * indexedSeconds / jobSeconds);
			System.out.printf("  heap: %d MiB used before, peak %d MiB while importing (max %d MiB); GC time %d ms; %d batches%n%n",
					heapBefore >> 20, peak.get() >> 20, memory.getHeapMemoryUsage().getMax() >> 20, gc, done.batchesDone());
		} finally {
			Files.deleteIfExists(file);
		}
	}

	private double copyInto(String table, UUID collection, int objects) throws Exception {
		long t0 = System.nanoTime();
		try (var connection = dataSource.getConnection()) {
			var copy = connection.unwrap(PGConnection.class).getCopyAPI();
			copy.copyIn("copy " + table + " (collection_id, stix_id, stix_type, spec_version, version, version_at, date_added, "
					+ "is_first, is_last, raw, content) from stdin", new Rows(collection, objects));
		}
		return (System.nanoTime() - t0) / 1e9;
	}

	private static long gcMillis() {
		return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
	}

	static String id(int n) {
		return "indicator--" + new UUID(0x6b616b65_6861_4000L | (n >>> 20), 0x8000_0000_0000_0000L | n);
	}

	static String indicator(int n) {
		return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"" + id(n) + "\",\"created\":\"2024-01-01T00:00:00.000Z\","
				+ "\"modified\":\"2024-02-01T00:00:00.000Z\",\"name\":\"Bench indicator " + n + "\",\"indicator_types\":[\"malicious-activity\"],"
				+ "\"pattern\":\"[ipv4-addr:value = '10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255) + "']\","
				+ "\"pattern_type\":\"stix\",\"valid_from\":\"2024-01-01T00:00:00Z\"}";
	}

	/** The same rows the import stores, as COPY text, generated while read. */
	private static final class Rows extends GeneratedRows {

		private final UUID collection;

		Rows(UUID collection, int total) {
			super(total);
			this.collection = collection;
		}

		@Override
		String line(int row) {
			var raw = indicator(row);
			return collection + "\t" + id(row) + "\tindicator\t2.1\t2024-02-01T00:00:00.000Z\t2024-02-01T00:00:00.000Z\t"
					+ "2025-01-01T00:00:00." + String.format("%06d", row % 1_000_000) + "Z\tt\tt\t" + raw + "\t" + raw + "\n";
		}
	}
}
