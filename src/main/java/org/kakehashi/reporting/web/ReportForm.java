package org.kakehashi.reporting.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.reporting.Cause;
import org.kakehashi.reporting.EventType;
import org.kakehashi.reporting.Observable;
import org.kakehashi.reporting.ObservableType;
import org.kakehashi.reporting.ReportKind;
import org.kakehashi.reporting.internal.ReportContent;

/**
 * The report form as the browser sends it: times as local date-times in the viewer's zone, observables as
 * rows of type and value (blank rows ignored). A mutable bean so Spring can bind rows and name their errors
 * ({@code observables[1].value}).
 */
public class ReportForm {

	/** One observable row of the form. */
	public static class Row {
		private @Nullable ObservableType type;
		private @Nullable String value;

		public Row() {
		}

		Row(@Nullable ObservableType type, @Nullable String value) {
			this.type = type;
			this.value = value;
		}

		public @Nullable ObservableType getType() {
			return type;
		}

		public void setType(@Nullable ObservableType type) {
			this.type = type;
		}

		public @Nullable String getValue() {
			return value;
		}

		public void setValue(@Nullable String value) {
			this.value = value;
		}

		boolean blank() {
			return value == null || value.isBlank();
		}
	}

	static final int BLANK_ROWS = 2;

	private ReportKind kind = ReportKind.INCIDENT;
	private @Nullable String title;
	private @Nullable String descriptionJa;
	private @Nullable String descriptionEn;
	private List<String> sectors = new ArrayList<>();
	private @Nullable String servicesAffected;
	private Set<EventType> eventTypes = EnumSet.noneOf(EventType.class);
	private Set<Cause> causes = EnumSet.noneOf(Cause.class);
	private @Nullable Integer severityContinuity;
	private @Nullable Integer severitySafety;
	private @Nullable String occurredAt;
	private @Nullable String awareAt;
	private @Nullable String containedAt;
	private @Nullable String recoveredAt;
	private @Nullable Long usersAffected;
	private @Nullable Integer outageMinutes;
	private @Nullable String regions;
	private boolean ransomDemanded;
	private boolean ransomPaid;
	private @Nullable String ransomPaidAt;
	private List<Row> observables = new ArrayList<>();
	private @Nullable String contactName;
	private @Nullable String contactEmail;
	private @Nullable String contactPhone;
	/** The version the reporter started editing from, to refuse overwriting a newer one. */
	private @Nullable Integer basedOnVersion;

	static ReportForm of(ReportContent c, ZoneId zone) {
		var f = new ReportForm();
		f.kind = c.kind();
		f.title = c.title();
		f.descriptionJa = c.descriptionJa();
		f.descriptionEn = c.descriptionEn();
		f.sectors = new ArrayList<>(c.sectors());
		f.servicesAffected = c.servicesAffected();
		f.eventTypes = c.eventTypes().isEmpty() ? EnumSet.noneOf(EventType.class) : EnumSet.copyOf(c.eventTypes());
		f.causes = c.causes().isEmpty() ? EnumSet.noneOf(Cause.class) : EnumSet.copyOf(c.causes());
		f.severityContinuity = c.severityContinuity();
		f.severitySafety = c.severitySafety();
		f.occurredAt = local(c.occurredAt(), zone);
		f.awareAt = local(c.awareAt(), zone);
		f.containedAt = local(c.containedAt(), zone);
		f.recoveredAt = local(c.recoveredAt(), zone);
		f.usersAffected = c.usersAffected();
		f.outageMinutes = c.outageMinutes();
		f.regions = c.regions();
		f.ransomDemanded = c.ransomDemanded();
		f.ransomPaid = c.ransomPaid();
		f.ransomPaidAt = local(c.ransomPaidAt(), zone);
		c.observables().forEach(o -> f.observables.add(new Row(o.type(), o.value())));
		f.contactName = c.contactName();
		f.contactEmail = c.contactEmail();
		f.contactPhone = c.contactPhone();
		return f.withBlankRows();
	}

	/** Adds empty observable rows so there is always room to add some without script. */
	ReportForm withBlankRows() {
		observables.removeIf(Row::blank);
		for (int i = 0; i < BLANK_ROWS; i++) {
			observables.add(new Row());
		}
		return this;
	}

	/** More empty rows, keeping what was typed (the form's "more rows" button). */
	ReportForm withMoreRows() {
		for (int i = 0; i < BLANK_ROWS + 1; i++) {
			observables.add(new Row());
		}
		return this;
	}

	/**
	 * The content as typed. Problems only the form can see (times that do not parse, rows without a type)
	 * are added to {@code problems}; the rest is for {@code ReportRules}.
	 */
	ReportContent content(ZoneId zone, List<InvalidFields.Problem> problems) {
		var rows = new ArrayList<Observable>();
		for (int i = 0; i < observables.size(); i++) {
			var row = observables.get(i);
			if (row.blank()) {
				continue;
			}
			if (row.type == null) {
				problems.add(new InvalidFields.Problem("observables[" + i + "].type", "report.error.observable-type",
						List.of(), "Choose the observable's type."));
			} else {
				rows.add(new Observable(row.type, row.value));
			}
		}
		return new ReportContent(kind, title, descriptionJa, descriptionEn, sectors, servicesAffected, eventTypes,
				causes, severityContinuity, severitySafety, instant("occurredAt", occurredAt, zone, problems),
				instant("awareAt", awareAt, zone, problems), instant("containedAt", containedAt, zone, problems),
				instant("recoveredAt", recoveredAt, zone, problems), usersAffected, outageMinutes, regions,
				ransomDemanded, ransomPaid, instant("ransomPaidAt", ransomPaidAt, zone, problems), rows, contactName,
				contactEmail, contactPhone);
	}

