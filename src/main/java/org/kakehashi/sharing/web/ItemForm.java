package org.kakehashi.sharing.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.EnumNames;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.reporting.ObservableType;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.sharing.internal.AudienceEntry;
import org.kakehashi.sharing.internal.AudienceKind;
import org.kakehashi.sharing.internal.ItemContent;
import org.kakehashi.sharing.internal.ItemObservable;

/**
 * The editor's form: what the hub types and ticks, kept as typed so a rejected save shows it again. The
 * audience is split by kind; named individuals are given by e-mail address.
 */
public class ItemForm {

	static final int BLANK_OBSERVABLE_ROWS = 2;

	/** One observable row; empty rows are ignored. */
	public static class ObservableRow {

		private @Nullable String type;
		private @Nullable String value;
		private String role = ItemObservable.Role.SOURCE.name();

		public @Nullable String getType() {
			return type;
		}

		public void setType(@Nullable String type) {
			this.type = type;
		}

		public @Nullable String getValue() {
			return value;
		}

		public void setValue(@Nullable String value) {
			this.value = value;
		}

		public String getRole() {
			return role;
		}

		public void setRole(@Nullable String role) {
			this.role = role == null ? ItemObservable.Role.SOURCE.name() : role;
		}

		boolean blank() {
			return (type == null || type.isBlank()) && (value == null || value.isBlank());
		}
	}

	private @Nullable Integer basedOnRevision;
	private String title = "";
	private String body = "";
	private String analysis = "";
	private String countermeasures = "";
	private String language = "ja";
	private String tlp = Tlp.AMBER.name();
	private List<String> disclosedSectors = new ArrayList<>();
	private String disclosedPrefecture = "";
	private String disclosedSizeClass = "";
	private List<ObservableRow> observables = new ArrayList<>();
	private List<String> audienceSectors = new ArrayList<>();
	private List<String> audienceGroups = new ArrayList<>();
	private List<String> audienceOrganisations = new ArrayList<>();
	private boolean audienceLocalGovernments;
	private String audienceUsers = "";

	/** Where each problem of the content goes on the form: set by {@link #content}. */
	private final List<Integer> observableRows = new ArrayList<>();
	private final List<String> audienceFields = new ArrayList<>();

	static ItemForm of(ItemContent c, int revision, Map<String, String> emailsByUserId) {
		var form = new ItemForm();
		form.basedOnRevision = revision;
		form.title = c.title();
		form.body = c.body();
		form.analysis = c.analysis();
		form.countermeasures = c.countermeasures();
		form.language = c.language();
		form.tlp = c.tlp().name();
		form.disclosedSectors = new ArrayList<>(c.disclosedSectors());
		form.disclosedPrefecture = c.disclosedPrefecture() == null ? "" : c.disclosedPrefecture();
		form.disclosedSizeClass = c.disclosedSizeClass() == null ? "" : c.disclosedSizeClass();
		for (var o : c.observables()) {
			var row = new ObservableRow();
			row.setType(o.type().name());
			row.setValue(o.value());
			row.setRole(o.role().name());
			form.observables.add(row);
		}
		var users = new ArrayList<String>();
		for (var a : c.audience()) {
			switch (a.kind()) {
				case SECTOR -> form.audienceSectors.add(a.ref());
				case GROUP -> form.audienceGroups.add(a.ref());
				case ORGANISATION -> form.audienceOrganisations.add(a.ref());
				case LOCAL_GOVERNMENTS -> form.audienceLocalGovernments = true;
				case USER -> users.add(emailsByUserId.getOrDefault(a.ref(), a.ref()));
			}
		}
		form.audienceUsers = String.join("\n", users);
		return form.withBlankRows();
	}

	ItemForm withBlankRows() {
		observables.removeIf(ObservableRow::blank);
		for (int i = 0; i < BLANK_OBSERVABLE_ROWS; i++) {
			observables.add(new ObservableRow());
		}
		return this;
	}

