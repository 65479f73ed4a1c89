package org.kakehashi.identity.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.Secrets;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static org.kakehashi.identity.OrganisationType.CEPTOAR;
import static org.kakehashi.identity.OrganisationType.COORDINATOR;
import static org.kakehashi.identity.OrganisationType.INFORMATION_HUB;
import static org.kakehashi.identity.OrganisationType.LOCAL_GOVERNMENT;
import static org.kakehashi.identity.OrganisationType.NATIONAL_CENTRE;
import static org.kakehashi.identity.OrganisationType.OPERATOR;
import static org.kakehashi.identity.OrganisationType.SECTOR_MINISTRY;
import static org.kakehashi.identity.OrganisationType.VENDOR;
import static org.kakehashi.identity.internal.Organisation.SizeClass.LARGE;
import static org.kakehashi.identity.internal.Organisation.SizeClass.MEDIUM;

/**
 * A small, realistic (and entirely fictional) world to try Kakehashi with: ministries, CEPTOARs, the
 * centre, a hub with an NDA-based SIG, a coordinator, a vendor, six operators, a city and a sharing
 * group, with one user per role. Loaded once on start with {@code kakehashi.demo=true}; a second start
 * finds the demo organisations and does nothing. The users' passwords are random, printed once to the
 * console (never to the log file) and only their hashes are stored.
 */
@Service
@Profile("!command")
public class DemoWorld {

	/** Present once the demo has been loaded: the marker for idempotence. */
	static final String MARKER = "関東中央電力株式会社";
	static final String DOMAIN = "demo.kakehashi.example";

	private final Organisations organisations;
	private final Groups groups;
	private final Users users;
	private final PasswordEncoder passwords;
	private final AuditLog audit;
	private final JdbcClient jdbc;
	private final KakehashiProperties properties;

	DemoWorld(Organisations organisations, Groups groups, Users users, PasswordEncoder passwords, AuditLog audit,
			JdbcClient jdbc, KakehashiProperties properties) {
		this.organisations = organisations;
		this.groups = groups;
		this.users = users;
		this.passwords = passwords;
		this.audit = audit;
		this.jdbc = jdbc;
		this.properties = properties;
	}

	public record Credential(String email, String role, String password) {
	}

	/** Runs before the first-administrator check, so a fresh demo needs no set-up link. */
	@EventListener(ApplicationReadyEvent.class)
	@Order(5)
	public void loadWhenEnabled(ApplicationReadyEvent event) {
		if (!properties.demo()) {
			return;
		}
		var credentials = event.getApplicationContext().getBean(DemoWorld.class).load();
		if (!credentials.isEmpty()) {
			print(credentials);
		}
	}

