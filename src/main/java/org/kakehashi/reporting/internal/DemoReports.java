package org.kakehashi.reporting.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.kakehashi.identity.Directory;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.reporting.Cause;
import org.kakehashi.reporting.EventType;
import org.kakehashi.reporting.Observable;
import org.kakehashi.reporting.ObservableType;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.reporting.internal.ReportFiling.Submission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * With the demo world, a handful of reports from its operators so lists, clocks and statistics have something
 * to show: older ones already final, two recent ones still open. Runs once, after the demo directory exists.
 */
@Component
class DemoReports {

	private static final Logger log = LoggerFactory.getLogger(DemoReports.class);

	private record Sample(String sector, ReportKind kind, String title, String descriptionJa, String descriptionEn,
			Set<EventType> eventTypes, Set<Cause> causes, int continuity, int safety, Duration ago, boolean fin,
			List<Observable> observables) {
	}

	private static final List<Sample> SAMPLES = List.of(
			new Sample("ELECTRICITY", ReportKind.NEAR_MISS, "変電所監視端末への不審なログイン試行",
					"夜間、変電所の監視端末に海外の IP アドレスから複数回のログイン試行。アカウントロックにより侵入なし。",
					"Repeated log-in attempts on a substation monitoring terminal from abroad at night; blocked by lockout.",
					Set.of(EventType.INTRUSION), Set.of(Cause.INTENTIONAL), 1, 0, Duration.ofHours(3), false,
					List.of(new Observable(ObservableType.IPV4, "203.0.113.45"),
							new Observable(ObservableType.DOMAIN, "login-check.example.net"))),
			new Sample("FINANCE", ReportKind.INCIDENT, "インターネットバンキングへの DDoS 攻撃",
					"インターネットバンキングが約 40 分間つながりにくい状態となった。上位回線事業者と連携し遮断。",
					"Internet banking was hard to reach for about 40 minutes; mitigated with the upstream carrier.",
					Set.of(EventType.UNAVAILABILITY), Set.of(Cause.INTENTIONAL), 2, 0, Duration.ofHours(20), false,
					List.of(new Observable(ObservableType.IPV4, "198.51.100.23"))),
			new Sample("RAILWAY", ReportKind.FAILURE, "座席予約システムの障害",
					"ソフトウェア更新の不具合により座席予約システムが 2 時間停止した。切り戻しにより復旧。",
					"A faulty software update stopped the seat reservation system for two hours; rolled back.",
					Set.of(EventType.UNAVAILABILITY), Set.of(Cause.ACCIDENTAL), 2, 0, Duration.ofDays(40), true, List.of()),
			new Sample("MEDICAL", ReportKind.INCIDENT, "電子カルテシステムのランサムウェア感染",
					"電子カルテサーバがランサムウェアに感染し、外来診療を一部停止。身代金の要求があったが支払っていない。",
					"Ransomware on the electronic medical records server; outpatient care partly stopped. Ransom demanded, not paid.",
					Set.of(EventType.MALWARE, EventType.UNAVAILABILITY), Set.of(Cause.INTENTIONAL), 4, 3, Duration.ofDays(120),
					true, List.of(new Observable(ObservableType.SHA256,
							"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"))),
			new Sample("ICT", ReportKind.NEAR_MISS, "標的型メールの受信（未開封）",
					"取引先を装った標的型メールを複数の社員が受信。添付ファイルは開封されていない。",
					"Several staff received spear-phishing mail posing as a supplier; no attachment was opened.",
					Set.of(EventType.OTHER), Set.of(Cause.INTENTIONAL), 0, 0, Duration.ofDays(200), true,
					List.of(new Observable(ObservableType.EMAIL, "invoice@supplier-example.com"),
							new Observable(ObservableType.URL, "https://supplier-example.com/invoice"))),
			new Sample("WATER", ReportKind.FAILURE, "浄水場監視システムの停電による停止",
					"落雷による停電で浄水場の監視システムが 30 分停止。給水への影響なし。",
					"A lightning-strike outage stopped the water plant's monitoring system for 30 minutes; supply unaffected.",
					Set.of(EventType.UNAVAILABILITY), Set.of(Cause.ENVIRONMENTAL), 1, 1, Duration.ofDays(300), true, List.of()));

	private final ReportFiling filing;
	private final Directory directory;
	private final JdbcClient jdbc;
	private final KakehashiProperties properties;
	private final Clock clock;

	DemoReports(ReportFiling filing, Directory directory, JdbcClient jdbc, KakehashiProperties properties, Clock clock) {
		this.filing = filing;
		this.directory = directory;
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Order(6)
	public void loadWhenEnabled() {
		if (properties.demo()) {
			log.info("Demo reports filed: {}", load());
		}
	}

	/** Files the samples unless they were filed before (the first sample's title marks them); returns how many. */
	int load() {
		if (jdbc.sql("select exists (select 1 from report where title = :title)").param("title", SAMPLES.get(0).title())
			.query(Boolean.class).single()) {
			return 0;
		}
		int filed = 0;
		for (var sample : SAMPLES) {
			// The sector's first operator that has a reporter (in the demo world, exactly one per sector).
			Directory.OrganisationRef operator = null;
			Directory.Contact reporter = null;
			for (var candidate : directory.organisationsOfType(OrganisationType.OPERATOR, List.of(sample.sector()))) {
				var reporters = directory.contacts(candidate.id(), Set.of(Role.REPORTER));
				if (!reporters.isEmpty()) {
					operator = candidate;
					reporter = reporters.get(0);
					break;
				}
			}
			if (operator == null || reporter == null) {
				continue;
			}
			var viewer = new Viewer(reporter.userId(), operator.id(), OrganisationType.OPERATOR, operator.sectors(),
					Set.of(Role.REPORTER));
			var aware = Instant.now(clock).minus(sample.ago());
			var content = new ReportContent(sample.kind(), sample.title(), sample.descriptionJa(), sample.descriptionEn(),
					List.of(sample.sector()), null, sample.eventTypes(), sample.causes(), sample.continuity(), sample.safety(),
					aware.minus(Duration.ofMinutes(30)), aware, null, sample.fin() ? aware.plus(Duration.ofHours(6)) : null,
					null, null, null, sample.kind() == ReportKind.INCIDENT && sample.continuity() == 4, false, null,
					sample.observables(), reporter.displayName(), reporter.email(), null);
			filing.createAndSubmit(viewer, content, sample.fin() ? Submission.FINAL : Submission.REPORT);
			filed++;
		}
		return filed;
	}
}
