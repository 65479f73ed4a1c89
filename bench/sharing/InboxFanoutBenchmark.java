package org.kakehashi.bench;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.Organisations;
import org.kakehashi.identity.internal.Users;
import org.kakehashi.platform.Ids;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.sharing.internal.AudienceEntry;
import org.kakehashi.sharing.internal.AudienceKind;
import org.kakehashi.sharing.internal.Inbox;
import org.kakehashi.sharing.internal.InboxQuery;
import org.kakehashi.sharing.internal.ItemContent;
import org.kakehashi.sharing.internal.SharedItems;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Publication fan-out: 5,000 organisations with 20,000 users, one item published to a group holding all of the
 * organisations. Times (a) the publish transaction that writes 5,000 recipient rows, (b) until N signed-in
 * browsers' event streams (real HTTP, SSE) have all received the news, (c) an inbox query for 1,000 sampled users;
 * beside a raw INSERT … SELECT of 5,000 recipient rows in the same run. Not a test: run with
 * {@code ./mvnw -Pbench test -Dtest=InboxFanoutBenchmark} (see bench/README.md).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"kakehashi.security.sign-in-attempts-per-minute-per-address=1000000",
		"kakehashi.security.api-token-failures-per-minute-per-address=100000", "logging.level.root=WARN" })
class InboxFanoutBenchmark {

