package org.kakehashi.bench;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.platform.Ids;
import org.kakehashi.support.VulnsFixtures;
import org.kakehashi.vulns.internal.CaseVendors;
import org.kakehashi.vulns.internal.CaseViewer;
import org.kakehashi.vulns.internal.CaseVulnerabilities;
import org.kakehashi.vulns.internal.CaseVulnerability;
import org.kakehashi.vulns.internal.MessageChannel;
import org.kakehashi.vulns.internal.StatusUpdate;
import org.kakehashi.vulns.internal.VendorStatus;
import org.kakehashi.vulns.internal.VulnerabilityDraft;
import org.kakehashi.vulns.internal.VulnsProperties;
import org.kakehashi.vulns.publication.AdvisoryDrafts;
import org.kakehashi.vulns.publication.AdvisoryPublication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds a published product case with {@code n} vendors the way the application would have stored it. The small
 * parts go through the module's services (filing, acceptance, the three vulnerabilities, the vendor with its own
 * organisation — invited, answering and writing as its PSIRT —, the advisory draft, the agreed moment and the first
 * publication). The bulk — the other vendors' directory entries, their invitations, their statuses and the thread —
 * is written set-based, with every row the service call it stands for would have written: the invitation's
 * automatic e-mail attempt and the personal link in that e-mail, the personal links every later e-mail carries, the
 * vendor's first response, the audit entries (through {@link AuditLog}, so the hash chain holds) and the case's
 * {@code updated_at}. Each bulk method names the service call it replaces.
 */
final class VendorCaseBuilder {

	static final int MESSAGES = 200;
	/** Of every 10 vendor × vulnerability pairs, this many have a status (the rest: the vendor's silence). */
	static final int STATUSES_IN_TEN = 6;
	static final String PRODUCT = "FooSCADA";

	/** A built case, and what the benchmark needs to address its pages. */
	record Built(UUID id, String number, String slug, int vendors, UUID psirtVendorId, UUID sampleVendorId,
			String sampleContactEmail, int statuses, int messages, long accessKeys, double buildSeconds,
			double publishMillis) {
	}

	private final VulnsFixtures world;
	private final CaseVulnerabilities vulnerabilities;
	private final CaseVendors vendors;
	private final AdvisoryPublication publication;
	private final AuditLog audit;
	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final Duration linkValidity;

	VendorCaseBuilder(VulnsFixtures world, CaseVulnerabilities vulnerabilities, CaseVendors vendors,
			AdvisoryPublication publication, AuditLog audit, JdbcClient jdbc, TransactionTemplate transactions,
			VulnsProperties settings) {
		this.world = world;
		this.vulnerabilities = vulnerabilities;
		this.vendors = vendors;
		this.publication = publication;
		this.audit = audit;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.linkValidity = settings.accessLinkValidity();
	}

