package org.kakehashi.vulns.internal;

/** How a closed case ended. */
public enum Outcome {

	/** JVN-style public advisory. */
	JVN_PUBLICATION,
	/** 個別対応: the vendor handles it with its customers privately. */
	PRIVATE_HANDLING,
	/** 脆弱性ではない. */
	NOT_A_VULNERABILITY,
	/** 不受理. */
	NOT_ACCEPTED,
	/** Web site: 修正 — the operator fixed the page. */
	FIXED,
	/** Web site: 当該ページの削除 — the page was taken down. */
	PAGE_REMOVED,
	/** Web site: 運用で回避 — the operator works around it. */
	WORKAROUND,
	/** Web site: 連絡不能 — the operator could not be reached. */
	OPERATOR_UNREACHABLE;

	/** What the web-site KPI counts as fixed (IPA's 修正完了: fixed, page removed or worked around). */
	public boolean siteFixed() {
		return this == FIXED || this == PAGE_REMOVED || this == WORKAROUND;
	}
}
