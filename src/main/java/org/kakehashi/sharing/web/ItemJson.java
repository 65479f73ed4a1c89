package org.kakehashi.sharing.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.EnumNames;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.reporting.ObservableType;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.sharing.internal.AudienceEntry;
import org.kakehashi.sharing.internal.AudienceKind;
import org.kakehashi.sharing.internal.ItemContent;
import org.kakehashi.sharing.internal.ItemObservable;
import org.kakehashi.sharing.internal.RecipientView;
import org.kakehashi.sharing.internal.SharedItem;
import org.kakehashi.sharing.internal.SharedItems;

/** JSON shapes of the shared-items API. Enumerations travel as strings so a bad value names its field. */
final class ItemJson {

	private ItemJson() {
	}

	record ObservableJson(@Nullable String type, @Nullable String value, @Nullable String role) {
	}

	record AudienceJson(@Nullable String kind, @Nullable String ref) {
	}

	/** The whole content every time; on create, {@code reportIds} names the reports the item is made from. */
	record Input(@Nullable String title, @Nullable String body, @Nullable String analysis,
			@Nullable String countermeasures, @Nullable String language, @Nullable String tlp,
			@Nullable List<String> disclosedSectors, @Nullable String disclosedPrefecture,
			@Nullable String disclosedSizeClass, @Nullable List<ObservableJson> observables,
			@Nullable List<AudienceJson> audience, @Nullable List<UUID> reportIds, @Nullable Integer basedOnRevision) {

		ItemContent content() {
			var level = tlp == null ? Tlp.AMBER : Tlp.parse(tlp).orElseThrow(() -> new InvalidInput("tlp",
					"sharing.error.tlp", "tlp is one of TLP:RED, TLP:AMBER+STRICT, TLP:AMBER, TLP:GREEN, TLP:CLEAR."));
			var items = new ArrayList<ItemObservable>();
			var given = observables == null ? List.<ObservableJson>of() : observables;
			for (int i = 0; i < given.size(); i++) {
				var o = given.get(i);
				var field = "observables[" + i + "]";
				if (o == null || o.type() == null || o.value() == null) {
					throw new InvalidInput(field, "sharing.error.observable-incomplete", "An observable needs a type and a value.");
				}
				items.add(new ItemObservable(parse(ObservableType.class, o.type(), field + ".type"), o.value(),
						o.role() == null ? ItemObservable.Role.SOURCE
								: parse(ItemObservable.Role.class, o.role(), field + ".role")));
			}
			var entries = new ArrayList<AudienceEntry>();
			var named = audience == null ? List.<AudienceJson>of() : audience;
			for (int i = 0; i < named.size(); i++) {
				var a = named.get(i);
				if (a == null || a.kind() == null) {
					throw new InvalidInput("audience[" + i + "]", "sharing.error.audience-incomplete",
							"An audience entry needs a kind.");
				}
				entries.add(new AudienceEntry(parse(AudienceKind.class, a.kind(), "audience[" + i + "].kind"),
						a.ref() == null ? "" : a.ref().strip()));
			}
			return new ItemContent(title == null ? "" : title, text(body), text(analysis), text(countermeasures),
					language == null ? "ja" : language, level, disclosedSectors == null ? List.of() : disclosedSectors,
					disclosedPrefecture, disclosedSizeClass, items, entries);
		}

		private static String text(@Nullable String value) {
			return value == null ? "" : value;
		}
	}

	static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
		return EnumNames.parse(type, value).orElseThrow(() -> new InvalidInput(field, "sharing.error.enum",
				field + " is one of " + java.util.Arrays.toString(type.getEnumConstants()) + "."));
	}

	record Decision(@Nullable Integer revision, @Nullable String comment) {

		int requireRevision() {
			if (revision == null) {
				throw new InvalidInput("revision", "sharing.error.revision-required",
						"Name the revision you decide on (it is in the item you were shown).");
			}
			return revision;
		}
	}

	record Publication(@Nullable String approvalOverrideReason, @Nullable String guardOverrideReason) {
	}

	record Withdrawal(@Nullable String reason) {
	}

	/** The hub's view. */
	record HubOutput(String view, UUID id, String number, String status, int revision, @Nullable Integer approvedRevision,
			String tlp, String language, String title, String body, String analysis, String countermeasures,
			List<String> disclosedSectors, @Nullable String disclosedPrefecture, @Nullable String disclosedSizeClass,
			List<ItemObservable> observables, List<AudienceEntry> audience, Map<String, String> audienceLabels,
			List<UUID> reportIds, @Nullable String approvalOverrideReason, @Nullable String guardOverrideReason,
			Instant createdAt, Instant updatedAt, @Nullable Instant publishedAt, @Nullable Instant withdrawnAt,
			@Nullable String withdrawnReason, List<Step> approvals) {

		static HubOutput of(SharedItem i, List<Step> approvals, Map<String, String> labels) {
			var c = i.content();
			return new HubOutput("hub", i.id(), i.number(), i.status().name(), i.revision(), i.approvedRevision(),
					c.tlp().label(), c.language(), c.title(), c.body(), c.analysis(), c.countermeasures(),
					c.disclosedSectors(), c.disclosedPrefecture(), c.disclosedSizeClass(), c.observables(), c.audience(),
					labels, i.sources().stream().map(SharedItem.Source::reportId).toList(), i.approvalOverrideReason(),
					i.guardOverrideReason(), i.createdAt(), i.updatedAt(), i.publishedAt(), i.withdrawnAt(),
					i.withdrawnReason(), approvals);
		}
	}

	record Step(int revision, String decision, @Nullable String comment, boolean byHub, Instant decidedAt) {
	}

	/** A source's view while deciding: the text recipients would get and what it discloses. */
	record SourceOutput(String view, UUID id, String number, String status, int revision, String tlp, String language,
			String title, String body, String analysis, String countermeasures, List<ItemObservable> observables,
			List<String> disclosedSectors, @Nullable String disclosedPrefecture, @Nullable String disclosedSizeClass,
			List<Step> approvals) {
	}

	/** A recipient's view. */
	record RecipientOutput(String view, UUID id, String number, String tlp, String language, String title, String body,
			String analysis, String countermeasures, List<ItemObservable> observables, Instant publishedAt,
			@Nullable Instant withdrawnAt, @Nullable String withdrawnReason, @Nullable Instant readAt) {

		static RecipientOutput of(RecipientView v) {
			return new RecipientOutput("recipient", v.id(), v.number(), v.tlp().label(), v.language(), v.title(), v.body(),
					v.analysis(), v.countermeasures(), v.observables(), v.publishedAt(), v.withdrawnAt(),
					v.withdrawnReason(), v.readAt());
		}
	}

	record Guard(int lookAlikes, int k, int audienceOrganisations, boolean applies, boolean passes) {

		static Guard of(SharedItems.GuardCheck c) {
			return new Guard(c.lookAlikes(), c.k(), c.audienceOrganisations(), c.applies(), c.passes());
		}
	}
}
