package org.kakehashi.sharing.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.kakehashi.identity.Directory;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.reporting.ReportLookup;
import org.kakehashi.reporting.Viewer;
import org.kakehashi.sharing.Tlp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * With the demo world and its reports, two shared items made by the national centre: the banking DDoS published
 * TLP:GREEN to the finance sector after the bank approved it, and the substation near miss awaiting the
 * operator's approval. Runs once, after the demo reports exist.
 */
@Component
class DemoSharing {

	private static final Logger log = LoggerFactory.getLogger(DemoSharing.class);

	static final String PUBLISHED_TITLE = "インターネットバンキングへの DDoS 攻撃（金融分野）";
	static final String AWAITING_TITLE = "変電所監視端末への海外からのログイン試行";

	private final SharedItems items;
	private final Directory directory;
	private final ReportLookup reports;
	private final JdbcClient jdbc;
	private final KakehashiProperties properties;

	DemoSharing(SharedItems items, Directory directory, ReportLookup reports, JdbcClient jdbc,
			KakehashiProperties properties) {
		this.items = items;
		this.directory = directory;
		this.reports = reports;
		this.jdbc = jdbc;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Order(7)
	public void loadWhenEnabled() {
		if (properties.demo()) {
			log.info("Demo shared items: {}", load());
		}
	}

	int load() {
		if (jdbc.sql("select exists (select 1 from shared_item where title = :title)").param("title", PUBLISHED_TITLE)
			.query(Boolean.class).single()) {
			return 0;
		}
		var hub = hubViewer();
		if (hub.isEmpty()) {
			return 0;
		}
		int made = 0;
		var ddos = source(hub.get(), "インターネットバンキングへの DDoS 攻撃");
		if (ddos.isPresent()) {
			var item = items.create(hub.get(), content(PUBLISHED_TITLE,
					"金融機関のインターネットバンキングが約 40 分間つながりにくい状態となった。上位回線事業者と連携して遮断した。",
					Tlp.GREEN, "FINANCE", List.of(new AudienceEntry(AudienceKind.SECTOR, "FINANCE"))), List.of(ddos.get().id()));
			items.requestApproval(hub.get(), item.id());
			var approver = approver(ddos.get());
			if (approver.isPresent()) {
				items.approve(approver.get(), item.id(), item.revision(), "問題ありません。");
			}
			items.publish(hub.get(), item.id(), approver.isPresent() ? null : "デモ: 承認者なし",
					"デモ環境は組織数が少ないため");
			made++;
		}
		var nearMiss = source(hub.get(), "変電所監視端末への不審なログイン試行");
		if (nearMiss.isPresent()) {
			var item = items.create(hub.get(), content(AWAITING_TITLE,
					"電力事業者の監視端末に、夜間、海外の IP アドレスから複数回のログイン試行があった。アカウントロックにより侵入はなかった。",
					Tlp.AMBER, "ELECTRICITY", List.of(new AudienceEntry(AudienceKind.SECTOR, "ELECTRICITY"))),
					List.of(nearMiss.get().id()));
			items.requestApproval(hub.get(), item.id());
			made++;
		}
		return made;
	}

	private ItemContent content(String title, String body, Tlp tlp, String sector, List<AudienceEntry> audience) {
		return new ItemContent(title, body, "", "", "ja", tlp, List.of(sector), null, null, List.of(), audience);
	}

	private Optional<Viewer> hubViewer() {
		for (var centre : directory.organisationsOfType(OrganisationType.NATIONAL_CENTRE, List.of())) {
			var analysts = directory.contacts(centre.id(), Set.of(Role.ANALYST));
			if (!analysts.isEmpty()) {
				return Optional.of(new Viewer(analysts.get(0).userId(), centre.id(), OrganisationType.NATIONAL_CENTRE,
						centre.sectors(), Set.of(Role.ANALYST)));
			}
		}
		return Optional.empty();
	}

	/** A demo report by its title (the demo reports' titles are fixed), as the hub sees it. */
	private Optional<ReportLookup.ReportSource> source(Viewer hub, String title) {
		return jdbc.sql("select id from report where title = :title order by created_at limit 1").param("title", title)
			.query(UUID.class).optional().flatMap(id -> reports.source(hub, id));
	}

	private Optional<Viewer> approver(ReportLookup.ReportSource report) {
		return directory.organisation(report.organisationId()).flatMap(org -> directory
			.contacts(org.id(), Set.of(Role.REPORTER)).stream().findFirst()
			.map(c -> new Viewer(c.userId(), org.id(), org.type(), org.sectors(), Set.of(Role.REPORTER))));
	}
}
