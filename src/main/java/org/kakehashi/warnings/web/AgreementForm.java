package org.kakehashi.warnings.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.warnings.internal.Agreement;
import org.kakehashi.warnings.internal.Agreements;

/**
 * The agreement form as typed, so a rejected save shows it again. Topics, keywords and contact addresses are one per
 * line (commas work too); dates are yyyy-mm-dd.
 */
public class AgreementForm {

	private @Nullable String subscriberOrganisationId;
	private List<String> sectors = new ArrayList<>();
	private String topics = "";
	private String keywords = "";
	private List<String> channels = new ArrayList<>();
	private String contactEmails = "";
	private String contactLanguage = "ja";
	private String webhookUrl = "";
	private String validFrom = "";
	private String validTo = "";
	private String note = "";

	static AgreementForm of(Agreement agreement) {
		var form = new AgreementForm();
		form.subscriberOrganisationId = agreement.subscriberOrganisationId().toString();
		form.sectors = new ArrayList<>(agreement.sectors());
		form.topics = String.join("\n", agreement.topics());
		form.keywords = String.join("\n", agreement.keywords());
		form.channels = new ArrayList<>(agreement.channels().stream().map(Enum::name).toList());
		form.contactEmails = String.join("\n", agreement.contactEmails());
		form.contactLanguage = agreement.contactLanguage();
		form.webhookUrl = agreement.webhookUrl() == null ? "" : agreement.webhookUrl();
		form.validFrom = agreement.validFrom().toString();
		form.validTo = agreement.validTo() == null ? "" : agreement.validTo().toString();
		form.note = agreement.note();
		return form;
	}

	/** The service's input; a malformed id or date is a problem of its own field. */
	Agreements.AgreementInput input(List<InvalidFields.Problem> problems) {
		UUID subscriber = null;
		if (subscriberOrganisationId != null && !subscriberOrganisationId.isBlank()) {
			try {
				subscriber = UUID.fromString(subscriberOrganisationId.strip());
			}
			catch (IllegalArgumentException e) {
				problems.add(new InvalidFields.Problem("subscriberOrganisationId", "warnings.error.unknown-organisation",
						List.of(), "No such organisation."));
			}
		}
		return new Agreements.AgreementInput(subscriber, sectors, lines(topics), lines(keywords), channels,
				lines(contactEmails), contactLanguage, webhookUrl, date(validFrom, "validFrom", problems),
				date(validTo, "validTo", problems), note);
	}

	/** The form field a service problem belongs beside: list entries go to their list. */
	static String formField(String field) {
		var bracket = field.indexOf('[');
		var name = bracket < 0 ? field : field.substring(0, bracket);
		return switch (name) {
			case "subscriberOrganisationId", "sectors", "topics", "keywords", "channels", "contactEmails",
					"contactLanguage", "webhookUrl", "validFrom", "validTo", "note" -> name;
			default -> "note";
		};
	}

	private static List<String> lines(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return List.of();
		}
		return Arrays.stream(value.split("[\\r\\n,]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

	private static @Nullable LocalDate date(@Nullable String value, String field, List<InvalidFields.Problem> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException e) {
			problems.add(new InvalidFields.Problem(field, "warnings.error.date", List.of(), "A date (yyyy-mm-dd)."));
			return null;
		}
	}

	public @Nullable String getSubscriberOrganisationId() {
		return subscriberOrganisationId;
	}

	public void setSubscriberOrganisationId(@Nullable String subscriberOrganisationId) {
		this.subscriberOrganisationId = subscriberOrganisationId;
	}

	public List<String> getSectors() {
		return sectors;
	}

	public void setSectors(@Nullable List<String> sectors) {
		this.sectors = sectors == null ? new ArrayList<>() : sectors;
	}

	public String getTopics() {
		return topics;
	}

	public void setTopics(@Nullable String topics) {
		this.topics = topics == null ? "" : topics;
	}

	public String getKeywords() {
		return keywords;
	}

	public void setKeywords(@Nullable String keywords) {
		this.keywords = keywords == null ? "" : keywords;
	}

	public List<String> getChannels() {
		return channels;
	}

	public void setChannels(@Nullable List<String> channels) {
		this.channels = channels == null ? new ArrayList<>() : channels;
	}

	public String getContactEmails() {
		return contactEmails;
	}

	public void setContactEmails(@Nullable String contactEmails) {
		this.contactEmails = contactEmails == null ? "" : contactEmails;
	}

	public String getContactLanguage() {
		return contactLanguage;
	}

	public void setContactLanguage(@Nullable String contactLanguage) {
		this.contactLanguage = contactLanguage == null ? "ja" : contactLanguage;
	}

	public String getWebhookUrl() {
		return webhookUrl;
	}

	public void setWebhookUrl(@Nullable String webhookUrl) {
		this.webhookUrl = webhookUrl == null ? "" : webhookUrl;
	}

	public String getValidFrom() {
		return validFrom;
	}

	public void setValidFrom(@Nullable String validFrom) {
		this.validFrom = validFrom == null ? "" : validFrom;
	}

	public String getValidTo() {
		return validTo;
	}

	public void setValidTo(@Nullable String validTo) {
		this.validTo = validTo == null ? "" : validTo;
	}

	public String getNote() {
		return note;
	}

	public void setNote(@Nullable String note) {
		this.note = note == null ? "" : note;
	}
}
