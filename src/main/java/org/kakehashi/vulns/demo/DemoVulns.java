package org.kakehashi.vulns.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.platform.FiscalYear;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.vulns.internal.CaseKind;
import org.kakehashi.vulns.internal.CaseReport;
import org.kakehashi.vulns.internal.CaseStatus;
import org.kakehashi.vulns.internal.CaseThread;
import org.kakehashi.vulns.internal.CaseVendors;
import org.kakehashi.vulns.internal.CaseViewer;
import org.kakehashi.vulns.internal.CaseVulnerabilities;
import org.kakehashi.vulns.internal.ContactAttempt;
import org.kakehashi.vulns.internal.MessageChannel;
import org.kakehashi.vulns.internal.Outcome;
import org.kakehashi.vulns.internal.StatusUpdate;
import org.kakehashi.vulns.internal.TransitionRequest;
import org.kakehashi.vulns.internal.VendorDirectory;
import org.kakehashi.vulns.internal.VendorDraft;
import org.kakehashi.vulns.internal.VendorEntry;
import org.kakehashi.vulns.internal.VendorStatus;
import org.kakehashi.vulns.internal.VulnCases;
import org.kakehashi.vulns.internal.VulnerabilityDraft;
import org.kakehashi.vulns.publication.AdvisoryDraft;
import org.kakehashi.vulns.publication.AdvisoryDrafts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * With the demo world, the coordinator's vulnerability work in progress, made through the real workflow: four
 * directory vendors (the demo vendor organisation's entry among them, so its PSIRT staff see their cases), a report
 * just received from a guest researcher, one being checked, an accepted multi-vendor ICS case with vendor statuses,
 * contact attempts and a thread, a web-site case its operator fixed, and a product advisory agreed for publication
 * a few minutes after start, so the scheduled job publishes it while one watches. Invented names throughout; made
 * once, in one transaction (a failure leaves nothing half made).
 */
@Component
class DemoVulns {

	private static final Logger log = LoggerFactory.getLogger(DemoVulns.class);

	/** Present once the demo cases are loaded: the marker for idempotence. */
	static final String MARKER = "北斗計装株式会社";
	static final String DOMAIN = "demo.kakehashi.example";
	/** How long after start the demo advisory is due: time to open its page and watch it go out. */
	static final Duration PUBLICATION_DELAY = Duration.ofMinutes(2);

	static final String CVSS_CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
	static final String CVSS4_CRITICAL = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";

	private final VulnCases cases;
	private final VendorDirectory vendors;
	private final CaseVendors caseVendors;
	private final CaseVulnerabilities vulnerabilities;
	private final CaseThread thread;
	private final AdvisoryDrafts advisories;
	private final Directory directory;
	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final KakehashiProperties properties;
	private final Clock clock;

	DemoVulns(VulnCases cases, VendorDirectory vendors, CaseVendors caseVendors, CaseVulnerabilities vulnerabilities,
			CaseThread thread, AdvisoryDrafts advisories, Directory directory, JdbcClient jdbc,
			TransactionTemplate transactions, KakehashiProperties properties, Clock clock) {
		this.cases = cases;
		this.vendors = vendors;
		this.caseVendors = caseVendors;
		this.vulnerabilities = vulnerabilities;
		this.thread = thread;
		this.advisories = advisories;
		this.directory = directory;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	/** After the demo world and the other demo data (certifications are 9). */
	@EventListener(ApplicationReadyEvent.class)
	@Order(10)
	public void loadWhenEnabled() {
		if (properties.demo()) {
			log.info("Demo vulnerability cases: {}", load());
		}
	}

	/** The demo cases made (0 when they exist already or the demo world is missing). */
	int load() {
		var made = transactions.execute(status -> make());
		return made == null ? 0 : made;
	}

	private int make() {
		if (jdbc.sql("select exists (select 1 from vuln_vendor where name = :name)").param("name", MARKER)
			.query(Boolean.class).single()) {
			return 0;
		}
		var coordinator = staff(OrganisationType.COORDINATOR, List.of(), Set.of(Role.COORDINATOR, Role.ANALYST), true);
		var psirt = staff(OrganisationType.VENDOR, List.of(), CaseViewer.VENDOR_STAFF_ROLES, false);
		var powerReporter = staff(OrganisationType.OPERATOR, List.of("ELECTRICITY"), Set.of(Role.REPORTER), false);
		var hospitalReporter = staff(OrganisationType.OPERATOR, List.of("MEDICAL"), Set.of(Role.REPORTER), false);
		var telecomReporter = staff(OrganisationType.OPERATOR, List.of("ICT"), Set.of(Role.REPORTER), false);
		var hubAnalyst = staff(OrganisationType.INFORMATION_HUB, List.of(), Set.of(Role.ANALYST), false);
		if (coordinator.isEmpty() || psirt.isEmpty() || powerReporter.isEmpty() || hospitalReporter.isEmpty()
				|| telecomReporter.isEmpty() || hubAnalyst.isEmpty()) {
			return 0;
		}
		var c = coordinator.get();
		var directory = new Vendors(
				vendor(c, "東和制御システム株式会社", "Towa Control Systems Co., Ltd.", psirt.get().organisationId(),
						"TC-7000 シリーズ プログラマブルコントローラ\nTowaSCADA 統合監視制御システム\nTG-200 産業用セキュアゲートウェイ",
						"psirt@towa-control." + DOMAIN, "ja"),
				vendor(c, MARKER, "Hokuto Keiso Co., Ltd.", null, "HK-View 操作端末（HMI）\nHK-Link Modbus ゲートウェイ",
						"security@hokuto-keiso." + DOMAIN, "ja"),
				vendor(c, "株式会社みらいネットワークス", "Mirai Networks Inc.", null, "MN-R500 産業用ルーター\nMN-Edge VPN 装置",
						"psirt@mirai-networks." + DOMAIN, "en"),
				vendor(c, "みなと川市 デジタル推進課", "Minatogawa City, Digital Promotion Division", null,
						"www.city.minatogawa." + DOMAIN + "（市公式サイト・施設予約システム）", "web-admin@city.minatogawa." + DOMAIN,
						"ja"));
		received();
		checking(c, hospitalReporter.get());
		multiVendorIcs(c, psirt.get(), powerReporter.get(), directory);
		fixedWebSite(c, telecomReporter.get(), directory);
		dueForPublication(c, psirt.get(), hubAnalyst.get(), directory);
		return 5;
	}

	private record Vendors(VendorEntry towa, VendorEntry hokuto, VendorEntry mirai, VendorEntry city) {
	}

	/** A researcher without an account reports a flaw in a product whose vendor is not in the directory yet. */
	private void received() {
		cases.fileAsGuest(new VulnCases.GuestFinder("r.kimura@lab." + DOMAIN, "木村 玲", "ja"), new CaseReport(
				CaseKind.PRODUCT, false, "株式会社さくらソフトウェア", "SakuraCMS", "3.0.0 〜 3.2.4", "",
				"SakuraCMS のサイト内検索における SQL インジェクション",
				"サイト内検索の並べ替え指定（sort パラメータ）が SQL 文に直接組み込まれるため、細工したリクエストでデータベースの内容を"
						+ "取得できます。ログインは不要です。",
				"1. /search?q=test&sort=title を開く\n2. sort に title,(select version()) を指定すると、データベースのバージョンが"
						+ "エラーメッセージに表示される",
				"会員情報を含むデータベースの内容が第三者に読み取られる", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", true,
				false), List.of());
	}

	/** A hospital's engineer reports a flaw in imaging software; the coordinator checks it against known ones. */
	private void checking(CaseViewer coordinator, CaseViewer finder) {
		var filed = cases.file(finder, new CaseReport(CaseKind.PRODUCT, false, "株式会社ルミナ医療システム",
				"LuminaView DICOM ビューア", "5.0 〜 5.3", "", "LuminaView の検査画像読み込みにおけるパストラバーサル",
				"細工した DICOM ファイルを開くと、ファイル内のパス指定に従って任意のフォルダへファイルが書き出されます。",
				"1. 添付の検査画像を LuminaView で開く\n2. C:\\ProgramData\\ 配下に test.txt が作られる",
				"院内端末で任意のプログラムが実行されるおそれ", "", true, true));
		cases.transition(coordinator, filed.id(), new TransitionRequest(CaseStatus.CHECKING,
				"既知の脆弱性（公開済みの 5.2.1 修正分）と重複していないか確認中。", false, null, null, null, null));
	}

	/**
	 * A flaw in an embedded web server several control-device makers use: accepted, three vendors invited; Towa's
	 * PSIRT answers and fixes, Hokuto stays silent after a documented call, and Mirai's status is what a coordinator
	 * heard on the telephone (recorded on its behalf, so Mirai itself still counts as silent).
	 */
	private void multiVendorIcs(CaseViewer coordinator, CaseViewer psirt, CaseViewer finder, Vendors v) {
		var filed = cases.file(finder, new CaseReport(CaseKind.PRODUCT, true, "東和制御システム株式会社 ほか",
				"組込み Web サーバ部品を使う PLC・HMI", "組込み Web サーバ 2.x を搭載する機種", "",
				"複数の制御機器が搭載する組込み Web サーバにおけるバッファオーバーフロー",
				"制御機器の保守用 Web 画面が使う組込み Web サーバ部品で、長い Cookie ヘッダを受け取るとスタック上のバッファを"
						+ "超えて書き込みます。同じ部品を搭載する他社の機器でも同じ挙動を確認しました。",
				"1. 保守用 Web 画面（TCP 80）へ 8,192 バイトを超える Cookie を送る\n2. 機器が再起動する（任意コード実行の可能性）",
				"制御ネットワークに到達できる第三者により、機器の停止や不正なプログラムの実行が行われる", CVSS_CRITICAL, true,
				true));
		var id = filed.id();
		accept(coordinator, id, "制御システムへの影響が大きく、複数の製品開発者の調整が必要なため受理。");
		caseVendors.invite(coordinator, id, v.towa().id(), "TC-7000 シリーズ プログラマブルコントローラ");
		caseVendors.invite(coordinator, id, v.hokuto().id(), "HK-View 操作端末（HMI）");
		caseVendors.invite(coordinator, id, v.mirai().id(), "MN-R500 産業用ルーター");
		var first = vulnerabilities.list(coordinator, id).get(0);
		vulnerabilities.update(coordinator, id, first.id(), new VulnerabilityDraft("", "CWE-787", "",
				"組込み Web サーバにおけるスタックベースのバッファオーバーフロー",
				"Stack-based buffer overflow in an embedded web server",
				"組込み Web サーバ部品の Cookie ヘッダ処理に、境界外書き込みの脆弱性があります。",
				"The Cookie header handling of the embedded web server component writes out of bounds.",
				CVSS_CRITICAL, CVSS4_CRITICAL));
		var second = vulnerabilities.add(coordinator, id, new VulnerabilityDraft("", "CWE-798", "",
				"保守用アカウントのハードコードされた認証情報", "Hard-coded credentials of the maintenance account",
				"保守用 Web 画面に、変更できない共通のパスワードを持つアカウントが存在します。",
				"The maintenance web screen has an account with a shared password that cannot be changed.",
				"CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ""));
		caseVendors.setStatus(psirt, id, v.towa().id(), first.id(), new StatusUpdate(VendorStatus.AFFECTED,
				"弊社 TC-7000 シリーズで再現を確認しました。ファームウェア 4.3 で修正します。", "4.0, 4.1, 4.2", "4.3"));
		caseVendors.setStatus(psirt, id, v.towa().id(), second.id(), new StatusUpdate(VendorStatus.NOT_AFFECTED,
				"弊社製品は保守用アカウントを出荷時に無効化しており、該当しません。", "", ""));
		caseVendors.recordAttempt(coordinator, id, v.hokuto().id(), new CaseVendors.AttemptDraft(null,
				ContactAttempt.Channel.PHONE, "代表番号に架電。品質保証部の担当者不在のため、折り返しを依頼。"));
		caseVendors.setStatus(coordinator, id, v.mirai().id(), first.id(), new StatusUpdate(
				VendorStatus.UNDER_INVESTIGATION, "電話で確認：同じ部品の搭載有無を調査中（調整員が代理で記録）。", "", ""));
		thread.post(coordinator, id, new CaseThread.Post(MessageChannel.ALL, null,
				"本件は複数の製品開発者が関係するため、公表日は各社の修正版の準備状況を伺ったうえで調整します。"
						+ "各社の対応状況は個別のチャンネルでお知らせください。"), List.of());
		thread.post(psirt, id, new CaseThread.Post(MessageChannel.VENDOR, v.towa().id(),
				"TC-7000 シリーズで再現を確認しました。修正版ファームウェア 4.3 を来月中旬に提供できる見込みです。"), List.of());
		thread.post(coordinator, id, new CaseThread.Post(MessageChannel.COORDINATORS, null,
				"北斗計装から応答なし。来週もう一度電話し、応答がなければ連絡不能リストへの掲載を検討。"), List.of());
	}

	/** A cross-site scripting flaw on a city's booking page: the operator is notified and fixes it. */
	private void fixedWebSite(CaseViewer coordinator, CaseViewer finder, Vendors v) {
		var filed = cases.file(finder, new CaseReport(CaseKind.WEBSITE, false, "", "", "",
				"https://www.city.minatogawa." + DOMAIN + "/shisetsu/yoyaku?keyword=",
				"みなと川市 施設予約ページにおけるクロスサイトスクリプティング",
				"施設予約ページの検索キーワードが、エスケープされずに検索結果ページへ表示されます。",
				"keyword パラメータに <script>alert(1)</script> を指定して開くと、スクリプトが実行される",
				"利用者のブラウザ上で任意のスクリプトが実行され、予約情報が盗まれるおそれ", "", false, true));
		var id = filed.id();
		accept(coordinator, id, "反射型 XSS を再現。運営者へ通知する。");
		caseVendors.invite(coordinator, id, v.city().id(), "");
		cases.transition(coordinator, id, new TransitionRequest(CaseStatus.CLOSED,
				"運営者から、検索キーワードのエスケープ処理を追加したとの連絡あり。修正を確認した。", true, Outcome.FIXED, null,
				null, null));
	}

	/**
	 * A product case ready to go out: vulnerability described in both languages, Towa's answer, a complete draft and a
	 * publication moment a couple of minutes ahead, which the scheduled job then meets.
	 */
	private void dueForPublication(CaseViewer coordinator, CaseViewer psirt, CaseViewer finder, Vendors v) {
		var filed = cases.file(finder, new CaseReport(CaseKind.PRODUCT, true, "東和制御システム株式会社",
				"TG-200 産業用セキュアゲートウェイ", "2.0.0 〜 2.1.3", "",
				"TG-200 の管理画面における OS コマンドインジェクション",
				"管理画面の疎通確認機能（ping）で、宛先ホスト名に含めた記号がそのままシェルに渡ります。管理者権限が必要です。",
				"1. 管理者でログインし、診断 > 疎通確認を開く\n2. 宛先に 192.0.2.1;id と入力すると、id コマンドの結果が表示される",
				"管理者の認証情報を得た第三者により、ゲートウェイ上で任意のコマンドが実行される",
				"CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", true, true));
		var id = filed.id();
		accept(coordinator, id, "製品開発者と連絡が取れており、修正版の提供予定もあるため受理。");
		caseVendors.invite(coordinator, id, v.towa().id(), "TG-200 産業用セキュアゲートウェイ");
		var first = vulnerabilities.list(coordinator, id).get(0);
		vulnerabilities.update(coordinator, id, first.id(), new VulnerabilityDraft("", "CWE-78", "",
				"TG-200 の管理画面における OS コマンドインジェクション",
				"OS command injection in the TG-200 administration screen",
				"TG-200 の管理画面の疎通確認機能には、OS コマンドインジェクションの脆弱性があります。",
				"The connectivity check of the TG-200 administration screen is vulnerable to OS command injection.",
				"CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H",
				"CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"));
		caseVendors.setStatus(psirt, id, v.towa().id(), first.id(), new StatusUpdate(VendorStatus.AFFECTED,
				"ファームウェア 2.1.4 で修正しました。", "2.0.0, 2.1.0, 2.1.3", "2.1.4"));
		advisories.save(coordinator, id, new AdvisoryDraft("TG-200 における OS コマンドインジェクションの脆弱性",
				"OS command injection vulnerability in TG-200",
				"東和制御システム株式会社が提供する TG-200 産業用セキュアゲートウェイの管理画面には、OS コマンドインジェクションの"
						+ "脆弱性が存在します。",
				"TG-200 Industrial Secure Gateway provided by Towa Control Systems Co., Ltd. contains an OS command injection "
						+ "vulnerability in its administration screen.",
				"管理者の認証情報を得た第三者に、ゲートウェイ上で任意の OS コマンドを実行される可能性があります。",
				"An attacker who has obtained administrator credentials may execute arbitrary OS commands on the gateway.",
				"開発者が提供する最新版（ファームウェア 2.1.4 以降）へアップデートしてください。",
				"Update the firmware to version 2.1.4 or later, which the developer provides.",
				"https://towa-control." + DOMAIN + "/psirt/TSA-2026-003 東和制御システム セキュリティアドバイザリ TSA-2026-003",
				"情報 共有子（サイバー情報共有機構）", null));
		var due = LocalDateTime.ofInstant(Instant.now(clock).plus(PUBLICATION_DELAY), FiscalYear.JAPAN)
			.truncatedTo(ChronoUnit.SECONDS);
		cases.transition(coordinator, id, new TransitionRequest(CaseStatus.DATE_AGREED,
				"製品開発者と合意（修正版の提供開始に合わせる）。", true, null, null, due, FiscalYear.JAPAN.getId()));
	}

	private void accept(CaseViewer coordinator, UUID id, String reason) {
		cases.transition(coordinator, id, new TransitionRequest(CaseStatus.CHECKING, "", false, null, null, null, null));
		cases.transition(coordinator, id, new TransitionRequest(CaseStatus.ACCEPTED, reason, true, null, null, null, null));
	}

	private VendorEntry vendor(CaseViewer coordinator, String name, String nameEn, @Nullable UUID organisation,
			String products, String contact, String language) {
		return vendors.create(coordinator, new VendorDraft(name, nameEn, organisation, products, "デモデータ（架空の製品開発者です）",
				List.of(new VendorEntry.Contact("セキュリティ窓口", contact, language))));
	}

	/** Someone of the demo world's first organisation of a type who holds one of the roles. */
	private Optional<CaseViewer> staff(OrganisationType type, List<String> sectors, Set<Role> roles,
			boolean coordinator) {
		return directory.organisationsOfType(type, sectors).stream()
			.flatMap(o -> directory.contacts(o.id(), roles).stream().findFirst()
				.map(person -> new CaseViewer(person.userId(), o.id(), coordinator,
						roles.stream().anyMatch(CaseViewer.VENDOR_STAFF_ROLES::contains), List.of()))
				.stream())
			.findFirst();
	}
}
