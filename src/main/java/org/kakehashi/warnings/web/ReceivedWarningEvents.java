package org.kakehashi.warnings.web;

import java.util.LinkedHashMap;
import java.util.UUID;

import org.kakehashi.platform.live.DatabaseNotifications;
import org.kakehashi.platform.live.LiveStreams;
import org.kakehashi.warnings.internal.WarningLists;
import org.kakehashi.warnings.internal.WarningsDao;
import org.springframework.stereotype.Component;

/**
 * Puts warnings on the live stream every signed-in page keeps open: when any node publishes, updates or withdraws a
 * warning (PostgreSQL NOTIFY at commit), one query finds which connected users' organisations received it and each
 * of their streams gets {@code event: warning} with their new unread count, the number, the title in both
 * languages and the status. Nothing about other recipients travels.
 */
@Component
class ReceivedWarningEvents {

	private final WarningLists lists;
	private final LiveStreams streams;

	ReceivedWarningEvents(WarningLists lists, LiveStreams streams, DatabaseNotifications notifications) {
		this.lists = lists;
		this.streams = streams;
		notifications.subscribe(WarningsDao.CHANNEL, this::changed);
	}

	void changed(UUID warningId) {
		var connected = streams.connected();
		if (connected.isEmpty()) {
			return;
		}
		for (var arrival : lists.arrivals(warningId, connected)) {
			var payload = new LinkedHashMap<String, Object>();
			payload.put("unread", lists.unread(arrival.userId(), arrival.organisationId()));
			payload.put("number", arrival.number());
			payload.put("title", arrival.titleJa().isBlank() ? arrival.titleEn() : arrival.titleJa());
			payload.put("titleJa", arrival.titleJa());
			payload.put("titleEn", arrival.titleEn());
			payload.put("id", warningId.toString());
			payload.put("status", arrival.status().name());
			streams.send(arrival.userId(), "warning", payload);
		}
	}
}
