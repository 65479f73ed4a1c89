package org.kakehashi.warnings.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.EnumNames;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.sharing.Tlp;
import org.kakehashi.warnings.internal.Urgency;
import org.kakehashi.warnings.internal.WarningContent;

/**
 * The compose form as typed, kept so a refused save shows it again. Lists the sender types as text (CVE ids and
 * terms separated by commas or lines, one reference URL and one indicator per line: {@code type value [STIX id]});
 * additional recipients are ticked organisation ids.
 */
public class WarningForm {

	private static final Pattern SEPARATORS = Pattern.compile("[,、\\n\\r]+");
	private static final Pattern LIST_ENTRY = Pattern.compile("(cveIds|referenceUrls|sectors|topics|keywords|additions)\\[(\\d+)\\].*");
	private static final Pattern INDICATOR = Pattern.compile("indicators\\[(\\d+)\\].*");

	private @Nullable Integer basedOnRevision;
	private String template = "";
	private String urgency = Urgency.HIGH.name();
	private String tlp = Tlp.AMBER.name();
	private String titleJa = "";
	private String titleEn = "";
	private String summaryJa = "";
	private String summaryEn = "";
	private String threatJa = "";
	private String threatEn = "";
	private String countermeasuresJa = "";
	private String countermeasuresEn = "";
	private String affectedProducts = "";
	private String cveIds = "";
	private String referenceUrls = "";
	private List<String> sectors = new ArrayList<>();
	private String topics = "";
	private String keywords = "";
	private String indicators = "";
	private List<String> additions = new ArrayList<>();
	private String changeNote = "";

	/** The line of the indicators box each indicator came from (blank lines are skipped). */
	private final List<Integer> indicatorLines = new ArrayList<>();

	static WarningForm of(WarningContent c, @Nullable Integer revision) {
		var form = new WarningForm();
		form.basedOnRevision = revision;
		form.urgency = c.urgency().name();
		form.tlp = c.tlp().name();
		form.titleJa = c.titleJa();
		form.titleEn = c.titleEn();
		form.summaryJa = c.summaryJa();
		form.summaryEn = c.summaryEn();
		form.threatJa = c.threatJa();
		form.threatEn = c.threatEn();
		form.countermeasuresJa = c.countermeasuresJa();
		form.countermeasuresEn = c.countermeasuresEn();
		form.affectedProducts = c.affectedProducts();
		form.cveIds = String.join(", ", c.cveIds());
		form.referenceUrls = String.join("\n", c.referenceUrls());
		form.sectors = new ArrayList<>(c.sectors());
		form.topics = String.join(", ", c.topics());
		form.keywords = String.join(", ", c.keywords());
		var lines = new ArrayList<String>();
		for (var i : c.indicators()) {
			lines.add(i.type() + " " + i.value() + (i.stixId() == null ? "" : " " + i.stixId()));
		}
		form.indicators = String.join("\n", lines);
		form.additions = new ArrayList<>(c.additions().stream().map(UUID::toString).toList());
		return form;
	}

	/**
	 * The content the form describes. What the form itself can tell is wrong (no such urgency or TLP, an indicator
	 * line without a value, an addition that is not an id) goes to {@code problems} under the form's field names.
	 */
	WarningContent content(List<InvalidFields.Problem> problems) {
		var level = EnumNames.parse(Urgency.class, urgency).orElse(null);
		if (level == null) {
			problems.add(problem("urgency", "warnings.error.urgency", "Choose an urgency."));
			level = Urgency.HIGH;
		}
		var colour = Tlp.parse(tlp).orElse(null);
		if (colour == null) {
			problems.add(problem("tlp", "warnings.error.tlp", "Choose a TLP level."));
			colour = Tlp.AMBER;
		}
		indicatorLines.clear();
		var parsed = new ArrayList<WarningContent.Indicator>();
		var lines = indicators.split("\\R");
		for (int i = 0; i < lines.length; i++) {
			var parts = lines[i].strip().split("\\s+");
			if (parts.length == 1 && parts[0].isEmpty()) {
				continue;
			}
			if (parts.length < 2 || parts.length > 3) {
				problems.add(new InvalidFields.Problem("indicators", "warnings.form.line", List.of(i + 1,
						resolvable("warnings.error.indicator-line")), "Type, value and optionally a STIX id."));
				continue;
			}
			parsed.add(new WarningContent.Indicator(parts[0], parts[1], parts.length == 3 ? parts[2] : null));
			indicatorLines.add(i + 1);
		}
		var orgs = new ArrayList<UUID>();
		for (var addition : new LinkedHashSet<>(additions)) {
			if (addition == null || addition.isBlank()) {
				continue;
			}
			try {
				orgs.add(UUID.fromString(addition.strip()));
			}
			catch (IllegalArgumentException e) {
				problems.add(problem("additions", "warnings.error.unknown-organisation", "No such organisation."));
			}
		}
		return new WarningContent(level, colour, titleJa, titleEn, summaryJa, summaryEn, threatJa, threatEn,
				countermeasuresJa, countermeasuresEn, affectedProducts, terms(cveIds), lines(referenceUrls),
				List.copyOf(new LinkedHashSet<>(sectors)), terms(topics), terms(keywords), parsed, orgs);
	}