	/**
	 * A case of {@code n} vendors: the PSIRT's vendor plus {@code n - 1} directory entries without an organisation,
	 * each with one contact. {@code label} keeps names, addresses and CVE ids apart from other cases'.
	 */
	Built build(String label, int n, UserAccount coordinator, UserAccount finder, VulnsFixtures.VendorWithAccount psirt,
			int cveBase) {
		var started = System.nanoTime();
		var viewer = VulnsFixtures.viewer(coordinator);
		var filed = world.fileProductCase(finder, label + " " + PRODUCT + " 認証回避");
		var id = filed.id();
		world.accept(coordinator, id);
		world.describe(coordinator, id, "CVE-2026-" + cveBase);
		vulnerabilities.add(viewer, id, new VulnerabilityDraft("CVE-2026-" + (cveBase + 1), "CWE-79", "",
				PRODUCT + " におけるクロスサイトスクリプティング", "Cross-site scripting in " + PRODUCT,
				"FooSCADA の検索画面にはクロスサイトスクリプティングの脆弱性が存在します。",
				"The FooSCADA search screen is vulnerable to cross-site scripting.", VulnsFixtures.CVSS31, ""));
		vulnerabilities.add(viewer, id, new VulnerabilityDraft("CVE-2026-" + (cveBase + 2), "CWE-22", "",
				PRODUCT + " におけるパストラバーサル", "Path traversal in " + PRODUCT,
				"FooSCADA のファイル取得機能にはパストラバーサルの脆弱性が存在します。",
				"The FooSCADA file download allows path traversal.", "", VulnsFixtures.CVSS40));
		var vulns = vulnerabilities.of(id);

		// The first vendor through the services: its invitation moves the case to VENDOR_CONTACTED (起算日 today).
		world.invite(coordinator, id, psirt.entry().id(), PRODUCT);
		var psirtViewer = VulnsFixtures.viewer(psirt.psirt());
		for (var v : vulns) {
			vendors.setStatus(psirtViewer, id, psirt.entry().id(), v.id(),
					new StatusUpdate(VendorStatus.AFFECTED, "3.3 で修正しました。", "3.1, 3.2", "3.3"));
		}

		var bulk = new Bulk(id, filed.number(), coordinator.id());
		var others = transactions.execute(s -> bulk.directoryEntries(label, n - 1));
		var all = new ArrayList<Vendor>();
		all.add(new Vendor(psirt.entry().id(), psirt.entry().name(), PRODUCT, null));
		all.addAll(others);
		transactions.executeWithoutResult(s -> bulk.invitations(others));
		var statuses = transactions.execute(s -> bulk.statuses(others, vulns));
		transactions.executeWithoutResult(s -> bulk.thread(all, psirt.psirt().id(), finder.id()));

		world.draftAdvisory(coordinator, id);
		var now = LocalDateTime.now(ZoneId.of("Asia/Tokyo")).truncatedTo(ChronoUnit.MINUTES);
		world.agree(coordinator, id, now);
		jdbc.sql("analyze").update();
		var t0 = System.nanoTime();
		var outcome = publication.publishNow(viewer, id);
		var publishMillis = (System.nanoTime() - t0) / 1e6;
		if (!outcome.published()) {
			throw new IllegalStateException("The advisory of " + filed.number() + " is not ready: " + outcome.readiness());
		}
		var keys = jdbc.sql("select count(*) from vuln_access_key where case_id = :case").param("case", id)
			.query(Long.class).single();
		// A vendor in the middle of the list, or the only one.
		var sample = others.isEmpty() ? new Vendor(psirt.entry().id(), psirt.entry().name(), PRODUCT,
				psirt.entry().contacts().get(0).email()) : others.get(others.size() / 2);
		return new Built(id, filed.number(), AdvisoryDrafts.slug(filed.number()), n, psirt.entry().id(), sample.id(),
				sample.contactEmail(), statuses + vulns.size(), MESSAGES, keys, (System.nanoTime() - started) / 1e9,
				publishMillis);
	}

	/** A vendor of the case: its directory entry's id and name, the product it was invited for, its one contact. */
	record Vendor(UUID id, String name, String product, @Nullable String contactEmail) {
	}

	/** The set-based writes of one case, each in the caller's transaction. */
	private final class Bulk {

		private final UUID caseId;
		private final String number;
		private final UUID coordinatorId;

		Bulk(UUID caseId, String number, UUID coordinatorId) {
			this.caseId = caseId;
			this.number = number;
			this.coordinatorId = coordinatorId;
		}

