package org.kakehashi.bench;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.Organisations;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.platform.Ids;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.warnings.internal.Urgency;
import org.kakehashi.warnings.internal.WarningContent;
import org.kakehashi.warnings.internal.WarningViewer;
import org.kakehashi.warnings.internal.Warnings;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Early-warning fan-out: {@code bench.organisations} operators (default 10,000) with {@code bench.users-per-organisation}
 * users each (default 3) hold prior agreements with one coordinator, all with the WEBHOOK channel pointing at a local
 * HTTP sink. One warning is published. Times (a) the publish transaction that writes every inbox row
 * ({@code warning_recipient}) and outbox row ({@code warning_delivery}), beside a raw INSERT … SELECT of the same
 * rows; (b) from commit until the sink has every webhook (distinct idempotency keys, signatures checked on a sample)
 * and until every outbox row is marked SENT; (c) acknowledgements through the service from several threads. Not a
 * test: run with {@code ./mvnw -Pbench test -Dtest=WarningFanoutBenchmark} (see bench/README.md).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"logging.level.root=WARN", "kakehashi.warnings.review-required=false",
		"kakehashi.warnings.delivery.parallelism=${bench.parallelism:32}",
		"kakehashi.warnings.delivery.poll-interval=1s",
		"spring.datasource.hikari.maximum-pool-size=${bench.pool:48}" })
class WarningFanoutBenchmark {