	/** Creates the demo world unless it exists; returns the new users' one-time passwords (empty if skipped). */
	@Transactional
	public List<Credential> load() {
		if (organisations.byName(MARKER).isPresent()) {
			return List.of();
		}
		var credentials = new ArrayList<Credential>();

		var mic = org("総務省", "Ministry of Internal Affairs and Communications", SECTOR_MINISTRY, null, "東京都", "ICT", "GOVERNMENT");
		org("金融庁", "Financial Services Agency", SECTOR_MINISTRY, null, "東京都", "FINANCE");
		var meti = org("経済産業省", "Ministry of Economy, Trade and Industry", SECTOR_MINISTRY, null, "東京都", "ELECTRICITY", "GAS",
				"CHEMICAL", "CREDIT", "PETROLEUM");
		org("国土交通省", "Ministry of Land, Infrastructure, Transport and Tourism", SECTOR_MINISTRY, null, "東京都", "AVIATION",
				"AIRPORT", "RAILWAY", "WATER", "LOGISTICS");
		org("厚生労働省", "Ministry of Health, Labour and Welfare", SECTOR_MINISTRY, null, "東京都", "MEDICAL");

		var centre = org("重要インフラサイバー調整センター", "National Critical Infrastructure Cyber Coordination Centre", NATIONAL_CENTRE,
				LARGE, "東京都");
		var hub = org("サイバー情報共有機構", "Cyber Information Sharing Organisation", INFORMATION_HUB, MEDIUM, "東京都");
		var coordinator = org("インシデント対応調整センター", "Incident Response Coordination Center", COORDINATOR, MEDIUM, "東京都");
		var vendor = org("東和制御システム株式会社", "Towa Control Systems Co., Ltd.", VENDOR, MEDIUM, "神奈川県");

		var power = org(MARKER, "Kanto Chuo Electric Power Co., Inc.", OPERATOR, LARGE, "東京都", "ELECTRICITY");
		var bank = org("さくら中央銀行", "Sakura Chuo Bank, Ltd.", OPERATOR, LARGE, "大阪府", "FINANCE");
		var railway = org("北陸みらい鉄道株式会社", "Hokuriku Mirai Railway Co., Ltd.", OPERATOR, MEDIUM, "石川県", "RAILWAY");
		var telecom = org("ひかりネット通信株式会社", "Hikari Net Communications Co., Ltd.", OPERATOR, LARGE, "東京都", "ICT");
		var hospital = org("青葉記念総合病院", "Aoba Memorial General Hospital", OPERATOR, MEDIUM, "宮城県", "MEDICAL");
		var water = org("湖南広域水道企業団", "Konan Regional Water Supply Authority", OPERATOR, MEDIUM, "滋賀県", "WATER");
		var city = org("みなと川市", "Minatogawa City", LOCAL_GOVERNMENT, MEDIUM, "神奈川県", "GOVERNMENT");

		var powerCeptoar = org("電力セプター", "Electricity CEPTOAR", CEPTOAR, null, "東京都", "ELECTRICITY");
		var financeCeptoar = org("金融セプター", "Finance CEPTOAR", CEPTOAR, null, "東京都", "FINANCE");

		var powerGroup = groups.create("電力セプター", Groups.Kind.CEPTOAR, "ELECTRICITY",
				"電力分野の情報共有・分析機能 / Electricity sector CEPTOAR", false);
		groups.addMember(powerGroup.id(), powerCeptoar, null);
		groups.addMember(powerGroup.id(), power, null);
		var financeGroup = groups.create("金融セプター", Groups.Kind.CEPTOAR, "FINANCE",
				"金融分野の情報共有・分析機能 / Finance sector CEPTOAR", false);
		groups.addMember(financeGroup.id(), financeCeptoar, null);
		groups.addMember(financeGroup.id(), bank, null);
		var sig = groups.create("制御システムSIG", Groups.Kind.SIG, "ELECTRICITY",
				"制御システムを運用する事業者のNDAに基づく情報共有 / NDA-based sharing among control-system operators", true);
		groups.addMember(sig.id(), hub, LocalDate.of(2025, 4, 1));
		groups.addMember(sig.id(), power, LocalDate.of(2025, 4, 1));
		groups.addMember(sig.id(), water, LocalDate.of(2025, 6, 15));
		groups.addMember(sig.id(), vendor, LocalDate.of(2025, 6, 15));
		var sharing = groups.create("首都圏重要インフラ連絡会", Groups.Kind.SHARING_GROUP, null,
				"首都圏の重要インフラ事業者と自治体の連絡会 / Greater Tokyo CI operators and municipalities", false);
		for (var member : List.of(power, telecom, city, centre)) {
			groups.addMember(sharing.id(), member, null);
		}

		boolean platformAdminExists = jdbc.sql("select count(*) from user_role where role = 'PLATFORM_ADMIN'")
			.query(Long.class)
			.single() > 0;
		if (!platformAdminExists) {
			user(credentials, centre, "admin", "デモ 管理者", "platform admin", Role.PLATFORM_ADMIN, Role.ORG_ADMIN);
		}
		user(credentials, centre, "centre.analyst", "中央 分析官", "centre analyst", Role.ANALYST);
		user(credentials, hub, "hub.analyst", "情報 共有子", "hub analyst (SIG)", Role.ANALYST);
		user(credentials, coordinator, "coordinator", "調整 太郎", "coordinator", Role.COORDINATOR);
		user(credentials, coordinator, "coordinator.reviewer", "調整 花子", "coordinator (reviews warnings)", Role.COORDINATOR);
		user(credentials, meti, "ministry.analyst", "経産 分析子", "ministry analyst (METI)", Role.ANALYST);
		user(credentials, mic, "mic.analyst", "総務 分析男", "ministry analyst (MIC)", Role.ANALYST);
		user(credentials, powerCeptoar, "ceptoar", "電力 事務局", "CEPTOAR secretariat", Role.COORDINATOR, Role.VIEWER);
		user(credentials, power, "power.admin", "関東 管理者", "operator org admin", Role.ORG_ADMIN, Role.REPORTER);
		user(credentials, power, "power.reporter", "関東 報告者", "operator reporter", Role.REPORTER);
		user(credentials, power, "power.viewer", "関東 閲覧者", "operator viewer", Role.VIEWER);
		user(credentials, bank, "bank.reporter", "桜井 報告者", "operator reporter (finance)", Role.REPORTER);
		user(credentials, railway, "railway.reporter", "北陸 報告者", "operator reporter (railway)", Role.REPORTER);
		user(credentials, telecom, "telecom.reporter", "光 報告者", "operator reporter (ICT)", Role.REPORTER);
		user(credentials, hospital, "hospital.reporter", "青葉 報告者", "operator reporter (medical)", Role.REPORTER);
		user(credentials, water, "water.reporter", "湖南 報告者", "operator reporter (water)", Role.REPORTER);
		user(credentials, vendor, "vendor", "東和 開発者", "vendor", Role.COORDINATOR);
		user(credentials, city, "city", "みなと 職員", "local government", Role.REPORTER);

		audit.record("identity.demo.loaded", "organisation", power,
				Map.of("organisations", "18", "groups", "4", "users", String.valueOf(credentials.size())));
		return credentials;
	}