	/**
	 * A problem of the content under the form's field: list entries and indicators name their box, with the entry
	 * or line number in the message.
	 */
	InvalidFields.Problem onForm(InvalidFields.Problem p) {
		var entry = LIST_ENTRY.matcher(p.field());
		if (entry.matches()) {
			var field = entry.group(1);
			var index = Integer.parseInt(entry.group(2));
			return new InvalidFields.Problem(field, "warnings.form.entry", List.of(index + 1,
					resolvable(p.messageKey(), p.args().toArray())), p.message());
		}
		var indicator = INDICATOR.matcher(p.field());
		if (indicator.matches()) {
			var index = Integer.parseInt(indicator.group(1));
			var line = index < indicatorLines.size() ? indicatorLines.get(index) : index + 1;
			return new InvalidFields.Problem("indicators", "warnings.form.line", List.of(line,
					resolvable(p.messageKey(), p.args().toArray())), p.message());
		}
		if (p.field().startsWith("cveIds") || p.field().startsWith("referenceUrls") || p.field().startsWith("sectors")
				|| p.field().startsWith("topics") || p.field().startsWith("keywords")
				|| p.field().startsWith("additions") || p.field().startsWith("indicators")) {
			return new InvalidFields.Problem(p.field().replaceAll("\\[.*", ""), p.messageKey(), p.args(), p.message());
		}
		if (p.field().equals("countermeasuresEn")) {
			return new InvalidFields.Problem("countermeasuresJa", p.messageKey(), p.args(), p.message());
		}
		return p;
	}

	private static org.springframework.context.support.DefaultMessageSourceResolvable resolvable(String key,
			Object... args) {
		return new org.springframework.context.support.DefaultMessageSourceResolvable(new String[] { key }, args, key);
	}

	private static List<String> terms(String text) {
		return SEPARATORS.splitAsStream(text).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

	private static List<String> lines(String text) {
		return Arrays.stream(text.split("[\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

	private static InvalidFields.Problem problem(String field, String key, String message) {
		return new InvalidFields.Problem(field, key, List.of(), message);
	}

	// Bean accessors for binding and templates.

	public @Nullable Integer getBasedOnRevision() {
		return basedOnRevision;
	}

	public void setBasedOnRevision(@Nullable Integer basedOnRevision) {
		this.basedOnRevision = basedOnRevision;
	}

	public String getTemplate() {
		return template;
	}

	public void setTemplate(@Nullable String template) {
		this.template = template == null ? "" : template;
	}

	public String getUrgency() {
		return urgency;
	}

	public void setUrgency(@Nullable String urgency) {
		this.urgency = urgency == null ? "" : urgency;
	}

	public String getTlp() {
		return tlp;
	}

	public void setTlp(@Nullable String tlp) {
		this.tlp = tlp == null ? "" : tlp;
	}

	public String getTitleJa() {
		return titleJa;
	}

	public void setTitleJa(@Nullable String titleJa) {
		this.titleJa = titleJa == null ? "" : titleJa;
	}

	public String getTitleEn() {
		return titleEn;
	}

	public void setTitleEn(@Nullable String titleEn) {
		this.titleEn = titleEn == null ? "" : titleEn;
	}

	public String getSummaryJa() {
		return summaryJa;
	}

	public void setSummaryJa(@Nullable String summaryJa) {
		this.summaryJa = summaryJa == null ? "" : summaryJa;
	}

	public String getSummaryEn() {
		return summaryEn;
	}

	public void setSummaryEn(@Nullable String summaryEn) {
		this.summaryEn = summaryEn == null ? "" : summaryEn;
	}

	public String getThreatJa() {
		return threatJa;
	}

	public void setThreatJa(@Nullable String threatJa) {
		this.threatJa = threatJa == null ? "" : threatJa;
	}

	public String getThreatEn() {
		return threatEn;
	}

	public void setThreatEn(@Nullable String threatEn) {
		this.threatEn = threatEn == null ? "" : threatEn;
	}

	public String getCountermeasuresJa() {
		return countermeasuresJa;
	}

	public void setCountermeasuresJa(@Nullable String countermeasuresJa) {
		this.countermeasuresJa = countermeasuresJa == null ? "" : countermeasuresJa;
	}

	public String getCountermeasuresEn() {
		return countermeasuresEn;
	}

	public void setCountermeasuresEn(@Nullable String countermeasuresEn) {
		this.countermeasuresEn = countermeasuresEn == null ? "" : countermeasuresEn;
	}

	public String getAffectedProducts() {
		return affectedProducts;
	}

	public void setAffectedProducts(@Nullable String affectedProducts) {
		this.affectedProducts = affectedProducts == null ? "" : affectedProducts;
	}

	public String getCveIds() {
		return cveIds;
	}

	public void setCveIds(@Nullable String cveIds) {
		this.cveIds = cveIds == null ? "" : cveIds;
	}

	public String getReferenceUrls() {
		return referenceUrls;
	}

	public void setReferenceUrls(@Nullable String referenceUrls) {
		this.referenceUrls = referenceUrls == null ? "" : referenceUrls;
	}

	public List<String> getSectors() {
		return sectors;
	}

	public void setSectors(@Nullable List<String> sectors) {
		this.sectors = sectors == null ? new ArrayList<>() : new ArrayList<>(sectors);
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

	public String getIndicators() {
		return indicators;
	}

	public void setIndicators(@Nullable String indicators) {
		this.indicators = indicators == null ? "" : indicators;
	}

	public List<String> getAdditions() {
		return additions;
	}

	public void setAdditions(@Nullable List<String> additions) {
		this.additions = additions == null ? new ArrayList<>() : new ArrayList<>(additions);
	}

	public String getChangeNote() {
		return changeNote;
	}

	public void setChangeNote(@Nullable String changeNote) {
		this.changeNote = changeNote == null ? "" : changeNote;
	}
}