	static final int ORGANISATIONS = Integer.getInteger("bench.organisations", 10_000);
	static final int USERS_PER_ORGANISATION = Integer.getInteger("bench.users-per-organisation", 3);
	static final int ACKS = Integer.getInteger("bench.acks", 2_000);
	static final int ACK_THREADS = Integer.getInteger("bench.ack-threads", 8);
	static final int SINK_THREADS = Integer.getInteger("bench.sink-threads", 32);
	static final String DATABASE = ScratchDatabase.newName();
	static final String SECRET = "fan-out benchmark signing key";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) throws SQLException {
		ScratchDatabase.create(registry, DATABASE);
	}

	@AfterAll
	static void dropDatabase() throws SQLException {
		ScratchDatabase.drop(DATABASE);
	}

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Organisations organisations;

	@Autowired
	Users users;

	@Autowired
	Warnings warnings;

	record Member(UUID userId, UUID organisationId) {
	}

	@Test
	void warningFanOut() throws Exception {
		System.out.printf(Locale.ROOT, "%n== Kakehashi early-warning fan-out: %,d organisations, %,d users, all with "
				+ "INBOX+WEBHOOK agreements, PostgreSQL %s, database %s%n", ORGANISATIONS,
				ORGANISATIONS * USERS_PER_ORGANISATION, jdbc.sql("show server_version").query(String.class).single(),
				DATABASE);
		var sink = new Sink();
		try {
			var centreOrg = organisations.create(new Organisations.Draft("Fan-out coordinator", null,
					OrganisationType.COORDINATOR, null, null, false, List.of()));
			var analyst = users.create(centreOrg.id(), "ew-analyst@bench.example", "Analyst", null, Set.of(Role.ANALYST));
			var sender = new WarningViewer(analyst.id(), centreOrg.id(), OrganisationType.COORDINATOR, Set.of(Role.ANALYST));

			var started = System.nanoTime();
			var members = load(centreOrg.id(), analyst.id(), sink.url());
			System.out.printf(Locale.ROOT, "load: %,d organisations, %,d users, %,d agreements by COPY in %.1f s%n",
					ORGANISATIONS, members.size(), ORGANISATIONS, (System.nanoTime() - started) / 1e9);

			var reference = referenceInsert(sender);

			var draft = warnings.create(sender, content("Fan-out warning"));
			sink.expect(ORGANISATIONS);
			var t0 = System.nanoTime();
			warnings.publish(sender, draft.id());
			var committed = System.nanoTime();
			var recipients = count("select count(*) from warning_recipient where warning_id = :id", draft.id());
			var outbox = count("select count(*) from warning_delivery where warning_id = :id", draft.id());
			if (!sink.all.await(600, TimeUnit.SECONDS)) {
				throw new IllegalStateException(sink.all.getCount() + " webhooks never arrived");
			}
			var lastWebhook = sink.last.get();
			while (count("select count(*) from warning_delivery where warning_id = :id and status = 'SENT'", draft.id())
					< outbox) {
				Thread.sleep(20);
			}
			var allMarked = System.nanoTime();

			var acks = acknowledge(draft.id(), members);

			var publishMillis = (committed - t0) / 1e6;
			var webhookSeconds = (lastWebhook - committed) / 1e9;
			System.out.printf(Locale.ROOT, "%n(a) publish transaction: %,d inbox rows + %,d outbox rows committed in "
					+ "%.1f ms  (reference: raw INSERT … SELECT of the same %,d + %,d rows + commit: %.1f ms)%n",
					recipients, outbox, publishMillis, reference.recipients(), reference.deliveries(), reference.millis());
			System.out.printf(Locale.ROOT, "(b) all %,d webhooks received by the local sink %.2f s after commit "
					+ "(%,.0f calls/s; first after %.1f ms); all rows marked SENT after %.2f s; duplicates %d, "
					+ "signatures checked %d (bad %d)%n", sink.keys.size(), webhookSeconds, sink.keys.size() / webhookSeconds,
					(sink.first.get() - committed) / 1e6, (allMarked - committed) / 1e9, sink.duplicates.get(),
					sink.checked.get(), sink.badSignatures.get());
			System.out.printf(Locale.ROOT, "(c) %,d acknowledgements through Warnings.acknowledge on %d threads in "
					+ "%.2f s: %,.0f acks/s%n", acks.count(), ACK_THREADS, acks.seconds(), acks.count() / acks.seconds());
			System.out.printf(Locale.ROOT, "%nSummary: fan-out to %,d organisations / %,d users: inbox + outbox rows "
					+ "committed in %.0f ms (target ≤ 2,000 ms; raw INSERT … SELECT %.0f ms), all webhooks delivered in "
					+ "%.1f s (target ≤ 30 s), %,.0f acknowledgements/s%n", ORGANISATIONS, members.size(), publishMillis,
					reference.millis(), webhookSeconds, acks.count() / acks.seconds());
		}
		finally {
			sink.close();
		}
	}

	private static WarningContent content(String title) {
		return new WarningContent(Urgency.CRITICAL, Tlp.AMBER, "広域の遠隔操作脆弱性", title, "概要", "Summary",
				"脅威", "Threat", "直ちに更新を適用する", "Apply the update now", "Gateway 1.0",
				List.of("CVE-2026-12345"), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
	}

	private int count(String sql, UUID id) {
		return jdbc.sql(sql).param("id", id).query(Integer.class).single();
	}

	private List<Member> load(UUID sender, UUID createdBy, String sinkUrl) throws Exception {
		var now = Instant.now().toString();
		var from = LocalDate.now().minusDays(1).toString();
		var orgs = new StringBuilder();
		var sectors = new StringBuilder();
		var people = new StringBuilder();
		var roles = new StringBuilder();
		var agreements = new StringBuilder();
		var members = new ArrayList<Member>();
		for (int o = 0; o < ORGANISATIONS; o++) {
			var org = Ids.newId();
			orgs.append(org).append(",Warning subscriber ").append(o).append(",OPERATOR,MEDIUM,東京都,false,").append(now)
				.append(',').append(now).append('\n');
			sectors.append(org).append(",ELECTRICITY\n");
			for (int u = 0; u < USERS_PER_ORGANISATION; u++) {
				var user = Ids.newId();
				people.append(user).append(',').append(org).append(",ew-").append(o).append('-').append(u)
					.append("@bench.example,User ").append(o).append('-').append(u).append(',').append(now).append('\n');
				roles.append(user).append(",VIEWER\n");
				members.add(new Member(user, org));
			}
			agreements.append(Ids.newId()).append(',').append(sender).append(',').append(org)
				.append(",\"{INBOX,WEBHOOK}\",").append(sinkUrl).append("/hook/").append(o).append(',').append(SECRET)
				.append(',').append(from).append(',').append(createdBy).append(',').append(now).append(',').append(now)
				.append('\n');
		}
		try (var connection = dataSource.getConnection()) {
			var copy = connection.unwrap(PGConnection.class).getCopyAPI();
			copy.copyIn("copy organisation (id, name, type, size_class, prefecture, require_mfa, created_at, updated_at) "
					+ "from stdin (format csv)", new StringReader(orgs.toString()));
			copy.copyIn("copy organisation_sector (organisation_id, sector_code) from stdin (format csv)",
					new StringReader(sectors.toString()));
			copy.copyIn("copy app_user (id, organisation_id, email, display_name, created_at) from stdin (format csv)",
					new StringReader(people.toString()));
			copy.copyIn("copy user_role (user_id, role) from stdin (format csv)", new StringReader(roles.toString()));
			copy.copyIn("copy warning_agreement (id, sender_organisation_id, subscriber_organisation_id, channels, "
					+ "webhook_url, webhook_secret, valid_from, created_by, created_at, updated_at) from stdin (format csv)",
					new StringReader(agreements.toString()));
			try (var s = connection.createStatement()) {
				s.execute("analyze");
			}
		}
		return members;
	}

	record Reference(int recipients, int deliveries, double millis) {
	}

	/** The floor: the same inbox and outbox rows written by two INSERT … SELECTs and committed, nothing else. */
	private Reference referenceInsert(WarningViewer sender) throws SQLException {
		var scratch = warnings.create(sender, content("Reference"));
		try (var connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			var start = System.nanoTime();
			int recipients;
			int deliveries;
			try (var s = connection.prepareStatement("""
					insert into warning_recipient (warning_id, organisation_id, agreement_id, explicit, delivered_at)
					select ?, a.subscriber_organisation_id, a.id, false, now() from warning_agreement a
					 where a.sender_organisation_id = ?
					""")) {
				s.setObject(1, scratch.id());
				s.setObject(2, sender.organisationId());
				recipients = s.executeUpdate();
			}
			try (var s = connection.prepareStatement("""
					insert into warning_delivery (id, warning_id, organisation_id, agreement_id, event, revision, channel,
					                              target, language, idempotency_key, status, next_attempt_at, created_at)
					select gen_random_uuid(), r.warning_id, r.organisation_id, a.id, 'PUBLISHED', 1, 'WEBHOOK',
					       a.webhook_url, a.contact_language, 'ref:' || r.warning_id || ':' || a.id, 'DEAD', now(), now()
					  from warning_recipient r join warning_agreement a on a.id = r.agreement_id
					 where r.warning_id = ?
					""")) {
				s.setObject(1, scratch.id());
				deliveries = s.executeUpdate();
			}
			connection.commit();
			var millis = (System.nanoTime() - start) / 1e6;
			try (var s = connection.prepareStatement("delete from warning where id = ?")) {
				s.setObject(1, scratch.id());
				s.executeUpdate();
			}
			connection.commit();
			return new Reference(recipients, deliveries, millis);
		}
	}

	record Acks(int count, double seconds) {
	}

	/** One user of each of the first {@code bench.acks} organisations acknowledges, from several threads. */
	private Acks acknowledge(UUID warningId, List<Member> members) throws Exception {
		var count = Math.min(ACKS, ORGANISATIONS);
		var pool = Executors.newFixedThreadPool(ACK_THREADS);
		var next = new AtomicInteger();
		var failures = new AtomicInteger();
		var start = System.nanoTime();
		for (int t = 0; t < ACK_THREADS; t++) {
			pool.execute(() -> {
				for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
					var m = members.get(i * USERS_PER_ORGANISATION);
					try {
						warnings.acknowledge(new WarningViewer(m.userId(), m.organisationId(), OrganisationType.OPERATOR,
								Set.of(Role.VIEWER)), warningId, null);
					}
					catch (RuntimeException e) {
						failures.incrementAndGet();
					}
				}
			});
		}
		pool.shutdown();
		pool.awaitTermination(10, TimeUnit.MINUTES);
		var seconds = (System.nanoTime() - start) / 1e9;
		if (failures.get() > 0) {
			throw new IllegalStateException(failures.get() + " acknowledgements failed");
		}
		var stored = count("select count(*) from warning_recipient where warning_id = :id and acknowledged_at is not null",
				warningId);
		if (stored != count) {
			throw new IllegalStateException(stored + " acknowledgements stored, " + count + " made");
		}
		return new Acks(count, seconds);
	}

	/** Subscribers' systems: a local HTTP server that answers 200 and counts distinct idempotency keys. */
	static final class Sink {

		final HttpServer server;
		final java.util.concurrent.ExecutorService threads = Executors.newFixedThreadPool(SINK_THREADS);
		final ConcurrentHashMap<String, Boolean> keys = new ConcurrentHashMap<>();
		final AtomicInteger duplicates = new AtomicInteger();
		final AtomicInteger checked = new AtomicInteger();
		final AtomicInteger badSignatures = new AtomicInteger();
		final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
		final AtomicLong last = new AtomicLong();
		volatile CountDownLatch all = new CountDownLatch(0);

		Sink() throws IOException {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1_000);
			server.setExecutor(threads);
			server.createContext("/", exchange -> {
				try (exchange) {
					var body = exchange.getRequestBody().readAllBytes();
					var headers = exchange.getRequestHeaders();
					var key = headers.getFirst("Idempotency-Key");
					// Check one call in ten as a receiver would (README): the sink stays cheap.
					if (key != null && key.hashCode() % 10 == 0) {
						checked.incrementAndGet();
						if (!signature(headers.getFirst("X-Kakehashi-Timestamp"), body)
							.equals(headers.getFirst("X-Kakehashi-Signature"))) {
							badSignatures.incrementAndGet();
						}
					}
					exchange.sendResponseHeaders(200, -1);
					if (key != null && keys.putIfAbsent(key, Boolean.TRUE) == null) {
						var now = System.nanoTime();
						first.accumulateAndGet(now, Math::min);
						last.accumulateAndGet(now, Math::max);
						all.countDown();
					}
					else {
						duplicates.incrementAndGet();
					}
				}
			});
			server.start();
		}

		String url() {
			return "http://127.0.0.1:" + server.getAddress().getPort();
		}

		void expect(int calls) {
			keys.clear();
			all = new CountDownLatch(calls);
		}

		static String signature(String timestamp, byte[] body) {
			try {
				var mac = Mac.getInstance("HmacSHA256");
				mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
				mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
				return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
			}
			catch (java.security.GeneralSecurityException e) {
				throw new IllegalStateException(e);
			}
		}

		void close() {
			server.stop(0);
			threads.shutdownNow();
		}
	}
}