	private UUID org(String name, String nameEn, OrganisationType type, Organisation.@Nullable SizeClass size,
			String prefecture, String... sectors) {
		return organisations.create(new Organisations.Draft(name, nameEn, type, size, prefecture, false, List.of(sectors))).id();
	}

	private void user(List<Credential> credentials, UUID organisation, String local, String name, String role,
			Role... roles) {
		var email = local + "@" + DOMAIN;
		if (users.emailTaken(email)) {
			return;
		}
		var password = randomPassword();
		users.create(organisation, email, name, passwords.encode(password), Set.copyOf(EnumSet.of(roles[0], roles)));
		credentials.add(new Credential(email, role, password));
	}

	static String randomPassword() {
		// No look-alike characters, so the password can be typed from the console.
		var alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
		while (true) {
			var password = new StringBuilder();
			for (int i = 0; i < 20; i++) {
				password.append(alphabet.charAt(Secrets.random().nextInt(alphabet.length())));
			}
			if (PasswordPolicy.check(password.toString(), null, null).isEmpty()) {
				return password.toString();
			}
		}
	}

	@SuppressWarnings("java:S106") // The console on purpose: the log file must never hold these passwords.
	private static void print(List<Credential> credentials) {
		var out = new StringBuilder("\n");
		var line = "=".repeat(96) + "\n";
		out.append(line).append(" Kakehashi demo world loaded. These passwords are shown ONCE and are not stored anywhere.\n")
			.append(" Centre, hub, coordinator, ministry and administrator accounts set up a second factor at first sign-in.\n")
			.append(line)
			.append(String.format(" %-38s %-30s %s%n", "e-mail", "role", "password"));
		credentials.forEach(c -> out.append(String.format(" %-38s %-30s %s%n", c.email(), c.role(), c.password())));
		out.append(line);
		System.out.print(out);
		System.out.flush();
	}
}
