package org.kakehashi.vulns.web;

import org.kakehashi.vulns.publication.AdvisoryDraft;

/** The advisory's draft as typed. */
public class AdvisoryForm {

	private String titleJa = "";
	private String titleEn = "";
	private String summaryJa = "";
	private String summaryEn = "";
	private String impactJa = "";
	private String impactEn = "";
	private String solutionJa = "";
	private String solutionEn = "";
	private String referenceLines = "";
	private String credit = "";

	static AdvisoryForm of(AdvisoryDraft d) {
		var form = new AdvisoryForm();
		form.titleJa = d.titleJa();
		form.titleEn = d.titleEn();
		form.summaryJa = d.summaryJa();
		form.summaryEn = d.summaryEn();
		form.impactJa = d.impactJa();
		form.impactEn = d.impactEn();
		form.solutionJa = d.solutionJa();
		form.solutionEn = d.solutionEn();
		form.referenceLines = d.referenceLines();
		form.credit = d.credit();
		return form;
	}

	AdvisoryDraft draft() {
		return new AdvisoryDraft(titleJa, titleEn, summaryJa, summaryEn, impactJa, impactEn, solutionJa, solutionEn,
				referenceLines, credit, null);
	}

	public String getTitleJa() { return titleJa; }
	public void setTitleJa(String v) { this.titleJa = v == null ? "" : v; }
	public String getTitleEn() { return titleEn; }
	public void setTitleEn(String v) { this.titleEn = v == null ? "" : v; }
	public String getSummaryJa() { return summaryJa; }
	public void setSummaryJa(String v) { this.summaryJa = v == null ? "" : v; }
	public String getSummaryEn() { return summaryEn; }
	public void setSummaryEn(String v) { this.summaryEn = v == null ? "" : v; }
	public String getImpactJa() { return impactJa; }
	public void setImpactJa(String v) { this.impactJa = v == null ? "" : v; }
	public String getImpactEn() { return impactEn; }
	public void setImpactEn(String v) { this.impactEn = v == null ? "" : v; }
	public String getSolutionJa() { return solutionJa; }
	public void setSolutionJa(String v) { this.solutionJa = v == null ? "" : v; }
	public String getSolutionEn() { return solutionEn; }
	public void setSolutionEn(String v) { this.solutionEn = v == null ? "" : v; }
	public String getReferenceLines() { return referenceLines; }
	public void setReferenceLines(String v) { this.referenceLines = v == null ? "" : v; }
	public String getCredit() { return credit; }
	public void setCredit(String v) { this.credit = v == null ? "" : v; }
}
