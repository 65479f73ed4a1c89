package org.kakehashi.vulns.certification;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.platform.KakehashiProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * With the demo world, a handful of registry entries entered by the coordinator: the vendor's certified controller
 * (ending within 90 days, so the list's filter and the reminders have something to show), its evaluated SCADA system,
 * a suspended gateway and an expired evaluation, and an operator's CSMS certificate. Invented numbers, marked as
 * demo data in their notes. Made once.
 */
@Component
class DemoCertifications {

	private static final Logger log = LoggerFactory.getLogger(DemoCertifications.class);

	static final String FIRST_NUMBER = "DEMO-CSSC-D-0042";
	static final String DEVICE_BODY = "CSSC認証ラボラトリー";
	static final String CSMS_BODY = "一般財団法人日本情報経済社会推進協会（JIPDEC）";
	static final String NOTE = "デモデータ（架空の認証です）";

	private final Certifications certifications;
	private final Directory directory;
	private final JdbcClient jdbc;
	private final KakehashiProperties properties;

	DemoCertifications(Certifications certifications, Directory directory, JdbcClient jdbc,
			KakehashiProperties properties) {
		this.certifications = certifications;
		this.directory = directory;
		this.jdbc = jdbc;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Order(9)
	public void loadWhenEnabled() {
		if (properties.demo()) {
			log.info("Demo certifications: {}", load());
		}
	}

	int load() {
		if (jdbc.sql("select exists (select 1 from vuln_certification where certificate_number = :number)")
			.param("number", FIRST_NUMBER).query(Boolean.class).single()) {
			return 0;
		}
		var coordinators = directory.organisationsOfType(OrganisationType.COORDINATOR, List.of());
		var vendors = directory.organisationsOfType(OrganisationType.VENDOR, List.of());
		var operators = directory.organisationsOfType(OrganisationType.OPERATOR, List.of("ELECTRICITY"));
		if (coordinators.isEmpty() || vendors.isEmpty()) {
			return 0;
		}
		var staff = directory.contacts(coordinators.get(0).id(), Set.of(Role.COORDINATOR, Role.ANALYST));
		if (staff.isEmpty()) {
			return 0;
		}
		var keeper = new CertificationViewer(staff.get(0).userId(), coordinators.get(0).id(), true);
		var vendor = vendors.get(0);
		var today = certifications.today();
		var entries = List.of(
				entry(CertificationKind.DEVICE_CERTIFICATION, FIRST_NUMBER, DEVICE_BODY, vendor.id(),
						"TC-7000 シリーズ プログラマブルコントローラ", "ファームウェア 4.2", "IEC 62443-4-2", "SL 2",
						today.minusYears(3).plusDays(60), today.plusDays(60), CertificationStatus.VALID),
				entry(CertificationKind.SYSTEM_EVALUATION, "DEMO-CSSC-S-0007", DEVICE_BODY, vendor.id(),
						"TowaSCADA 統合監視制御システム", "3.1", "IEC 62443-3-3", "SL 2", today.minusDays(200),
						today.plusYears(3).minusDays(200), CertificationStatus.VALID),
				entry(CertificationKind.DEVICE_CERTIFICATION, "DEMO-CSSC-D-0051", DEVICE_BODY, vendor.id(),
						"TG-200 産業用セキュアゲートウェイ", "2.0", "IEC 62443-4-2", "SL 1", today.minusDays(500),
						today.plusDays(600), CertificationStatus.SUSPENDED),
				entry(CertificationKind.DEVICE_EVALUATION, "DEMO-CSSC-E-0019", DEVICE_BODY, vendor.id(),
						"TC-5000 リモート I/O ユニット", "1.8", "EDSA", "EDSA Level 1", today.minusYears(3).minusDays(30),
						today.minusDays(30), CertificationStatus.VALID));
		var count = 0;
		for (var entry : entries) {
			certifications.register(keeper, entry);
			count++;
		}
		if (!operators.isEmpty()) {
			certifications.register(keeper, entry(CertificationKind.CSMS, "DEMO-JIP-CSMS-0123", CSMS_BODY,
					operators.get(0).id(), "発電所制御システム部門の CSMS", "", "IEC 62443-2-1", "", today.minusDays(300),
					today.plusYears(3).minusDays(300), CertificationStatus.VALID));
			count++;
		}
		return count;
	}

	private static CertificationInput entry(CertificationKind kind, String number, String issuer,
			@Nullable UUID holder, String subject, String version, String standard, String level, LocalDate from,
			LocalDate to, CertificationStatus status) {
		return new CertificationInput(kind, number, issuer, "", holder, subject, version, standard, level, from, to,
				status, true, "", NOTE);
	}
}