	static final int ORGANISATIONS = Integer.getInteger("bench.organisations", 5_000);
	static final int USERS_PER_ORGANISATION = Integer.getInteger("bench.users-per-organisation", 4);
	static final int CLIENTS = Integer.getInteger("bench.clients", 500);
	static final int SAMPLES = Integer.getInteger("bench.samples", 1_000);
	static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
	static final String DATABASE = ScratchDatabase.newName();
	static final String SIGN_IN_PASSWORD = "fan-out benchmark password";
	static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) throws SQLException {
		ScratchDatabase.create(registry, DATABASE);
	}

	@AfterAll
	static void dropDatabase() throws SQLException {
		ScratchDatabase.drop(DATABASE);
	}

	@LocalServerPort
	int port;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Organisations organisations;

	@Autowired
	Users users;

	@Autowired
	SharedItems items;

	@Autowired
	Inbox inbox;

	record Member(UUID userId, UUID organisationId, String email) {
	}

	@Test
	void publicationFanOut() throws Exception {
		System.out.printf(Locale.ROOT, "%n== Kakehashi inbox fan-out: %,d organisations, %,d users, %d SSE clients, "
				+ "PostgreSQL %s, database %s%n", ORGANISATIONS, ORGANISATIONS * USERS_PER_ORGANISATION, CLIENTS,
				jdbc.sql("show server_version").query(String.class).single(), DATABASE);
		var hubOrg = organisations.create(new Organisations.Draft("Fan-out hub", null, OrganisationType.INFORMATION_HUB,
				null, null, false, List.of()));
		var analyst = users.create(hubOrg.id(), "hub-analyst@bench.example", "Analyst", null, Set.of(Role.ANALYST));
		var hub = items.viewer(analyst.principal());

		var started = System.nanoTime();
		var group = UUID.randomUUID();
		var members = load(group);
		System.out.printf(Locale.ROOT, "load: %,d organisations, %,d users, group of %,d by COPY in %.1f s%n",
				ORGANISATIONS, members.size(), ORGANISATIONS, (System.nanoTime() - started) / 1e9);

		var random = new SplittableRandom(42);
		var connected = new ArrayList<Member>();
		for (int i = 0; i < CLIENTS; i++) {
			// One user per organisation, so the clients cover CLIENTS organisations.
			connected.add(members.get(i * USERS_PER_ORGANISATION + random.nextInt(USERS_PER_ORGANISATION)));
		}
		var streams = new Streams(port);
		started = System.nanoTime();
		streams.connect(connected);
		System.out.printf(Locale.ROOT, "clients: %d signed in and streaming in %.1f s%n", CLIENTS,
				(System.nanoTime() - started) / 1e9);

		var sample = new ArrayList<Viewer>();
		for (int i = 0; i < SAMPLES; i++) {
			var m = members.get(random.nextInt(members.size()));
			sample.add(new Viewer(m.userId(), m.organisationId(), OrganisationType.OPERATOR, List.of("ELECTRICITY"),
					Set.of(Role.VIEWER)));
		}

		for (int round = 1; round <= ROUNDS; round++) {
			var reference = referenceInsert(hub, round);
			var draft = items.create(hub, new ItemContent("Fan-out " + round, "本文", "", "", "ja", Tlp.GREEN, List.of(),
					null, null, List.of(), List.of(new AudienceEntry(AudienceKind.GROUP, group.toString()))), List.of());
			var arrivals = streams.expect();
			var t0 = System.nanoTime();
			items.publish(hub, draft.id(), null, null);
			var committed = System.nanoTime();
			var recipients = jdbc.sql("select count(*) from shared_item_recipient where item_id = :id")
				.param("id", draft.id()).query(Integer.class).single();
			if (!arrivals.await(120, TimeUnit.SECONDS)) {
				throw new IllegalStateException(arrivals.getCount() + " clients never received the event");
			}
			var lastArrival = streams.lastArrival();
			var firstArrival = streams.firstArrival();

			var latencies = new double[sample.size()];
			for (int i = 0; i < sample.size(); i++) {
				var s = System.nanoTime();
				var page = inbox.list(sample.get(i), InboxQuery.all(), 0, 25);
				latencies[i] = (System.nanoTime() - s) / 1e6;
				if (page.items().isEmpty() || !page.items().get(0).id().equals(draft.id())) {
					throw new IllegalStateException("the item is not first in a sampled inbox");
				}
			}
			Arrays.sort(latencies);
			var unread = new double[Math.min(200, sample.size())];
			for (int i = 0; i < unread.length; i++) {
				var s = System.nanoTime();
				inbox.unreadCount(sample.get(i));
				unread[i] = (System.nanoTime() - s) / 1e6;
			}
			Arrays.sort(unread);
			System.out.printf(Locale.ROOT, "%nround %d%n", round);
			System.out.printf(Locale.ROOT, "  (a) publish transaction, %,d recipient rows: %.1f ms  "
					+ "(reference: raw INSERT … SELECT of %,d recipient rows + commit: %.1f ms)%n", recipients,
					(committed - t0) / 1e6, reference.rows(), reference.millis());
			System.out.printf(Locale.ROOT, "  (b) all %d SSE clients received the event: %.1f ms after commit "
					+ "(first after %.1f ms)%n", CLIENTS, (lastArrival - committed) / 1e6, (firstArrival - committed) / 1e6);
			System.out.printf(Locale.ROOT, "  (c) inbox first page for %,d sampled users: p50 %.2f ms, p99 %.2f ms; "
					+ "unread count p50 %.2f ms, p99 %.2f ms%n", sample.size(), percentile(latencies, 50),
					percentile(latencies, 99), percentile(unread, 50), percentile(unread, 99));
		}
		streams.close();
	}

	private List<Member> load(UUID group) throws Exception {
		var hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(SIGN_IN_PASSWORD);
		var now = Instant.now().toString();
		var orgs = new StringBuilder();
		var sectors = new StringBuilder();
		var memberships = new StringBuilder();
		var people = new StringBuilder();
		var roles = new StringBuilder();
		var members = new ArrayList<Member>();
		for (int o = 0; o < ORGANISATIONS; o++) {
			var org = Ids.newId();
			orgs.append(org).append(",Fan-out operator ").append(o).append(",OPERATOR,MEDIUM,東京都,false,").append(now)
				.append(',').append(now).append('\n');
			sectors.append(org).append(",ELECTRICITY\n");
			memberships.append(group).append(',').append(org).append(',').append(now).append('\n');
			for (int u = 0; u < USERS_PER_ORGANISATION; u++) {
				var user = Ids.newId();
				var email = "user-" + o + "-" + u + "@bench.example";
				people.append(user).append(',').append(org).append(',').append(email).append(",User ").append(o).append('-')
					.append(u).append(",\"").append(hash).append("\",").append(now).append('\n');
				roles.append(user).append(",VIEWER\n");
				members.add(new Member(user, org, email));
			}
		}
		try (var connection = dataSource.getConnection()) {
			var copy = connection.unwrap(PGConnection.class).getCopyAPI();
			copy.copyIn("copy organisation (id, name, type, size_class, prefecture, require_mfa, created_at, updated_at) "
					+ "from stdin (format csv)", new StringReader(orgs.toString()));
			copy.copyIn("copy organisation_sector (organisation_id, sector_code) from stdin (format csv)",
					new StringReader(sectors.toString()));
			try (var s = connection.prepareStatement("insert into member_group (id, name, kind, requires_nda, created_at) "
					+ "values (?, 'Fan-out group', 'SHARING_GROUP', false, now())")) {
				s.setObject(1, group);
				s.executeUpdate();
			}
			copy.copyIn("copy group_membership (group_id, organisation_id, joined_at) from stdin (format csv)",
					new StringReader(memberships.toString()));
			copy.copyIn("copy app_user (id, organisation_id, email, display_name, password_hash, created_at) "
					+ "from stdin (format csv)", new StringReader(people.toString()));
			copy.copyIn("copy user_role (user_id, role) from stdin (format csv)", new StringReader(roles.toString()));
			try (var s = connection.createStatement()) {
				s.execute("analyze");
			}
		}
		return members;
	}

	record Reference(int rows, double millis) {
	}

	/** The floor: the same 5,000 recipient rows written by one INSERT … SELECT and committed, nothing else. */
	private Reference referenceInsert(Viewer hub, int round) throws SQLException {
		var scratch = items.create(hub, new ItemContent("Reference " + round, "", "", "", "ja", Tlp.GREEN, List.of(), null,
				null, List.of(), List.of(new AudienceEntry(AudienceKind.ORGANISATION, hub.organisationId().toString()))),
				List.of());
		try (var connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			var start = System.nanoTime();
			int rows;
			try (var s = connection.prepareStatement("insert into shared_item_recipient (item_id, organisation_id) "
					+ "select ?, organisation_id from group_membership")) {
				s.setObject(1, scratch.id());
				rows = s.executeUpdate();
			}
			connection.commit();
			var millis = (System.nanoTime() - start) / 1e6;
			try (var s = connection.prepareStatement("delete from shared_item where id = ?")) {
				s.setObject(1, scratch.id());
				s.executeUpdate();
			}
			connection.commit();
			return new Reference(rows, millis);
		}
	}

	static double percentile(double[] sorted, int p) {
		var index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	/** Browsers: each signs in (session cookie) and keeps one event stream open, read without a thread each. */
	static final class Streams {

		private final String base;
		private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		private final List<Flow.Subscription> subscriptions = new ArrayList<>();
		private final ConcurrentHashMap<Integer, Long> arrivals = new ConcurrentHashMap<>();
		private volatile CountDownLatch pending = new CountDownLatch(0);

		Streams(int port) {
			this.base = "http://localhost:" + port;
		}

		void connect(List<Member> members) throws Exception {
			var ready = new CountDownLatch(members.size());
			for (int i = 0; i < members.size(); i++) {
				var cookie = signIn(members.get(i).email());
				var client = i;
				var request = HttpRequest.newBuilder(URI.create(base + "/sharing/inbox/events"))
					.header("Accept", "text/event-stream").header("Cookie", cookie).GET().build();
				http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
					String event = "";

					@Override
					public void onSubscribe(Flow.Subscription subscription) {
						synchronized (subscriptions) {
							subscriptions.add(subscription);
						}
						subscription.request(Long.MAX_VALUE);
					}

					@Override
					public void onNext(String line) {
						if (line.startsWith("event:")) {
							event = line.substring(6).strip();
						}
						else if (line.isEmpty()) {
							if (event.equals("ready")) {
								ready.countDown();
							}
							else if (event.equals("inbox")) {
								arrivals.put(client, System.nanoTime());
								pending.countDown();
							}
							event = "";
						}
					}

					@Override
					public void onError(Throwable throwable) {
					}

					@Override
					public void onComplete() {
					}
				}));
			}
			if (!ready.await(120, TimeUnit.SECONDS)) {
				throw new IllegalStateException(ready.getCount() + " streams did not open");
			}
		}

		CountDownLatch expect() {
			arrivals.clear();
			pending = new CountDownLatch(CLIENTS);
			return pending;
		}

		long lastArrival() {
			return arrivals.values().stream().mapToLong(Long::longValue).max().orElseThrow();
		}

		long firstArrival() {
			return arrivals.values().stream().mapToLong(Long::longValue).min().orElseThrow();
		}

		void close() {
			synchronized (subscriptions) {
				subscriptions.forEach(Flow.Subscription::cancel);
			}
		}

		/** The password form, as a browser fills it; returns the signed-in session's cookies. */
		private String signIn(String email) throws Exception {
			var page = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			var cookies = cookies(page, "");
			var csrf = CSRF.matcher(page.body());
			if (!csrf.find()) {
				throw new IllegalStateException("no CSRF token on the sign-in page");
			}
			var form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
					+ URLEncoder.encode(SIGN_IN_PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
					+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
			var signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
				.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
			if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("location").orElse("").contains("error")) {
				throw new IllegalStateException("sign-in failed for " + email + ": " + signedIn.statusCode());
			}
			return cookies(signedIn, cookies);
		}

		private static String cookies(HttpResponse<?> response, String previous) {
			var jar = new java.util.LinkedHashMap<String, String>();
			for (var pair : previous.split("; ")) {
				if (pair.contains("=")) {
					jar.put(pair.substring(0, pair.indexOf('=')), pair);
				}
			}
			for (var header : response.headers().allValues("set-cookie")) {
				var pair = header.split(";", 2)[0];
				jar.put(pair.substring(0, pair.indexOf('=')), pair);
			}
			return jar.values().stream().collect(Collectors.joining("; "));
		}
	}
}