		/** Stands for {@code VendorDirectory.create} of each entry: the vendor, its contact, the audit entry. */
		List<Vendor> directoryEntries(String label, int count) {
			var now = Timestamp.from(Instant.now());
			var result = new ArrayList<Vendor>();
			var ids = new UUID[count];
			var names = new String[count];
			var namesEn = new String[count];
			var products = new String[count];
			var contactNames = new String[count];
			var emails = new String[count];
			var languages = new String[count];
			for (int i = 0; i < count; i++) {
				ids[i] = Ids.newId();
				names[i] = "%s 電機 %04d 株式会社".formatted(label, i + 1);
				namesEn[i] = "%s Denki %04d Corporation".formatted(label, i + 1);
				products[i] = "Gateway シリーズ\nHMI パネル\n" + PRODUCT + " OEM 版";
				contactNames[i] = i % 3 == 0 ? "PSIRT 窓口" : "Product Security";
				emails[i] = "psirt@denki-%04d.%s.example".formatted(i + 1, label.toLowerCase(Locale.ROOT));
				languages[i] = i % 4 == 0 ? "en" : "ja";
				result.add(new Vendor(ids[i], names[i], "%s Gateway OEM-%04d".formatted(PRODUCT, i + 1), emails[i]));
			}
			jdbc.sql("""
					insert into vuln_vendor (id, name, name_en, organisation_id, products, notes, created_at, updated_at)
					select t.id, t.name, t.name_en, null, t.products, '', :now, :now
					  from unnest(:ids::uuid[], :names::text[], :namesEn::text[], :products::text[])
					       as t (id, name, name_en, products)
					""").param("ids", ids).param("names", names).param("namesEn", namesEn).param("products", products)
				.param("now", now).update();
			jdbc.sql("""
					insert into vuln_vendor_contact (vendor_id, name, email, language)
					select * from unnest(:ids::uuid[], :names::text[], :emails::text[], :languages::text[])
					""").param("ids", ids).param("names", contactNames).param("emails", emails)
				.param("languages", languages).update();
			for (int i = 0; i < count; i++) {
				audit.record("vulns.vendor.created", "vuln_vendor", ids[i],
						Map.of("name", names[i], "organisation", "null", "contacts", "1"));
			}
			return result;
		}

		/**
		 * Stands for {@code CaseVendors.invite} of each vendor: the case's vendor row, the personal link its invitation
		 * e-mail carries, the automatic e-mail attempt, the audit entry and the case's change time.
		 */
		void invitations(List<Vendor> invited) {
			if (invited.isEmpty()) {
				return;
			}
			var now = Timestamp.from(Instant.now());
			var ids = invited.stream().map(Vendor::id).toArray(UUID[]::new);
			jdbc.sql("""
					insert into vuln_case_vendor (case_id, vendor_id, product_name, invited_at, invited_by)
					select :case, t.vendor_id, t.product, :now, :by from unnest(:ids::uuid[], :products::text[]) as t (vendor_id, product)
					""").param("case", caseId).param("ids", ids)
				.param("products", invited.stream().map(Vendor::product).toArray(String[]::new))
				.param("now", now).param("by", coordinatorId).update();
			personalLinks(ids, now);
			jdbc.sql("""
					insert into vuln_contact_attempt (case_id, vendor_id, attempted_at, channel, note, automatic, by_user_id,
					                                  recorded_at)
					select :case, v, :now, 'EMAIL', '', true, :by, :now from unnest(:ids::uuid[]) as v
					""").param("case", caseId).param("ids", ids).param("now", now).param("by", coordinatorId).update();
			for (var vendor : invited) {
				audit.record("vulns.vendor-invited", "vuln_case", caseId,
						Map.of("number", number, "vendor", vendor.id().toString(), "mails", "1"));
			}
			touch();
		}

