package org.kakehashi.warnings.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.EnumNames;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.warnings.internal.ActionStatus;
import org.kakehashi.warnings.internal.Agreement;
import org.kakehashi.warnings.internal.Agreements;
import org.kakehashi.warnings.internal.TrackingDao;
import org.kakehashi.warnings.internal.Urgency;
import org.kakehashi.warnings.internal.Warning;
import org.kakehashi.warnings.internal.WarningContent;
import org.kakehashi.warnings.internal.Warnings;
import org.kakehashi.warnings.internal.WarningsDao;

/** The API's shapes for warnings, inbox entries and agreements. */
final class WarningJson {

	private WarningJson() {
	}

	/** A warning as written; missing lists are empty, TLP accepts {@code GREEN} or {@code TLP:GREEN}. */
	record Input(@Nullable String urgency, @Nullable String tlp, @Nullable String titleJa, @Nullable String titleEn,
			@Nullable String summaryJa, @Nullable String summaryEn, @Nullable String threatJa, @Nullable String threatEn,
			@Nullable String countermeasuresJa, @Nullable String countermeasuresEn, @Nullable String affectedProducts,
			@Nullable List<String> cveIds, @Nullable List<String> referenceUrls, @Nullable List<String> sectors,
			@Nullable List<String> topics, @Nullable List<String> keywords, @Nullable List<IndicatorJson> indicators,
			@Nullable List<UUID> additions, @Nullable Integer basedOnRevision, @Nullable String changeNote) {

		WarningContent content() {
			var urgency = this.urgency == null || this.urgency.isBlank() ? Urgency.MEDIUM
					: parse(Urgency.class, this.urgency, "urgency");
			var tlp = this.tlp == null || this.tlp.isBlank() ? Tlp.AMBER
					: Tlp.parse(this.tlp).orElseThrow(() -> new InvalidInput("tlp", "warnings.error.tlp",
							"TLP is CLEAR, GREEN, AMBER or AMBER+STRICT."));
			return new WarningContent(urgency, tlp, text(titleJa), text(titleEn), text(summaryJa), text(summaryEn),
					text(threatJa), text(threatEn), text(countermeasuresJa), text(countermeasuresEn),
					text(affectedProducts), list(cveIds), list(referenceUrls), list(sectors), list(topics),
					list(keywords), indicators == null ? List.of()
							: indicators.stream().map(i -> new WarningContent.Indicator(text(i.type()), text(i.value()),
									i.stixId())).toList(),
					additions == null ? List.of() : additions.stream().filter(java.util.Objects::nonNull).toList());
		}
	}

	record IndicatorJson(@Nullable String type, @Nullable String value, @Nullable String stixId) {
	}

	record Revision(int revision, List<String> changedFields, String changeNote, Instant publishedAt) {

		static List<Revision> of(List<WarningsDao.RevisionStep> steps) {
			return steps.stream().map(s -> new Revision(s.revision(), s.changedFields(), s.changeNote(), s.publishedAt()))
				.toList();
		}
	}

	/** The sender's full view. */
	record SenderOutput(String view, UUID id, String number, String status, int revision,
			@Nullable Integer reviewedRevision, String urgency, String tlp, String titleJa, String titleEn,
			String summaryJa, String summaryEn, String threatJa, String threatEn, String countermeasuresJa,
			String countermeasuresEn, String affectedProducts, List<String> cveIds, List<String> referenceUrls,
			List<String> sectors, List<String> topics, List<String> keywords, List<IndicatorJson> indicators,
			List<UUID> additions, Instant createdAt, Instant updatedAt, @Nullable Instant publishedAt,
			@Nullable Instant withdrawnAt, @Nullable String withdrawnReason, List<Revision> revisions) {

		static SenderOutput of(Warning w, List<WarningsDao.RevisionStep> revisions) {
			var c = w.content();
			return new SenderOutput("sender", w.id(), w.number(), w.status().name(), w.revision(), w.reviewedRevision(),
					c.urgency().name(), c.tlp().label(), c.titleJa(), c.titleEn(), c.summaryJa(), c.summaryEn(),
					c.threatJa(), c.threatEn(), c.countermeasuresJa(), c.countermeasuresEn(), c.affectedProducts(),
					c.cveIds(), c.referenceUrls(), c.sectors(), c.topics(), c.keywords(), indicatorsOf(c),
					c.additions(), w.createdAt(), w.updatedAt(), w.publishedAt(), w.withdrawnAt(), w.withdrawnReason(),
					Revision.of(revisions));
		}
	}

	/** A recipient's view: the text, its history and their own organisation's response; never other recipients. */
	record RecipientOutput(String view, UUID id, String number, String status, int revision, String urgency,
			String tlp, String sender, String titleJa, String titleEn, String summaryJa, String summaryEn,
			String threatJa, String threatEn, String countermeasuresJa, String countermeasuresEn,
			String affectedProducts, List<String> cveIds, List<String> referenceUrls, List<IndicatorJson> indicators,
			Instant publishedAt, Instant updatedAt, @Nullable Instant withdrawnAt, @Nullable String withdrawnReason,
			List<Revision> revisions, Own own) {

		static RecipientOutput of(Warnings.ReceivedView view) {
			var w = view.warning();
			var c = w.content();
			return new RecipientOutput("recipient", w.id(), w.number(), w.status().name(), w.revision(),
					c.urgency().name(), c.tlp().label(), view.senderName(), c.titleJa(), c.titleEn(), c.summaryJa(),
					c.summaryEn(), c.threatJa(), c.threatEn(), c.countermeasuresJa(), c.countermeasuresEn(),
					c.affectedProducts(), c.cveIds(), c.referenceUrls(), indicatorsOf(c), w.publishedAt(), w.updatedAt(),
					w.withdrawnAt(), w.withdrawnReason(), Revision.of(view.revisions()), Own.of(view.own()));
		}
	}