	/** The e-mail addresses typed for named individuals, lower-cased, without duplicates. */
	List<String> userEmails() {
		return Arrays.stream(audienceUsers.split("[\\s,;]+"))
			.map(String::strip)
			.filter(s -> !s.isEmpty())
			.map(s -> s.toLowerCase(Locale.ROOT))
			.distinct()
			.toList();
	}

	/**
	 * The content the form describes. Problems the form itself finds (an unknown TLP, observable type or e-mail
	 * address) are added to {@code problems} under the form's own field names.
	 */
	ItemContent content(Map<String, UUID> usersByEmail, List<InvalidFields.Problem> problems) {
		var level = Tlp.parse(tlp).orElse(null);
		if (level == null) {
			problems.add(new InvalidFields.Problem("tlp", "sharing.error.tlp", List.of(), "Choose a TLP level."));
			level = Tlp.AMBER;
		}
		observableRows.clear();
		var items = new ArrayList<ItemObservable>();
		for (int i = 0; i < observables.size(); i++) {
			var row = observables.get(i);
			if (row.blank()) {
				continue;
			}
			var type = row.getType() == null ? null : EnumNames.parse(ObservableType.class, row.getType()).orElse(null);
			if (type == null || row.getValue() == null || row.getValue().isBlank()) {
				problems.add(new InvalidFields.Problem("observables[" + i + "].value", "sharing.error.observable-incomplete",
						List.of(), "An observable needs a type and a value."));
				continue;
			}
			var role = EnumNames.parse(ItemObservable.Role.class, row.getRole()).orElse(null);
			items.add(new ItemObservable(type, row.getValue().strip(), role == null ? ItemObservable.Role.SOURCE : role));
			observableRows.add(i);
		}
		audienceFields.clear();
		var audience = new ArrayList<AudienceEntry>();
		add(audience, audienceFields, AudienceKind.SECTOR, audienceSectors, "audienceSectors");
		add(audience, audienceFields, AudienceKind.GROUP, audienceGroups, "audienceGroups");
		add(audience, audienceFields, AudienceKind.ORGANISATION, audienceOrganisations, "audienceOrganisations");
		if (audienceLocalGovernments) {
			audience.add(new AudienceEntry(AudienceKind.LOCAL_GOVERNMENTS, ""));
			audienceFields.add("audienceLocalGovernments");
		}
		var unknown = new ArrayList<String>();
		for (var email : userEmails()) {
			var user = usersByEmail.get(email);
			if (user == null) {
				unknown.add(email);
			}
			else {
				audience.add(new AudienceEntry(AudienceKind.USER, user.toString()));
				audienceFields.add("audienceUsers");
			}
		}
		if (!unknown.isEmpty()) {
			problems.add(new InvalidFields.Problem("audienceUsers", "sharing.error.unknown-user",
					List.of(String.join(", ", unknown)), "No active user with these addresses."));
		}
		return new ItemContent(title, body, analysis, countermeasures, language, level,
				List.copyOf(new LinkedHashSet<>(disclosedSectors)), disclosedPrefecture, disclosedSizeClass, items,
				audience);
	}

	/** The form field a problem of {@link #content}'s result belongs to. */
	String formField(String field) {
		var observable = java.util.regex.Pattern.compile("observables\\[(\\d+)\\](.*)").matcher(field);
		if (observable.matches()) {
			var index = Integer.parseInt(observable.group(1));
			return index < observableRows.size() ? "observables[" + observableRows.get(index) + "].value" : "observables";
		}
		var entry = java.util.regex.Pattern.compile("audience\\[(\\d+)\\].*").matcher(field);
		if (entry.matches()) {
			var index = Integer.parseInt(entry.group(1));
			return index < audienceFields.size() ? audienceFields.get(index) : "audienceSectors";
		}
		if (field.equals("audience")) {
			return "audienceSectors";
		}
		if (field.startsWith("disclosedSectors")) {
			return "disclosedSectors";
		}
		return field;
	}

