package org.kakehashi.vulns.certification.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.EnumNames;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.vulns.certification.Certification;
import org.kakehashi.vulns.certification.CertificationInput;
import org.kakehashi.vulns.certification.CertificationKind;
import org.kakehashi.vulns.certification.CertificationStatus;

/** The registry form, as typed: choices and dates as text, checked into a {@link CertificationInput}. */
public class CertificationForm {

	private String kind = "";
	private String certificateNumber = "";
	private String issuer = "";
	private String holderName = "";
	private String holderOrganisationId = "";
	private String subjectName = "";
	private String subjectVersion = "";
	private String standard = "";
	private String level = "";
	private String validFrom = "";
	private String validTo = "";
	private String status = CertificationStatus.VALID.name();
	private boolean publiclyListed;
	private String contactEmail = "";
	private String notes = "";
	private String revision = "";

	static CertificationForm of(Certification c) {
		var form = new CertificationForm();
		form.kind = c.kind().name();
		form.certificateNumber = c.certificateNumber();
		form.issuer = c.issuer();
		form.holderName = c.holderName();
		form.holderOrganisationId = c.holderOrganisationId() == null ? "" : c.holderOrganisationId().toString();
		form.subjectName = c.subjectName();
		form.subjectVersion = c.subjectVersion();
		form.standard = c.standard();
		form.level = c.level();
		form.validFrom = c.validFrom().toString();
		form.validTo = c.validTo().toString();
		form.status = c.status().name();
		form.publiclyListed = c.publiclyListed();
		form.contactEmail = c.contactEmail();
		form.notes = c.notes();
		form.revision = String.valueOf(c.revision());
		return form;
	}

	/** The input; a choice, date or organisation that cannot be read is null here and named in {@code problems}. */
	CertificationInput input(List<InvalidFields.Problem> problems) {
		return new CertificationInput(choice(CertificationKind.class, kind, "kind", problems), certificateNumber, issuer,
				holderName, organisation(problems), subjectName, subjectVersion, standard, level,
				date(validFrom, "validFrom", problems), date(validTo, "validTo", problems),
				choice(CertificationStatus.class, status, "status", problems), publiclyListed, contactEmail, notes);
	}

	/** The revision the editor started from, when the form carried one. */
	@Nullable Integer revision() {
		try {
			return revision.isBlank() ? null : Integer.valueOf(revision.strip());
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	private @Nullable UUID organisation(List<InvalidFields.Problem> problems) {
		if (holderOrganisationId.isBlank()) {
			return null;
		}
		try {
			return UUID.fromString(holderOrganisationId.strip());
		}
		catch (IllegalArgumentException e) {
			problems.add(problem("holderOrganisationId", "vulns.cert.error.organisation-unknown", "No such organisation."));
			return null;
		}
	}

	private static @Nullable LocalDate date(String value, String field, List<InvalidFields.Problem> problems) {
		if (value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException e) {
			problems.add(problem(field, "vulns.cert.error.date", "Not a date (yyyy-mm-dd)."));
			return null;
		}
	}

	private static <E extends Enum<E>> @Nullable E choice(Class<E> type, String value, String field,
			List<InvalidFields.Problem> problems) {
		if (value.isBlank()) {
			return null;
		}
		var chosen = EnumNames.parse(type, value);
		if (chosen.isEmpty()) {
			problems.add(problem(field, "vulns.cert.error.choice", "Unknown choice."));
		}
		return chosen.orElse(null);
	}

	private static InvalidFields.Problem problem(String field, String key, String message) {
		return new InvalidFields.Problem(field, key, List.of(), message);
	}

	public String getKind() { return kind; }
	public void setKind(@Nullable String v) { this.kind = v == null ? "" : v; }
	public String getCertificateNumber() { return certificateNumber; }
	public void setCertificateNumber(@Nullable String v) { this.certificateNumber = v == null ? "" : v; }
	public String getIssuer() { return issuer; }
	public void setIssuer(@Nullable String v) { this.issuer = v == null ? "" : v; }
	public String getHolderName() { return holderName; }
	public void setHolderName(@Nullable String v) { this.holderName = v == null ? "" : v; }
	public String getHolderOrganisationId() { return holderOrganisationId; }
	public void setHolderOrganisationId(@Nullable String v) { this.holderOrganisationId = v == null ? "" : v; }
	public String getSubjectName() { return subjectName; }
	public void setSubjectName(@Nullable String v) { this.subjectName = v == null ? "" : v; }
	public String getSubjectVersion() { return subjectVersion; }
	public void setSubjectVersion(@Nullable String v) { this.subjectVersion = v == null ? "" : v; }
	public String getStandard() { return standard; }
	public void setStandard(@Nullable String v) { this.standard = v == null ? "" : v; }
	public String getLevel() { return level; }
	public void setLevel(@Nullable String v) { this.level = v == null ? "" : v; }
	public String getValidFrom() { return validFrom; }
	public void setValidFrom(@Nullable String v) { this.validFrom = v == null ? "" : v; }
	public String getValidTo() { return validTo; }
	public void setValidTo(@Nullable String v) { this.validTo = v == null ? "" : v; }
	public String getStatus() { return status; }
	public void setStatus(@Nullable String v) { this.status = v == null ? "" : v; }
	public boolean isPubliclyListed() { return publiclyListed; }
	public void setPubliclyListed(boolean v) { this.publiclyListed = v; }
	public String getContactEmail() { return contactEmail; }
	public void setContactEmail(@Nullable String v) { this.contactEmail = v == null ? "" : v; }
	public String getNotes() { return notes; }
	public void setNotes(@Nullable String v) { this.notes = v == null ? "" : v; }
	public String getRevision() { return revision; }
	public void setRevision(@Nullable String v) { this.revision = v == null ? "" : v; }
}
