package org.kakehashi.warnings.internal;

import java.util.List;
import java.util.Set;

import org.kakehashi.identity.Directory;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.sharing.Tlp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * With the demo world, the coordinator's prior agreements with every operator and local government (web inbox and
 * e-mail, scoped to their sectors), one published warning about attacks on VPN appliances reviewed by a second
 * coordinator, and one draft. Made once, through the real workflow.
 */
@Component
class DemoWarnings {

	private static final Logger log = LoggerFactory.getLogger(DemoWarnings.class);

	static final String PUBLISHED_TITLE = "VPN装置の既知の脆弱性を悪用した侵入の増加について";

	private final Warnings warnings;
	private final Agreements agreements;
	private final Directory directory;
	private final JdbcClient jdbc;
	private final KakehashiProperties properties;

	DemoWarnings(Warnings warnings, Agreements agreements, Directory directory, JdbcClient jdbc,
			KakehashiProperties properties) {
		this.warnings = warnings;
		this.agreements = agreements;
		this.directory = directory;
		this.jdbc = jdbc;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Order(8)
	public void loadWhenEnabled() {
		if (properties.demo()) {
			log.info("Demo warnings: {}", load());
		}
	}

	int load() {
		if (jdbc.sql("select exists (select 1 from warning where title_ja = :title)").param("title", PUBLISHED_TITLE)
			.query(Boolean.class).single()) {
			return 0;
		}
		var coordinators = directory.organisationsOfType(OrganisationType.COORDINATOR, List.of());
		if (coordinators.isEmpty()) {
			return 0;
		}
		var coordinator = coordinators.get(0);
		var staff = directory.contacts(coordinator.id(), Set.of(Role.COORDINATOR, Role.ANALYST));
		if (staff.size() < 2) {
			return 0;
		}
		var author = new WarningViewer(staff.get(0).userId(), coordinator.id(), OrganisationType.COORDINATOR,
				Set.of(Role.COORDINATOR));
		var reviewer = new WarningViewer(staff.get(1).userId(), coordinator.id(), OrganisationType.COORDINATOR,
				Set.of(Role.COORDINATOR));
		for (var type : List.of(OrganisationType.OPERATOR, OrganisationType.LOCAL_GOVERNMENT)) {
			for (var subscriber : directory.organisationsOfType(type, List.of())) {
				agreements.create(author, new Agreements.AgreementInput(subscriber.id(), subscriber.sectors(), List.of(),
						List.of(), List.of("EMAIL"), List.of(), null, null, null, null, "デモ: 早期警戒情報の提供に関する合意"));
			}
		}
		var published = warnings.create(author, new WarningContent(Urgency.HIGH, Tlp.GREEN, PUBLISHED_TITLE,
				"Increase in intrusions exploiting known VPN appliance vulnerabilities",
				"既に修正版が公開されている VPN 装置の脆弱性を悪用し、認証情報を窃取したうえで内部ネットワークへ侵入する事案が複数の重要インフラ事業者で確認されています。",
				"Several critical-infrastructure operators saw intrusions through VPN appliances with known, already fixed "
						+ "vulnerabilities; credentials were stolen and used to move into internal networks.",
				"攻撃者は公開済みの脆弱性を悪用して装置の設定ファイルと認証情報を取得し、正規の VPN 利用者になりすまして侵入します。",
				"Attackers exploit the published vulnerabilities to read the appliance's configuration and credentials, "
						+ "then log in as legitimate VPN users.",
				"1. VPN 装置のファームウェアを最新の修正版に更新する。\n2. 更新前に侵害されていた可能性を考え、VPN 利用者全員のパスワードを変更し、多要素認証を有効にする。\n3. 装置のログで不審な接続元を確認し、下記の指標と照合する。",
				"1. Update the VPN appliance firmware to the latest fixed release.\n2. Assume earlier compromise: reset every "
						+ "VPN user's password and enable multi-factor authentication.\n3. Check the appliance logs for the "
						+ "indicators below.",
				"SSL-VPN 装置（各社）: 修正版より前のファームウェア", List.of("CVE-2024-21762"),
				List.of("https://www.jpcert.or.jp/"), List.of(), List.of("vpn", "initial-access"), List.of("VPN"),
				List.of(new WarningContent.Indicator("IPV4", "198.51.100.77", null),
						new WarningContent.Indicator("DOMAIN", "update-vpn-check.example.net", null)),
				List.of()));
		warnings.requestReview(author, published.id());
		warnings.review(reviewer, published.id(), true, null);
		warnings.publish(author, published.id());
		warnings.create(author, new WarningContent(Urgency.MEDIUM, Tlp.AMBER, "（下書き）ランサムウェア攻撃グループの新たな手口", "", "", "",
				"", "", "", "", "", List.of(), List.of(), List.of(), List.of("ransomware"), List.of(), List.of(), List.of()));
		return 2;
	}
}
