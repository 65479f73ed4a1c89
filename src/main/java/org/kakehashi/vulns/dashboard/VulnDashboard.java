package org.kakehashi.vulns.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.FiscalYear;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.vulns.internal.CaseKind;
import org.kakehashi.vulns.internal.CaseStatus;
import org.kakehashi.vulns.internal.CaseViewer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the coordinators watch: the cases open now (by state, by age since filing, the oldest ones, vendors who have
 * not answered, vendors listed as unreachable) and how one fiscal year went, quarter by quarter — product advisories
 * published within {@value #PUBLICATION_TARGET_DAYS} days of acceptance, web sites fixed within
 * {@value #SITE_FIX_TARGET_DAYS} days of the operator's notification, and how quickly vendors answer invitations.
 *
 * <p>The scheme's targets count calendar days in Japan (accepted on 1 April, published on 16 May: 45 days), as its
 * dates (起算日) do; a vendor's answer is measured to the second, since hours matter there. Quarters and fiscal years
 * are Japan's ({@link FiscalYear}). Only coordinators see the dashboard.
 */
@Service
public class VulnDashboard {

	public static final int PUBLICATION_TARGET_DAYS = 45;
	public static final int SITE_FIX_TARGET_DAYS = 90;
	public static final int QUICK_ANSWER_DAYS = 7;
	public static final int ANSWER_DAYS = 30;
	public static final int OLDEST_SHOWN = 10;
	public static final int VENDORS_SHOWN = 20;
	public static final int FIRST_YEAR = 2000;
	public static final int LAST_YEAR = 2100;

	private final DashboardDao dao;
	private final Clock clock;

	VulnDashboard(DashboardDao dao, Clock clock) {
		this.dao = dao;
		this.clock = clock;
	}

	public FiscalYear currentYear() {
		return FiscalYear.of(Instant.now(clock));
	}

	/**
	 * The figures of the fiscal year a page or API call asks for ({@code "2026"}; the current year when none), as of
	 * now. Others than coordinators are refused before the year is even read.
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public Figures figures(CaseViewer viewer, @Nullable String fy) {
		requireCoordinator(viewer);
		return compute(year(fy));
	}

	/** Every figure as of now, read in one snapshot so that the sections agree with each other. */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public Figures figures(CaseViewer viewer, FiscalYear year) {
		requireCoordinator(viewer);
		return compute(year);
	}

	private Figures compute(FiscalYear year) {
		var now = Instant.now(clock);
		var today = LocalDate.ofInstant(now, FiscalYear.JAPAN);
		return new Figures(year.year(), year.start(), year.end(), now, dao.openByState(), dao.openByAge(today),
				dao.oldestOpen(today, OLDEST_SHOWN), dao.publications(year, PUBLICATION_TARGET_DAYS),
				dao.siteFixes(year, SITE_FIX_TARGET_DAYS), dao.answers(year, now, QUICK_ANSWER_DAYS, ANSWER_DAYS),
				dao.silentVendors(today, VENDORS_SHOWN), dao.unreachableVendors(today, VENDORS_SHOWN));
	}

	private FiscalYear year(@Nullable String fy) {
		if (fy == null || fy.isBlank()) {
			return currentYear();
		}
		try {
			var year = Integer.parseInt(fy.strip());
			if (year >= FIRST_YEAR && year <= LAST_YEAR) {
				return new FiscalYear(year);
			}
		}
		catch (NumberFormatException e) {
			// refused below, like a year out of range
		}
		throw new InvalidInput("fy", "vulns.dashboard.error.year",
				"A fiscal year between " + FIRST_YEAR + " and " + LAST_YEAR + ".");
	}

	private static void requireCoordinator(CaseViewer viewer) {
		if (!viewer.coordinator()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only coordinators see the dashboard.");
		}
	}

	/**
	 * The dashboard of one fiscal year ({@code from} inclusive, {@code to} exclusive); the open cases and vendors are
	 * those of {@code asOf}, whichever year is shown.
	 */
	public record Figures(int fiscalYear, Instant from, Instant to, Instant asOf, List<StateCount> openByState,
			List<AgeCount> openByAge, List<OpenCase> oldestOpen, PerQuarter<Publications> publications,
			PerQuarter<SiteFixes> siteFixes, PerQuarter<Answers> vendorAnswers, VendorList silentVendors,
			VendorList unreachableVendors) {

		public long openTotal() {
			return openByState.stream().mapToLong(StateCount::total).sum();
		}
	}

	/** Open cases in one state, product and web-site cases apart. */
	public record StateCount(CaseStatus status, long product, long website, long total) {

		static StateCount of(CaseStatus status, long product, long website) {
			return new StateCount(status, product, website, product + website);
		}
	}

	/** Age since filing in whole calendar days in Japan; the upper bound is null for the last bucket. */
	public enum AgeBucket {
		UP_TO_30(0, 30), UP_TO_45(31, 45), UP_TO_90(46, 90), UP_TO_180(91, 180), OVER_180(181, null);

		private final int fromDays;
		private final @Nullable Integer toDays;

		AgeBucket(int fromDays, @Nullable Integer toDays) {
			this.fromDays = fromDays;
			this.toDays = toDays;
		}

		public int fromDays() {
			return fromDays;
		}

		public @Nullable Integer toDays() {
			return toDays;
		}
	}

	public record AgeCount(AgeBucket bucket, int fromDays, @Nullable Integer toDays, long product, long website,
			long total) {

		static AgeCount of(AgeBucket bucket, long product, long website) {
			return new AgeCount(bucket, bucket.fromDays(), bucket.toDays(), product, website, product + website);
		}
	}

	public record OpenCase(UUID id, String number, String title, CaseKind kind, CaseStatus status, Instant filedAt,
			int ageDays) {
	}

	/** The figures of each quarter (Q1 April–June first) and of the whole fiscal year (not always their sum). */
	public record PerQuarter<T>(List<T> quarters, T fiscalYear) {
	}

	/**
	 * {@code count} out of {@code outOf}, and the share in percent with one decimal; null when there is nothing to
	 * share out (shown as "—", never as 0 %).
	 */
	public record Share(long count, long outOf, @Nullable Double percent) {

		static Share of(long count, long outOf) {
			return new Share(count, outOf, outOf == 0 ? null : Math.round(count * 1000.0 / outOf) / 10.0);
		}
	}

	/**
	 * Product cases published in the period (by their move to PUBLISHED), and how many of them within the target of
	 * their acceptance. {@code quarter} is null for the whole year.
	 */
	public record Publications(@Nullable Integer quarter, long published, Share withinTarget) {
	}

	/**
	 * Web-site cases closed in the period, how many of them as fixed (修正完了: fixed, page removed or worked around,
	 * {@link org.kakehashi.vulns.internal.Outcome#siteFixed()}), and — as IPA counts it — the share of the fixed ones
	 * closed within the target of the operator's notification.
	 */
	public record SiteFixes(@Nullable Integer quarter, long closed, long fixed, Share fixedWithinTarget) {
	}

	/**
	 * Vendor invitations made in the period: how many were answered, the median time to the first answer (in days,
	 * one decimal; null when none was answered) and the shares answered within 7 and 30 days. An invitation not yet
	 * answered counts against a window only once that window has passed, so last week's invitations do not drag
	 * the share down before their vendors had their 7 days.
	 */
	public record Answers(@Nullable Integer quarter, long invitations, long answered, @Nullable Double medianDays,
			Share within7Days, Share within30Days) {

		/** Answered after 30 days: what the chart shows beyond the two windows. */
		public long answeredLater() {
			return answered - within30Days.count();
		}

		public long unanswered() {
			return invitations - answered;
		}
	}

	/** How many vendors are in a list, and the longest-standing of them. */
	public record VendorList(long total, List<VendorOnCase> longest) {
	}

	/**
	 * A vendor on a case, silent since its invitation or listed as unreachable since {@code since}; {@code days} in
	 * calendar days in Japan.
	 */
	public record VendorOnCase(UUID vendorId, String vendorName, String vendorNameEn, String product, UUID caseId,
			String caseNumber, CaseStatus caseStatus, boolean unreachable, Instant since, int days) {

		public String name(Locale locale) {
			return "en".equals(locale.getLanguage()) && !vendorNameEn.isBlank() ? vendorNameEn : vendorName;
		}
	}
}