	private static void add(List<AudienceEntry> audience, List<String> fields, AudienceKind kind, List<String> refs,
			String field) {
		for (var ref : new LinkedHashSet<>(refs)) {
			if (ref != null && !ref.isBlank()) {
				audience.add(new AudienceEntry(kind, ref.strip()));
				fields.add(field);
			}
		}
	}

	// Bean accessors for binding and templates.

	public @Nullable Integer getBasedOnRevision() {
		return basedOnRevision;
	}

	public void setBasedOnRevision(@Nullable Integer basedOnRevision) {
		this.basedOnRevision = basedOnRevision;
	}

	public String getTitle() {
		return title;
	}

	public void setTitle(@Nullable String title) {
		this.title = title == null ? "" : title;
	}

	public String getBody() {
		return body;
	}

	public void setBody(@Nullable String body) {
		this.body = body == null ? "" : body;
	}

	public String getAnalysis() {
		return analysis;
	}

	public void setAnalysis(@Nullable String analysis) {
		this.analysis = analysis == null ? "" : analysis;
	}

	public String getCountermeasures() {
		return countermeasures;
	}

	public void setCountermeasures(@Nullable String countermeasures) {
		this.countermeasures = countermeasures == null ? "" : countermeasures;
	}

	public String getLanguage() {
		return language;
	}

	public void setLanguage(@Nullable String language) {
		this.language = language == null ? "" : language;
	}

	public String getTlp() {
		return tlp;
	}

	public void setTlp(@Nullable String tlp) {
		this.tlp = tlp == null ? "" : tlp;
	}

	public List<String> getDisclosedSectors() {
		return disclosedSectors;
	}

	public void setDisclosedSectors(@Nullable List<String> disclosedSectors) {
		this.disclosedSectors = disclosedSectors == null ? new ArrayList<>() : new ArrayList<>(disclosedSectors);
	}

	public String getDisclosedPrefecture() {
		return disclosedPrefecture;
	}

	public void setDisclosedPrefecture(@Nullable String disclosedPrefecture) {
		this.disclosedPrefecture = disclosedPrefecture == null ? "" : disclosedPrefecture;
	}

	public String getDisclosedSizeClass() {
		return disclosedSizeClass;
	}

	public void setDisclosedSizeClass(@Nullable String disclosedSizeClass) {
		this.disclosedSizeClass = disclosedSizeClass == null ? "" : disclosedSizeClass;
	}

	public List<ObservableRow> getObservables() {
		return observables;
	}

	public void setObservables(@Nullable List<ObservableRow> observables) {
		this.observables = observables == null ? new ArrayList<>() : new ArrayList<>(observables);
	}

	public List<String> getAudienceSectors() {
		return audienceSectors;
	}

	public void setAudienceSectors(@Nullable List<String> audienceSectors) {
		this.audienceSectors = audienceSectors == null ? new ArrayList<>() : new ArrayList<>(audienceSectors);
	}

	public List<String> getAudienceGroups() {
		return audienceGroups;
	}

	public void setAudienceGroups(@Nullable List<String> audienceGroups) {
		this.audienceGroups = audienceGroups == null ? new ArrayList<>() : new ArrayList<>(audienceGroups);
	}

	public List<String> getAudienceOrganisations() {
		return audienceOrganisations;
	}

	public void setAudienceOrganisations(@Nullable List<String> audienceOrganisations) {
		this.audienceOrganisations = audienceOrganisations == null ? new ArrayList<>()
				: new ArrayList<>(audienceOrganisations);
	}

	public boolean isAudienceLocalGovernments() {
		return audienceLocalGovernments;
	}

	public void setAudienceLocalGovernments(boolean audienceLocalGovernments) {
		this.audienceLocalGovernments = audienceLocalGovernments;
	}

	public String getAudienceUsers() {
		return audienceUsers;
	}

	public void setAudienceUsers(@Nullable String audienceUsers) {
		this.audienceUsers = audienceUsers == null ? "" : audienceUsers;
	}
}