		/**
		 * Stands for {@code CaseVendors.setStatus}: {@value #STATUSES_IN_TEN} in 10 vendor × vulnerability pairs get a
		 * status, half given by the vendor's contact through its personal link (signed with the contact's address,
		 * counting as the vendor's response), half by a coordinator on the vendor's behalf. Returns how many.
		 */
		int statuses(List<Vendor> of, List<CaseVulnerability> vulns) {
			var now = Timestamp.from(Instant.now());
			var vendorIds = new ArrayList<UUID>();
			var vulnIds = new ArrayList<UUID>();
			var statuses = new ArrayList<String>();
			var statements = new ArrayList<String>();
			var affected = new ArrayList<String>();
			var fixed = new ArrayList<String>();
			var by = new ArrayList<@Nullable UUID>();
			var labels = new ArrayList<String>();
			var responded = new LinkedHashSet<UUID>();
			for (int i = 0; i < of.size(); i++) {
				var vendor = of.get(i);
				for (int j = 0; j < vulns.size(); j++) {
					if (Math.floorMod(i * 7 + j * 3, 10) >= STATUSES_IN_TEN) {
						continue;
					}
					var status = switch (Math.floorMod(i + j, 5)) {
						case 0, 1 -> VendorStatus.AFFECTED;
						case 2, 3 -> VendorStatus.NOT_AFFECTED;
						default -> VendorStatus.UNDER_INVESTIGATION;
					};
					var byVendor = i % 2 == 0;
					vendorIds.add(vendor.id());
					vulnIds.add(vulns.get(j).id());
					statuses.add(status.name());
					statements.add(switch (status) {
						case AFFECTED -> "修正版 3.2 を公開しました。Fixed in 3.2; see our advisory.";
						case NOT_AFFECTED -> i % 3 == 0 ? "該当する機能を含みません。" : "";
						default -> "調査中です。";
					});
					affected.add(status == VendorStatus.AFFECTED ? "3.0|3.1" : "");
					fixed.add(status == VendorStatus.AFFECTED ? "3.2" : "");
					by.add(byVendor ? null : coordinatorId);
					labels.add(byVendor ? vendor.contactEmail() : "");
					if (byVendor) {
						responded.add(vendor.id());
					}
				}
			}
			if (vendorIds.isEmpty()) {
				return 0;
			}
			jdbc.sql("""
					insert into vuln_vendor_status (case_id, vendor_id, vulnerability_id, status, statement, affected_versions,
					                                fixed_versions, updated_at, updated_by, updated_by_label)
					select :case, t.vendor_id, t.vuln, t.status, t.statement, string_to_array(t.affected, '|'),
					       string_to_array(t.fixed, '|'), :now, t.by, t.label
					  from unnest(:vendors::uuid[], :vulns::uuid[], :statuses::text[], :statements::text[], :affected::text[],
					              :fixed::text[], :by::uuid[], :labels::text[])
					       as t (vendor_id, vuln, status, statement, affected, fixed, by, label)
					""").param("case", caseId).param("vendors", vendorIds.toArray(UUID[]::new))
				.param("vulns", vulnIds.toArray(UUID[]::new)).param("statuses", statuses.toArray(String[]::new))
				.param("statements", statements.toArray(String[]::new)).param("affected", affected.toArray(String[]::new))
				.param("fixed", fixed.toArray(String[]::new)).param("by", by.toArray(UUID[]::new))
				.param("labels", labels.toArray(String[]::new)).param("now", now).update();
			responded(responded.toArray(UUID[]::new), now);
			for (int k = 0; k < vendorIds.size(); k++) {
				audit.record("vulns.vendor-status", "vuln_case", caseId, Map.of("number", number,
						"vendor", vendorIds.get(k).toString(), "vulnerability", vulnIds.get(k).toString(),
						"status", statuses.get(k), "by", by.get(k) == null ? "vendor" : "coordinator"));
			}
			touch();
			return vendorIds.size();
		}