	/**
	 * Observable problems are reported by their position among the non-blank rows (that is what the service
	 * sees); this maps such a position back to the form's row index.
	 */
	String formField(String field) {
		if (!field.startsWith("observables[") || field.endsWith("].type")) {
			return field;
		}
		var close = field.indexOf(']');
		var position = Integer.parseInt(field.substring("observables[".length(), close));
		int seen = -1;
		for (int i = 0; i < observables.size(); i++) {
			if (!observables.get(i).blank() && observables.get(i).type != null && ++seen == position) {
				return "observables[" + i + "]" + field.substring(close + 1);
			}
		}
		return "observables";
	}

	private static @Nullable Instant instant(String field, @Nullable String value, ZoneId zone,
			List<InvalidFields.Problem> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
		} catch (DateTimeParseException e) {
			problems.add(new InvalidFields.Problem(field, "report.error.datetime", List.of(), "Not a date and time."));
			return null;
		}
	}

	private static @Nullable String local(@Nullable Instant instant, ZoneId zone) {
		return instant == null ? null : LocalDateTime.ofInstant(instant, zone).withSecond(0).withNano(0).toString();
	}

	// Accessors for binding.

	public ReportKind getKind() { return kind; }
	public void setKind(ReportKind kind) { this.kind = kind; }
	public @Nullable String getTitle() { return title; }
	public void setTitle(@Nullable String title) { this.title = title; }
	public @Nullable String getDescriptionJa() { return descriptionJa; }
	public void setDescriptionJa(@Nullable String descriptionJa) { this.descriptionJa = descriptionJa; }
	public @Nullable String getDescriptionEn() { return descriptionEn; }
	public void setDescriptionEn(@Nullable String descriptionEn) { this.descriptionEn = descriptionEn; }
	public List<String> getSectors() { return sectors; }
	public void setSectors(@Nullable List<String> sectors) { this.sectors = sectors == null ? new ArrayList<>() : sectors; }
	public @Nullable String getServicesAffected() { return servicesAffected; }
	public void setServicesAffected(@Nullable String servicesAffected) { this.servicesAffected = servicesAffected; }
	public Set<EventType> getEventTypes() { return eventTypes; }
	public void setEventTypes(@Nullable Set<EventType> eventTypes) { this.eventTypes = eventTypes == null ? EnumSet.noneOf(EventType.class) : eventTypes; }
	public Set<Cause> getCauses() { return causes; }
	public void setCauses(@Nullable Set<Cause> causes) { this.causes = causes == null ? EnumSet.noneOf(Cause.class) : causes; }
	public @Nullable Integer getSeverityContinuity() { return severityContinuity; }
	public void setSeverityContinuity(@Nullable Integer severityContinuity) { this.severityContinuity = severityContinuity; }
	public @Nullable Integer getSeveritySafety() { return severitySafety; }
	public void setSeveritySafety(@Nullable Integer severitySafety) { this.severitySafety = severitySafety; }
	public @Nullable String getOccurredAt() { return occurredAt; }
	public void setOccurredAt(@Nullable String occurredAt) { this.occurredAt = occurredAt; }
	public @Nullable String getAwareAt() { return awareAt; }
	public void setAwareAt(@Nullable String awareAt) { this.awareAt = awareAt; }
	public @Nullable String getContainedAt() { return containedAt; }
	public void setContainedAt(@Nullable String containedAt) { this.containedAt = containedAt; }
	public @Nullable String getRecoveredAt() { return recoveredAt; }
	public void setRecoveredAt(@Nullable String recoveredAt) { this.recoveredAt = recoveredAt; }
	public @Nullable Long getUsersAffected() { return usersAffected; }
	public void setUsersAffected(@Nullable Long usersAffected) { this.usersAffected = usersAffected; }
	public @Nullable Integer getOutageMinutes() { return outageMinutes; }
	public void setOutageMinutes(@Nullable Integer outageMinutes) { this.outageMinutes = outageMinutes; }
	public @Nullable String getRegions() { return regions; }
	public void setRegions(@Nullable String regions) { this.regions = regions; }
	public boolean isRansomDemanded() { return ransomDemanded; }
	public void setRansomDemanded(boolean ransomDemanded) { this.ransomDemanded = ransomDemanded; }
	public boolean isRansomPaid() { return ransomPaid; }
	public void setRansomPaid(boolean ransomPaid) { this.ransomPaid = ransomPaid; }
	public @Nullable String getRansomPaidAt() { return ransomPaidAt; }
	public void setRansomPaidAt(@Nullable String ransomPaidAt) { this.ransomPaidAt = ransomPaidAt; }
	public List<Row> getObservables() { return observables; }
	public void setObservables(@Nullable List<Row> observables) { this.observables = observables == null ? new ArrayList<>() : observables; }
	public @Nullable String getContactName() { return contactName; }
	public void setContactName(@Nullable String contactName) { this.contactName = contactName; }
	public @Nullable String getContactEmail() { return contactEmail; }
	public void setContactEmail(@Nullable String contactEmail) { this.contactEmail = contactEmail; }
	public @Nullable String getContactPhone() { return contactPhone; }
	public void setContactPhone(@Nullable String contactPhone) { this.contactPhone = contactPhone; }
	public @Nullable Integer getBasedOnVersion() { return basedOnVersion; }
	public void setBasedOnVersion(@Nullable Integer basedOnVersion) { this.basedOnVersion = basedOnVersion; }
}
