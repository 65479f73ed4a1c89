package org.kakehashi.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.Organisation;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.sharing.internal.ItemContent;
import org.kakehashi.sharing.internal.SharedItem;
import org.kakehashi.sharing.internal.SharedItems;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live inbox updates over real HTTP: a publication (PostgreSQL NOTIFY at commit) reaches the event streams of
 * the connected recipients with their new unread count, and nobody else's; a NOTIFY sent on another connection,
 * as another node would, arrives the same way.
 */
class InboxLiveTests extends IntegrationTest {

	/** Generous: the listener polls every 5 s at worst; this bounds a hang, it times nothing. */
	static final long WAIT_SECONDS = 30;

	@Autowired
	Fixtures fixtures;

	@Autowired
	SharedItems items;

	@Autowired
	DataSource dataSource;

	@Autowired
	JsonMapper json;

	record Event(String name, String data) {
	}

	@Test
	void aPublicationReachesTheStreamsOfConnectedRecipientsOnly() throws Exception {
		var analyst = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.ANALYST);
		var hub = items.viewer(analyst.principal());
		var orgA = fixtures.organisation(OrganisationType.OPERATOR, "WATER");
		var orgB = fixtures.organisation(OrganisationType.OPERATOR, "WATER");
		var recipient = fixtures.user(orgA, Role.VIEWER);
		var other = fixtures.user(orgB, Role.VIEWER);

		var recipientEvents = open(recipient);
		var otherEvents = open(other);
		assertThat(next(recipientEvents).name()).isEqualTo("ready");
		assertThat(next(otherEvents).name()).isEqualTo("ready");

		var first = publish(hub, "断水を狙う攻撃", orgA);
		var arrived = next(recipientEvents);
		assertThat(arrived.name()).isEqualTo("inbox");
		var data = json.readTree(arrived.data());
		assertThat(data.get("unread").asInt()).isEqualTo(1);
		assertThat(data.get("number").asString()).isEqualTo(first.number());
		assertThat(data.get("title").asString()).isEqualTo("断水を狙う攻撃");

		// The other organisation's stream stays silent for that item: its first news is the item sent to it.
		var second = publish(hub, "別の組織宛て", orgB);
		var otherNews = next(otherEvents);
		assertThat(otherNews.name()).isEqualTo("inbox");
		assertThat(json.readTree(otherNews.data()).get("number").asString()).isEqualTo(second.number());

		// Another node's NOTIFY, sent on a connection of its own, reaches this node's streams.
		try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
			connection.setAutoCommit(true);
			statement.execute("select pg_notify('kakehashi_sharing', '" + first.id() + "')");
		}
		var again = next(recipientEvents);
		assertThat(again.name()).isEqualTo("inbox");
		assertThat(json.readTree(again.data()).get("number").asString()).isEqualTo(first.number());
	}

	@Test
	void theStreamIsForSignedInEventSourcesOnly() {
		var user = fixtures.user(fixtures.organisation(OrganisationType.OPERATOR, "WATER"), Role.VIEWER);
		var anonymous = browser().get("/sharing/inbox/events");
		assertThat(anonymous.status()).isEqualTo(302);
		var browser = browser();
		Fixtures.signIn(browser, user.email());
		// A plain navigation does not hold a connection open.
		assertThat(browser.get("/sharing/inbox/events").status()).isEqualTo(406);
	}

	private BlockingQueue<Event> open(UserAccount user) {
		var browser = browser();
		assertThat(Fixtures.signIn(browser, user.email()).status()).isEqualTo(302);
		var response = browser.lines("/sharing/inbox/events", "text/event-stream");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
		var events = new LinkedBlockingQueue<Event>();
		var reader = new Thread(() -> {
			String name = null;
			var data = new StringBuilder();
			for (var line : (Iterable<String>) response.body()::iterator) {
				if (line.startsWith("event:")) {
					name = line.substring(6).strip();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5).strip());
				}
				else if (line.isEmpty() && name != null) {
					events.add(new Event(name, data.toString()));
					name = null;
					data.setLength(0);
				}
			}
		}, "sse-reader-" + user.email());
		reader.setDaemon(true);
		reader.start();
		return events;
	}

	private static Event next(BlockingQueue<Event> events) throws InterruptedException {
		var event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
		assertThat(event).as("an event within %d s", WAIT_SECONDS).isNotNull();
		return event;
	}

	private SharedItem publish(org.kakehashi.reporting.Viewer hub, String title, Organisation to) {
		var draft = items.create(hub, new ItemContent(title, "本文", "", "", "ja", Tlp.GREEN, List.of(), null, null,
				List.of(), InboxTests.organisations(to)), List.of());
		return items.publish(hub, draft.id(), null, null);
	}
}