		/**
		 * Stands for {@code CaseThread.post} of {@value VendorCaseBuilder#MESSAGES} messages: of every 10, 2 internal
		 * notes, 5 in a vendor's channel (from the coordinators, or from the vendor — its PSIRT signed in, or a contact
		 * through the personal link), 2 with the finder and 1 to everyone on the case. Each stores the message, its
		 * audit entry, the vendor's response, and the personal link in every e-mail that tells a vendor contact
		 * without an account of it (a message to everyone: one per such contact of every vendor).
		 */
		void thread(List<Vendor> all, UUID psirtUserId, UUID finderUserId) {
			for (int k = 0; k < MESSAGES; k++) {
				var now = Timestamp.from(Instant.now());
				var slot = k % 10;
				var channel = slot < 2 ? MessageChannel.COORDINATORS : slot < 7 ? MessageChannel.VENDOR
						: slot < 9 ? MessageChannel.FINDER : MessageChannel.ALL;
				var vendor = all.get(Math.floorMod(k * 37, all.size()));
				var fromVendor = channel == MessageChannel.VENDOR && k % 2 == 1;
				var fromFinder = channel == MessageChannel.FINDER && k % 2 == 1;
				var psirtWrites = fromVendor && vendor.contactEmail() == null;
				var kind = fromVendor ? "VENDOR" : fromFinder ? "FINDER" : "COORDINATOR";
				UUID author = fromVendor ? (psirtWrites ? psirtUserId : null) : fromFinder ? finderUserId : coordinatorId;
				var messageId = jdbc.sql("""
						insert into vuln_case_message (case_id, channel, vendor_id, author_kind, author_user_id,
						                               author_vendor_id, author_label, body, posted_at)
						values (:case, :channel, :vendor::uuid, :kind, :author::uuid, :authorVendor::uuid, :label, :body, :now)
						returning id
						""").param("case", caseId).param("channel", channel.name())
					.param("vendor", channel == MessageChannel.VENDOR ? vendor.id() : null).param("kind", kind)
					.param("author", author).param("authorVendor", fromVendor ? vendor.id() : null)
					.param("label", fromVendor && !psirtWrites ? vendor.contactEmail() : "").param("body", body(k, channel))
					.param("now", now).query(Long.class).single();
				if (fromVendor) {
					responded(new UUID[] { vendor.id() }, now);
				}
				else if (channel == MessageChannel.VENDOR) {
					personalLinks(new UUID[] { vendor.id() }, now);
				}
				else if (channel == MessageChannel.ALL) {
					personalLinks(all.stream().map(Vendor::id).toArray(UUID[]::new), now);
				}
				touch();
				audit.record("vulns.message.posted", "vuln_case", caseId, Map.of("number", number,
						"message", String.valueOf(messageId), "channel", channel.name(), "author", kind, "files", "0"));
			}
		}

		/**
		 * The personal link {@code CaseMail} issues with each e-mail about the case to a vendor's contacts: every
		 * directory contact of the vendors that is not one of the vendor organisation's PSIRT staff.
		 */
		private void personalLinks(UUID[] vendorIds, Timestamp now) {
			jdbc.sql("""
					insert into vuln_access_key (key_hash, case_id, party, vendor_id, email, created_at, expires_at)
					select encode(sha256(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid())), 'hex'), :case,
					       'VENDOR', vc.vendor_id, vc.email, :now, :expires
					  from vuln_vendor_contact vc join vuln_vendor v on v.id = vc.vendor_id
					 where vc.vendor_id = any(:ids::uuid[])
					   and not exists (select 1 from app_user u join user_role r on r.user_id = u.id
					                    where u.organisation_id = v.organisation_id and u.active
					                      and r.role in ('ORG_ADMIN', 'ANALYST', 'COORDINATOR')
					                      and lower(u.email) = lower(vc.email))
					 order by vc.vendor_id, vc.id
					""").param("case", caseId).param("ids", vendorIds).param("now", now)
				.param("expires", Timestamp.from(now.toInstant().plus(linkValidity))).update();
		}

		private void responded(UUID[] vendorIds, Timestamp now) {
			jdbc.sql("""
					update vuln_case_vendor set first_response_at = coalesce(first_response_at, :now)
					 where case_id = :case and vendor_id = any(:ids::uuid[])
					""").param("case", caseId).param("ids", vendorIds).param("now", now).update();
		}

		private void touch() {
			jdbc.sql("update vuln_case set updated_at = :now where id = :case").param("case", caseId)
				.param("now", Timestamp.from(Instant.now())).update();
		}
	}

	/** A message of a few hundred characters to a couple of thousand, in Japanese with some English. */
	static String body(int k, MessageChannel channel) {
		var text = new StringBuilder();
		text.append(switch (channel) {
			case COORDINATORS -> "内部メモ: ";
			case VENDOR -> "ご担当者様\n";
			case FINDER -> "報告者様\n";
			case ALL -> "関係者各位\n";
		});
		for (int i = 0; i <= k % 6; i++) {
			text.append("本件の脆弱性について、影響を受ける製品とバージョン、修正版の提供予定を確認しています。")
				.append("公表予定日までにご回答をお願いいたします。We are confirming affected versions and fix dates ")
				.append("before the agreed publication.\n");
		}
		return text.toString();
	}
}
