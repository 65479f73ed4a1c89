package org.kakehashi.warnings.drills;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.platform.Ids;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.Mailer;
import org.kakehashi.platform.web.DisplayTime;
import org.kakehashi.warnings.internal.WarningViewer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * Reachability drills (疎通確認訓練). The national centre's staff start a drill to chosen sector ministries (or all);
 * each organisation reached confirms receipt, and ministries and CEPTOARs forward it down their chain: a ministry
 * to the CEPTOAR organisations of its sectors (or, for a sector without one, straight to the members of that
 * sector's CEPTOAR groups), a CEPTOAR to the members of its sectors' CEPTOAR groups. Each hop keeps its times; each
 * newly reached organisation is e-mailed in both languages; each step is audited. The centre sees every hop,
 * everyone else only the hops to and from their own organisation, and a drill that never reached them is 404.
 */
@Service
public class Drills {

	public static final int TITLE_MAX = 200;
	public static final int MESSAGE_MAX = 4000;
	public static final int DEADLINE_HOURS_MAX = 720;

	/** Who at an organisation reached gets the drill's e-mail. */
	static final Set<Role> CONTACTS = Set.of(Role.ORG_ADMIN, Role.COORDINATOR, Role.ANALYST, Role.REPORTER);

	/** Who may pass a drill on for a ministry or CEPTOAR. */
	static final Set<Role> FORWARDERS = Set.of(Role.ORG_ADMIN, Role.COORDINATOR, Role.ANALYST);

	private final DrillDao dao;
	private final Directory directory;
	private final Mailer mailer;
	private final AuditLog audit;
	private final DisplayTime displayTime;
	private final KakehashiProperties properties;
	private final Clock clock;

	Drills(DrillDao dao, Directory directory, Mailer mailer, AuditLog audit, DisplayTime displayTime,
			KakehashiProperties properties, Clock clock) {
		this.dao = dao;
		this.directory = directory;
		this.mailer = mailer;
		this.audit = audit;
		this.displayTime = displayTime;
		this.properties = properties;
		this.clock = clock;
	}

	/** What the centre writes to start a drill; no ministries means every ministry. */
	public record Start(String title, String messageJa, String messageEn, List<UUID> ministryIds,
			@Nullable Integer deadlineHours) {
	}

	/** Analysts and coordinators of the national centre run drills. */
	public static boolean starter(WarningViewer viewer) {
		return viewer.organisationType() == OrganisationType.NATIONAL_CENTRE
				&& (viewer.roles().contains(Role.ANALYST) || viewer.roles().contains(Role.COORDINATOR));
	}

	public static boolean forwarder(WarningViewer viewer) {
		return viewer.roles().stream().anyMatch(FORWARDERS::contains);
	}

	@Transactional
	public Drill start(WarningViewer viewer, Start start) {
		if (!starter(viewer)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Drills are started by the national centre's staff.");
		}
		var title = start.title() == null ? "" : start.title().strip();
		if (title.isEmpty() || title.length() > TITLE_MAX) {
			throw new InvalidInput("title", "warnings.drills.error.title", "A title of 1 to " + TITLE_MAX + " characters.");
		}
		var messageJa = start.messageJa() == null ? "" : start.messageJa().strip();
		var messageEn = start.messageEn() == null ? "" : start.messageEn().strip();
		if (messageJa.length() > MESSAGE_MAX || messageEn.length() > MESSAGE_MAX) {
			throw new InvalidInput(messageJa.length() > MESSAGE_MAX ? "messageJa" : "messageEn",
					"warnings.drills.error.message", "A message of at most " + MESSAGE_MAX + " characters.");
		}
		var hours = start.deadlineHours() == null ? 24 : start.deadlineHours();
		if (hours < 1 || hours > DEADLINE_HOURS_MAX) {
			throw new InvalidInput("deadlineHours", "warnings.drills.error.deadline",
					"The deadline is 1 to " + DEADLINE_HOURS_MAX + " hours away.");
		}
		var chosen = start.ministryIds() == null ? List.<UUID>of() : start.ministryIds().stream().filter(Objects::nonNull)
			.distinct().toList();
		var ministries = dao.ministries(chosen);
		if (ministries.isEmpty() || ministries.size() != chosen.size() && !chosen.isEmpty()) {
			throw new InvalidInput("ministryIds", "warnings.drills.error.ministries",
					chosen.isEmpty() ? "There is no sector ministry to reach." : "Choose sector ministries only.",
					HttpStatus.UNPROCESSABLE_ENTITY);
		}
		var now = Instant.now(clock);
		var id = Ids.newId(clock);
		var number = dao.nextNumber(now.atZone(ZoneOffset.UTC).getYear());
		dao.insert(id, number, viewer.organisationId(), viewer.userId(), title, messageJa, messageEn, now,
				now.plus(Duration.ofHours(hours)));
		var drill = dao.find(id).orElseThrow();
		var reached = dao.sendToMinistries(id, viewer.organisationId(), ministries, now);
		notify(drill, reached);
		audit.record("warnings.drill-started", "drill", id, Map.of("number", number,
				"ministries", String.valueOf(reached.size()), "deadlineHours", String.valueOf(hours)));
		return drill;
	}

	/** The organisation has the drill message. A second confirmation changes nothing. */
	@Transactional
	public DrillHop confirm(WarningViewer viewer, UUID drillId) {
		var drill = running(viewer, drillId);
		var hop = dao.lockHop(drillId, viewer.organisationId()).orElseThrow(DrillNotFound::new);
		if (hop.confirmedAt() == null) {
			dao.confirm(drillId, viewer.organisationId(), viewer.userId(), Instant.now(clock));
			audit.record("warnings.drill-confirmed", "drill", drillId, Map.of("number", drill.number(),
					"organisation", viewer.organisationId().toString(), "level", String.valueOf(hop.level())));
		}
		return ownHop(drill, viewer);
	}

	/**
	 * A ministry or CEPTOAR passes the drill to the next level (confirming it first if it had not). Forwarding again
	 * reaches nobody new and changes nothing.
	 */
	@Transactional
	public DrillHop forward(WarningViewer viewer, UUID drillId) {
		var drill = running(viewer, drillId);
		var hop = dao.lockHop(drillId, viewer.organisationId()).orElseThrow(DrillNotFound::new);
		var ministry = "SECTOR_MINISTRY".equals(hop.organisationType());
		var ceptoar = "CEPTOAR".equals(hop.organisationType());
		if (hop.level() >= 2 || !ministry && !ceptoar) {
			throw new InvalidInput("drill", "warnings.drills.error.no-forward",
					"Only ministries and CEPTOARs pass a drill on; operators confirm it.", HttpStatus.CONFLICT);
		}
		if (!forwarder(viewer)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN,
					"Analysts, coordinators and administrators of the organisation forward a drill.");
		}
		if (hop.forwardedAt() != null) {
			return ownHop(drill, viewer);
		}
		var now = Instant.now(clock);
		if (hop.confirmedAt() == null) {
			dao.confirm(drillId, viewer.organisationId(), viewer.userId(), now);
		}
		var reached = ministry ? dao.forwardFromMinistry(drillId, viewer.organisationId(), now)
				: dao.forwardFromCeptoar(drillId, viewer.organisationId(), now);
		dao.forwarded(drillId, viewer.organisationId(), viewer.userId(), reached.size(), now);
		notify(drill, reached);
		audit.record("warnings.drill-forwarded", "drill", drillId, Map.of("number", drill.number(),
				"organisation", viewer.organisationId().toString(), "level", String.valueOf(hop.level()),
				"reached", String.valueOf(reached.size())));
		return ownHop(drill, viewer);
	}

	/** The centre closes the drill: no more confirmations; the report is final. */
	@Transactional
	public Drill close(WarningViewer viewer, UUID drillId) {
		var drill = dao.lock(drillId).filter(d -> isSender(viewer, d)).orElseThrow(DrillNotFound::new);
		if (!drill.running()) {
			throw new InvalidInput("status", "warnings.drills.error.closed", "The drill is already closed.",
					HttpStatus.CONFLICT);
		}
		dao.close(drillId, viewer.userId(), Instant.now(clock));
		audit.record("warnings.drill-closed", "drill", drillId, Map.of("number", drill.number()));
		return dao.find(drillId).orElseThrow();
	}

	/** Drills the viewer's organisation started (centre staff) or was reached by, newest first. */
	@Transactional(readOnly = true)
	public List<Drill> mine(WarningViewer viewer) {
		return dao.mine(viewer.organisationId(), starter(viewer), 200);
	}

	/** Drills waiting for the viewer's organisation. */
	@Transactional(readOnly = true)
	public List<PendingHop> pending(WarningViewer viewer) {
		return dao.pending(viewer.organisationId(), forwarder(viewer));
	}

	/** Ministries a drill may go to, by name. */
	@Transactional(readOnly = true)
	public List<Directory.OrganisationRef> ministries() {
		return directory.organisationsOfType(OrganisationType.SECTOR_MINISTRY, List.of());
	}

	/** Figures over the hops the viewer sees. Durations are null where nothing was confirmed yet. */
	public record Summary(int reached, int confirmed, int unconfirmed, int late, int forwarded, int relays,
			List<LevelFigures> levels, @Nullable Duration medianToConfirm, @Nullable Duration slowestToConfirm,
			@Nullable Duration medianToForward, @Nullable Duration lastConfirmationAfter) {

		public String medianToConfirmText() {
			return DrillHop.format(medianToConfirm);
		}

		public String slowestToConfirmText() {
			return DrillHop.format(slowestToConfirm);
		}

		public String medianToForwardText() {
			return DrillHop.format(medianToForward);
		}

		public String lastConfirmationAfterText() {
			return DrillHop.format(lastConfirmationAfter);
		}

		/** Percentage of organisations reached that confirmed. */
		public int confirmedPercent() {
			return reached == 0 ? 0 : (int) Math.round(confirmed * 100.0 / reached);
		}
	}

	public record LevelFigures(int level, int reached, int confirmed) {
	}

	/** The drill as the viewer may see it: {@code full} for the centre, otherwise only their own hops. */
	public record Report(Drill drill, String senderName, boolean full, boolean canClose, List<DrillHop> hops,
			@Nullable DrillHop own, Summary summary) {

		public List<DrillHop> unconfirmed() {
			return hops.stream().filter(h -> !h.confirmed()).toList();
		}
	}

	@Transactional(readOnly = true)
	public Optional<Report> report(WarningViewer viewer, UUID drillId, boolean english) {
		var drill = dao.find(drillId).orElse(null);
		if (drill == null) {
			return Optional.empty();
		}
		var full = isSender(viewer, drill);
		if (!full && !dao.hasHop(drillId, viewer.organisationId())) {
			return Optional.empty();
		}
		var hops = dao.hops(drillId, full ? null : viewer.organisationId(), english);
		var own = hops.stream().filter(h -> h.toOrganisationId().equals(viewer.organisationId())).findFirst().orElse(null);
		var sender = directory.organisation(drill.senderOrganisationId())
			.map(o -> o.name(english ? Locale.ENGLISH : Locale.JAPANESE)).orElse("");
		return Optional.of(new Report(drill, sender, full, full && drill.running(), hops, own, summary(drill, hops)));
	}

	static Summary summary(Drill drill, List<DrillHop> hops) {
		var confirms = hops.stream().map(DrillHop::toConfirm).filter(Objects::nonNull).sorted().toList();
		var forwards = hops.stream().map(DrillHop::toForward).filter(Objects::nonNull).sorted().toList();
		var levels = new ArrayList<LevelFigures>();
		for (int level = 0; level <= 2; level++) {
			final int l = level;
			var at = hops.stream().filter(h -> h.level() == l).toList();
			levels.add(new LevelFigures(level, at.size(), (int) at.stream().filter(DrillHop::confirmed).count()));
		}
		var start = drill.startedAt() == null ? drill.createdAt() : drill.startedAt();
		var last = hops.stream().map(DrillHop::confirmedAt).filter(Objects::nonNull).max(Comparator.naturalOrder())
			.map(at -> Duration.between(start, at)).orElse(null);
		return new Summary(hops.size(), confirms.size(), hops.size() - confirms.size(),
				(int) hops.stream().filter(DrillHop::late).count(),
				(int) hops.stream().filter(h -> h.forwardedAt() != null).count(),
				(int) hops.stream().filter(DrillHop::relays).count(), levels, median(confirms),
				confirms.isEmpty() ? null : confirms.get(confirms.size() - 1), median(forwards), last);
	}

	private static @Nullable Duration median(List<Duration> sorted) {
		if (sorted.isEmpty()) {
			return null;
		}
		var middle = sorted.size() / 2;
		return sorted.size() % 2 == 1 ? sorted.get(middle) : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
	}

	private Drill running(WarningViewer viewer, UUID drillId) {
		var drill = dao.find(drillId).filter(d -> dao.hasHop(drillId, viewer.organisationId()))
			.orElseThrow(DrillNotFound::new);
		if (!drill.running()) {
			throw new InvalidInput("status", "warnings.drills.error.closed", "The drill is closed.", HttpStatus.CONFLICT);
		}
		return drill;
	}

	private DrillHop ownHop(Drill drill, WarningViewer viewer) {
		return dao.hops(drill.id(), viewer.organisationId(), false).stream()
			.filter(h -> h.toOrganisationId().equals(viewer.organisationId())).findFirst().orElseThrow();
	}

	static boolean isSender(WarningViewer viewer, Drill drill) {
		return starter(viewer) && drill.senderOrganisationId().equals(viewer.organisationId());
	}

	/** E-mails each newly reached organisation's contacts once the step has committed. */
	private void notify(Drill drill, List<UUID> reached) {
		if (reached.isEmpty()) {
			return;
		}
		var sender = directory.organisation(drill.senderOrganisationId()).orElseThrow();
		var contacts = new LinkedHashMap<String, Directory.Contact>();
		for (var organisation : reached) {
			directory.contacts(organisation, CONTACTS)
				.forEach(c -> contacts.putIfAbsent(c.email().toLowerCase(Locale.ROOT), c));
		}
		var link = properties.link("/warnings/drills/" + drill.id());
		var deadlineJa = displayTime.format(drill.deadline(), Locale.JAPANESE);
		var deadlineEn = displayTime.format(drill.deadline(), Locale.ENGLISH);
		// One after-commit send per contact: a refused address does not silence the others.
		for (var contact : contacts.values()) {
			mailer.afterCommit("drill " + drill.number() + " notice", () -> mailer.sendInBothLanguages(contact.email(),
					contact.locale(), "warnings.drills.mail.subject", "warnings.drills.mail.body", drill.number(),
					drill.title(), orDash(drill.messageJa()), orDash(drill.messageEn()), sender.name(Locale.JAPANESE),
					sender.name(Locale.ENGLISH), link, deadlineJa, deadlineEn));
		}
	}

	private static String orDash(String text) {
		return text.isBlank() ? "—" : text;
	}

	/** A drill that does not exist or that never reached the viewer: the same answer for both. */
	public static final class DrillNotFound extends ResponseStatusException {

		public DrillNotFound() {
			super(HttpStatus.NOT_FOUND, "No such drill.");
		}
	}
}