	/** What the caller's organisation said. */
	record Own(@Nullable Instant deliveredAt, @Nullable Instant firstOpenedAt, @Nullable Instant acknowledgedAt,
			@Nullable String acknowledgedBy, @Nullable String comment, @Nullable String actionStatus,
			@Nullable String actionNote, @Nullable Instant actionAt, @Nullable String actionBy) {

		static Own of(TrackingDao.OwnStatus s) {
			return new Own(s.deliveredAt(), s.firstOpenedAt(), s.acknowledgedAt(), s.acknowledgedBy(), s.ackComment(),
					s.actionStatus() == null ? null : s.actionStatus().name(), s.actionNote(), s.actionAt(), s.actionBy());
		}
	}

	record Acknowledgement(@Nullable String comment) {
	}

	record Action(@Nullable String status, @Nullable String note) {

		ActionStatus parsed() {
			if (status == null || status.isBlank()) {
				throw new InvalidInput("status", "warnings.error.action-status",
						"status is NOT_AFFECTED, MITIGATED, IN_PROGRESS or CANNOT_MITIGATE.");
			}
			return parse(ActionStatus.class, status, "status");
		}
	}

	record Review(@Nullable Boolean approve, @Nullable String comment) {
	}

	record Withdrawal(@Nullable String reason) {
	}

	record Planned(UUID organisationId, String name, @Nullable String nameEn, @Nullable UUID agreementId,
			boolean explicit) {

		static Planned of(WarningsDao.PlannedRecipient p) {
			return new Planned(p.organisationId(), p.name(), p.nameEn(), p.agreementId(), p.explicit());
		}
	}

	record Recipient(UUID organisationId, String name, @Nullable String nameEn, boolean explicit, Instant deliveredAt,
			@Nullable Instant firstOpenedAt, int readers, @Nullable Instant acknowledgedAt, @Nullable String comment,
			@Nullable String actionStatus, @Nullable String actionNote, @Nullable Instant actionAt,
			@Nullable Instant remindedAt, @Nullable Instant escalatedAt) {

		static Recipient of(TrackingDao.RecipientState r) {
			return new Recipient(r.organisationId(), r.name(), r.nameEn(), r.explicit(), r.deliveredAt(),
					r.firstOpenedAt(), r.readers(), r.acknowledgedAt(), r.ackComment(),
					r.actionStatus() == null ? null : r.actionStatus().name(), r.actionNote(), r.actionAt(),
					r.remindedAt(), r.escalatedAt());
		}
	}

	/** An agreement as its parties see it, signing key included (both parties need it; nobody else sees it). */
	record AgreementOutput(UUID id, UUID senderOrganisationId, UUID subscriberOrganisationId, List<String> sectors,
			List<String> topics, List<String> keywords, List<String> channels, List<String> contactEmails,
			String contactLanguage, @Nullable String webhookUrl, @Nullable String webhookSecret,
			@Nullable Instant webhookDisabledAt, String validFrom, @Nullable String validTo, String note,
			boolean active, @Nullable Instant endedAt, Instant createdAt, Instant updatedAt) {

		static AgreementOutput of(Agreement a, java.time.LocalDate today) {
			return new AgreementOutput(a.id(), a.senderOrganisationId(), a.subscriberOrganisationId(), a.sectors(),
					a.topics(), a.keywords(), a.channels().stream().map(Enum::name).sorted().toList(), a.contactEmails(),
					a.contactLanguage(), a.webhookUrl(), a.webhookSecret(), a.webhookDisabledAt(),
					a.validFrom().toString(), a.validTo() == null ? null : a.validTo().toString(), a.note(),
					a.activeOn(today), a.endedAt(), a.createdAt(), a.updatedAt());
		}
	}

	record AgreementInput(@Nullable UUID subscriberOrganisationId, @Nullable List<String> sectors,
			@Nullable List<String> topics, @Nullable List<String> keywords, @Nullable List<String> channels,
			@Nullable List<String> contactEmails, @Nullable String contactLanguage, @Nullable String webhookUrl,
			@Nullable String validFrom, @Nullable String validTo, @Nullable String note) {

		Agreements.AgreementInput parsed() {
			return new Agreements.AgreementInput(subscriberOrganisationId, list(sectors), list(topics), list(keywords),
					list(channels), list(contactEmails), contactLanguage, webhookUrl, date(validFrom, "validFrom"),
					date(validTo, "validTo"), note);
		}
	}

	private static java.time.@Nullable LocalDate date(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return java.time.LocalDate.parse(value.strip());
		}
		catch (java.time.format.DateTimeParseException e) {
			throw new InvalidInput(field, "warnings.error.date", "A date like 2026-04-01.");
		}
	}

	private static List<IndicatorJson> indicatorsOf(WarningContent c) {
		return c.indicators().stream().map(i -> new IndicatorJson(i.type(), i.value(), i.stixId())).toList();
	}

	static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
		return EnumNames.parse(type, value)
			.orElseThrow(() -> new InvalidInput(field, "warnings.error.enum", "Not one of the allowed values."));
	}

	private static String text(@Nullable String value) {
		return value == null ? "" : value;
	}

	private static List<String> list(@Nullable List<String> values) {
		return values == null ? List.of() : values.stream().filter(java.util.Objects::nonNull).toList();
	}
}
