package org.kakehashi.warnings.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.platform.live.DatabaseNotifications;
import org.kakehashi.platform.live.LiveStreams;
import org.kakehashi.warnings.internal.TrackingDao;
import org.kakehashi.warnings.internal.WarningSenders;
import org.kakehashi.warnings.internal.WarningViewer;
import org.kakehashi.warnings.internal.Warnings;
import org.kakehashi.warnings.internal.WarningsDao;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sender's tracking dashboard, live: when a recipient opens, acknowledges or reports an action on any node,
 * PostgreSQL tells every node ({@link WarningsDao#TRACKING_CHANNEL}); each pushes {@code event: warning-tracking}
 * with the warning's id to the connected staff of the warning's sender, and their page fetches the dashboard again.
 * Nobody else hears of it: recipients never learn about one another.
 */
@Controller
class WarningTracking {

	static final String EVENT = "warning-tracking";

	private final Warnings warnings;
	private final WarningSenders senders;
	private final LiveStreams streams;
	private final MessageSource messages;
	private final JsonMapper json;

	WarningTracking(Warnings warnings, WarningSenders senders, LiveStreams streams, MessageSource messages,
			JsonMapper json, DatabaseNotifications notifications) {
		this.warnings = warnings;
		this.senders = senders;
		this.streams = streams;
		this.messages = messages;
		this.json = json;
		notifications.subscribe(WarningsDao.TRACKING_CHANNEL, this::changed);
	}

	/** The dashboard alone, for htmx; {@code filter} narrows the recipients table. */
	@GetMapping("/warnings/{id}/tracking")
	String fragment(@AuthenticationPrincipal KakehashiUser user, @PathVariable UUID id,
			@RequestParam(defaultValue = "ALL") String filter, Model model) {
		var viewer = WarningViewer.of(user);
		if (senders.editors(viewer, id).isEmpty()) {
			throw new Warnings.WarningNotFound();
		}
		model.addAttribute("id", id);
		dashboard(model, warnings, viewer, id, filter);
		model.addAttribute("chart", chart((TrackingDao.Tracking) model.getAttribute("tracking")));
		return "warnings/tracking :: dashboard";
	}

	/** What the dashboard shows, for the warning page and the fragment. */
	static void dashboard(Model model, Warnings warnings, WarningViewer viewer, UUID id, String filter) {
		TrackingDao.RecipientFilter chosen;
		try {
			chosen = TrackingDao.RecipientFilter.valueOf(filter);
		}
		catch (IllegalArgumentException e) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "No such filter.");
		}
		var tracking = warnings.tracking(viewer, id);
		model.addAttribute("tracking", tracking);
		model.addAttribute("filters", TrackingDao.RecipientFilter.values());
		model.addAttribute("filter", chosen.name());
		model.addAttribute("recipients", warnings.recipients(viewer, id, chosen));
		model.addAttribute("silent", warnings.recipients(viewer, id, TrackingDao.RecipientFilter.SILENT));
	}

	/** The time-to-acknowledge chart's data: bucket labels and counts, the same numbers as the table. */
	String chart(TrackingDao.Tracking tracking) {
		var locale = LocaleContextHolder.getLocale();
		var categories = new ArrayList<String>();
		var counts = new ArrayList<Integer>();
		for (var bucket : tracking.timeToAcknowledge()) {
			categories.add(messages.getMessage(bucketKey(bucket.upToMinutes()), null, locale));
			counts.add(bucket.count());
		}
		return json.writeValueAsString(Map.of("categories", categories, "series", List.of(Map.of("name",
				messages.getMessage("warnings.tracking.acknowledgements", null, locale), "data", counts))));
	}

	static String bucketKey(int upToMinutes) {
		return upToMinutes == Integer.MAX_VALUE ? "warnings.tracking.bucket.later"
				: "warnings.tracking.bucket." + upToMinutes;
	}

	private void changed(UUID warningId) {
		var connected = streams.connected();
		if (connected.isEmpty()) {
			return;
		}
		for (var user : senders.senderStaff(warningId, connected)) {
			streams.send(user, EVENT, Map.of("id", warningId.toString()));
		}
	}
}
