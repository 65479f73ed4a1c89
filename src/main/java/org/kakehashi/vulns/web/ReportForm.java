package org.kakehashi.vulns.web;

import org.kakehashi.vulns.internal.CaseKind;
import org.kakehashi.vulns.internal.CaseReport;

/** The finder's form, as typed. */
public class ReportForm {

	private String kind = "";
	private boolean ics;
	private String vendorName = "";
	private String productName = "";
	private String versions = "";
	private String siteUrl = "";
	private String title = "";
	private String description = "";
	private String reproduction = "";
	private String impact = "";
	private String suggestedCvss = "";
	private boolean consentCredit;
	private boolean consentShareWithVendor;

	CaseReport report() {
		CaseKind chosen = null;
		for (var k : CaseKind.values()) {
			if (k.name().equals(kind)) {
				chosen = k;
			}
		}
		return new CaseReport(chosen, ics, vendorName, productName, versions, siteUrl, title, description, reproduction,
				impact, suggestedCvss, consentCredit, consentShareWithVendor);
	}

	public String getKind() { return kind; }
	public void setKind(String kind) { this.kind = kind == null ? "" : kind; }
	public boolean isIcs() { return ics; }
	public void setIcs(boolean ics) { this.ics = ics; }
	public String getVendorName() { return vendorName; }
	public void setVendorName(String v) { this.vendorName = v == null ? "" : v; }
	public String getProductName() { return productName; }
	public void setProductName(String v) { this.productName = v == null ? "" : v; }
	public String getVersions() { return versions; }
	public void setVersions(String v) { this.versions = v == null ? "" : v; }
	public String getSiteUrl() { return siteUrl; }
	public void setSiteUrl(String v) { this.siteUrl = v == null ? "" : v; }
	public String getTitle() { return title; }
	public void setTitle(String v) { this.title = v == null ? "" : v; }
	public String getDescription() { return description; }
	public void setDescription(String v) { this.description = v == null ? "" : v; }
	public String getReproduction() { return reproduction; }
	public void setReproduction(String v) { this.reproduction = v == null ? "" : v; }
	public String getImpact() { return impact; }
	public void setImpact(String v) { this.impact = v == null ? "" : v; }
	public String getSuggestedCvss() { return suggestedCvss; }
	public void setSuggestedCvss(String v) { this.suggestedCvss = v == null ? "" : v; }
	public boolean isConsentCredit() { return consentCredit; }
	public void setConsentCredit(boolean v) { this.consentCredit = v; }
	public boolean isConsentShareWithVendor() { return consentShareWithVendor; }
	public void setConsentShareWithVendor(boolean v) { this.consentShareWithVendor = v; }
}
