package org.kakehashi.vulns.web;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.vulns.internal.CaseStatus;
import org.kakehashi.vulns.internal.Outcome;
import org.kakehashi.vulns.internal.TransitionRequest;

/** The coordinator's move form, as typed: dates from date and datetime-local inputs. */
public class TransitionForm {

	private String to = "";
	private String reason = "";
	private boolean reasonVisibleToFinder;
	private String outcome = "";
	private String firstVendorContactOn = "";
	private String publicationAt = "";
	private String publicationZone = "Asia/Tokyo";

	/** The request, or problems with the typed dates and choices added to {@code problems}. */
	TransitionRequest request(List<InvalidFields.Problem> problems) {
		var target = choice(CaseStatus.class, to, "to", problems);
		var closing = choice(Outcome.class, outcome, "outcome", problems);
		LocalDate contact = null;
		if (!firstVendorContactOn.isBlank()) {
			try {
				contact = LocalDate.parse(firstVendorContactOn.strip());
			}
			catch (DateTimeParseException e) {
				problems.add(new InvalidFields.Problem("firstVendorContactOn", "vulns.error.date", List.of(), "Not a date."));
			}
		}
		LocalDateTime publication = null;
		if (!publicationAt.isBlank()) {
			try {
				publication = LocalDateTime.parse(publicationAt.strip());
			}
			catch (DateTimeParseException e) {
				problems.add(new InvalidFields.Problem("publicationAt", "vulns.error.date-time", List.of(),
						"Not a date and time."));
			}
		}
		// The zone field is always on the form with a default; it only counts when agreeing a date.
		var zone = target == CaseStatus.DATE_AGREED ? publicationZone.strip() : null;
		return new TransitionRequest(target, reason, reasonVisibleToFinder, closing, contact, publication, zone);
	}

	private static <E extends Enum<E>> @Nullable E choice(Class<E> type, String value, String field,
			List<InvalidFields.Problem> problems) {
		if (value.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, value);
		}
		catch (IllegalArgumentException e) {
			problems.add(new InvalidFields.Problem(field, "vulns.error.choice", List.of(), "Unknown choice."));
			return null;
		}
	}

	public String getTo() { return to; }
	public void setTo(String v) { this.to = v == null ? "" : v; }
	public String getReason() { return reason; }
	public void setReason(String v) { this.reason = v == null ? "" : v; }
	public boolean isReasonVisibleToFinder() { return reasonVisibleToFinder; }
	public void setReasonVisibleToFinder(boolean v) { this.reasonVisibleToFinder = v; }
	public String getOutcome() { return outcome; }
	public void setOutcome(String v) { this.outcome = v == null ? "" : v; }
	public String getFirstVendorContactOn() { return firstVendorContactOn; }
	public void setFirstVendorContactOn(String v) { this.firstVendorContactOn = v == null ? "" : v; }
	public String getPublicationAt() { return publicationAt; }
	public void setPublicationAt(String v) { this.publicationAt = v == null ? "" : v; }
	public String getPublicationZone() { return publicationZone; }
	public void setPublicationZone(String v) { this.publicationZone = v == null ? "" : v; }
}
