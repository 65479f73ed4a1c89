package org.kakehashi.vulns.certification;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.Directory;
import org.kakehashi.platform.Ids;
import org.kakehashi.platform.InvalidFields;
import org.kakehashi.platform.InvalidInput;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.Page;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * The certification registry: coordinators register and correct certifications, each save one transaction with its
 * audit entry; everyone reads what {@link CertificationViewer} allows, and anyone, signed in or not, the public list.
 * Expiry is judged on the date in the configured zone (Japan by default).
 */
@Service
public class Certifications {

	/** Most rows one CSV download carries. */
	public static final int EXPORT_MAX = 10_000;

	/** Standards offered on the form besides those already used. */
	static final List<String> STANDARDS = List.of("IEC 62443-4-2", "IEC 62443-3-3", "IEC 62443-2-1", "IEC 62443-4-1",
			"EDSA", "SSA", "ISO/IEC 15408", "ISO/IEC 27001");

	/** Levels offered on the form besides those already used. */
	static final List<String> LEVELS = List.of("SL 1", "SL 2", "SL 3", "SL 4", "EDSA Level 1", "EDSA Level 2",
			"EDSA Level 3", "SSA Level 1", "SSA Level 2", "SSA Level 3", "EAL2", "EAL4");

	private final CertificationsDao dao;
	private final AuditLog audit;
	private final Directory directory;
	private final Clock clock;
	private final ZoneId zone;

	Certifications(CertificationsDao dao, AuditLog audit, Directory directory, Clock clock,
			KakehashiProperties properties) {
		this.dao = dao;
		this.audit = audit;
		this.directory = directory;
		this.clock = clock;
		this.zone = properties.timeZone();
	}

	/** Today where expiry is judged. */
	public LocalDate today() {
		return LocalDate.ofInstant(Instant.now(clock), zone);
	}

	/** Checks the input without storing anything: every broken field rule at once. */
	@Transactional(readOnly = true)
	public void validate(CertificationInput input) {
		checked(input);
	}

	@Transactional
	public Certification register(CertificationViewer viewer, CertificationInput input) {
		requireCoordinator(viewer);
		var checked = checked(input);
		refuseTakenNumber(checked, null);
		var id = Ids.newId(clock);
		try {
			dao.insert(id, checked, viewer.userId(), Instant.now(clock));
		}
		catch (DuplicateKeyException e) {
			throw numberTaken(); // registered by a colleague a moment ago
		}
		audit.record("vulns.certification-registered", "vuln_certification", id, details(checked));
		return dao.find(id, viewer, today()).orElseThrow();
	}

	/**
	 * Replaces a record's fields. {@code revision}, when given, must be the one the editor started from; a record
	 * changed since answers 409 and keeps the colleague's change.
	 */
	@Transactional
	public Certification update(CertificationViewer viewer, UUID id, CertificationInput input,
			@Nullable Integer revision) {
		var today = today();
		var current = dao.lock(id, viewer, today).orElseThrow(CertificationNotFound::new);
		requireCoordinator(viewer);
		var checked = checked(input);
		if (revision != null && revision != current.revision()) {
			throw new InvalidInput("revision", "vulns.cert.error.stale",
					"The record was changed by someone else since you opened it.", HttpStatus.CONFLICT);
		}
		refuseTakenNumber(checked, id);
		var changed = changedFields(current.input(), checked);
		if (changed.isEmpty()) {
			return visibleAs(viewer, current);
		}
		try {
			dao.update(id, checked, viewer.userId(), Instant.now(clock));
		}
		catch (DuplicateKeyException e) {
			throw numberTaken();
		}
		var details = details(checked);
		details.put("changed", String.join(",", changed));
		audit.record("vulns.certification-updated", "vuln_certification", id, details);
		return dao.find(id, viewer, today).orElseThrow();
	}

	@Transactional(readOnly = true)
	public Optional<Certification> find(CertificationViewer viewer, UUID id) {
		return dao.find(id, viewer, today()).map(c -> visibleAs(viewer, c));
	}

	@Transactional(readOnly = true)
	public Page<Certification> list(CertificationViewer viewer, @Nullable String text, @Nullable CertificationKind kind,
			@Nullable StatusFilter status, int page, int size) {
		var found = dao.list(new CertificationsDao.Query(viewer, text, kind, status), today(), Math.max(0, page),
				Page.clampSize(size));
		return map(found, c -> visibleAs(viewer, c));
	}

	/** The public list: records flagged public that are in force today (valid, or suspended with that shown). */
	@Transactional(readOnly = true)
	public Page<Certification> publicList(@Nullable String text, @Nullable CertificationKind kind, int page, int size) {
		var found = dao.list(new CertificationsDao.Query(null, text, kind, null), today(), Math.max(0, page),
				Math.max(1, Math.min(size, EXPORT_MAX)));
		return map(found, Certification::publicPart);
	}

	/** The reminders sent for a record; coordinators only (anyone else gets an empty list). */
	@Transactional(readOnly = true)
	public List<SentReminder> reminders(CertificationViewer viewer, UUID id) {
		return viewer.coordinator() ? dao.reminders(id) : List.of();
	}

	/** Suggestions for the form's standard field: the usual ones, then those already used. */
	@Transactional(readOnly = true)
	public List<String> standardSuggestions() {
		return merged(STANDARDS, dao.used("standard", 50));
	}

	@Transactional(readOnly = true)
	public List<String> levelSuggestions() {
		return merged(LEVELS, dao.used("level", 50));
	}

	@Transactional(readOnly = true)
	public List<String> issuerSuggestions() {
		return dao.used("issuer", 50);
	}

	/** Checked and normalised input, the holder's name taken from the linked organisation when left empty. */
	private CertificationInput checked(CertificationInput input) {
		var problems = new ArrayList<InvalidFields.Problem>();
		var checked = CertificationRules.check(input, problems);
		var holderName = checked.holderName();
		if (checked.holderOrganisationId() != null) {
			var organisation = directory.organisation(checked.holderOrganisationId());
			if (organisation.isEmpty()) {
				problems.add(CertificationRules.problem("holderOrganisationId", "vulns.cert.error.organisation-unknown",
						"No such organisation."));
			}
			else if (holderName.isEmpty()) {
				holderName = organisation.get().name();
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidFields(problems);
		}
		return new CertificationInput(checked.kind(), checked.certificateNumber(), checked.issuer(), holderName,
				checked.holderOrganisationId(), checked.subjectName(), checked.subjectVersion(), checked.standard(),
				checked.level(), checked.validFrom(), checked.validTo(), checked.status(), checked.publiclyListed(),
				checked.contactEmail(), checked.notes());
	}

	private void refuseTakenNumber(CertificationInput checked, @Nullable UUID except) {
		if (dao.numberTaken(checked.issuer(), checked.certificateNumber(), except)) {
			throw numberTaken();
		}
	}

	private static InvalidInput numberTaken() {
		return new InvalidInput("certificateNumber", "vulns.cert.error.number-taken",
				"This certification body already has a certificate with this number in the registry.", HttpStatus.CONFLICT);
	}

	private static void requireCoordinator(CertificationViewer viewer) {
		if (!viewer.coordinator()) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only coordinators keep the certification registry.");
		}
	}

	private static Certification visibleAs(CertificationViewer viewer, Certification c) {
		if (viewer.coordinator()) {
			return c;
		}
		return viewer.organisationId().equals(c.holderOrganisationId()) ? c.withoutNames() : c.publicPart();
	}

	/** What the audit log keeps: the registry entry's identity and standing, never the contact or the notes. */
	private static LinkedHashMap<String, String> details(CertificationInput c) {
		var details = new LinkedHashMap<String, String>();
		details.put("number", c.certificateNumber());
		details.put("issuer", c.issuer());
		details.put("kind", Objects.requireNonNull(c.kind()).name());
		details.put("status", Objects.requireNonNull(c.status()).name());
		details.put("validTo", String.valueOf(c.validTo()));
		details.put("public", String.valueOf(c.publiclyListed()));
		return details;
	}

	static List<String> changedFields(CertificationInput before, CertificationInput after) {
		var changed = new ArrayList<String>();
		compare(changed, "kind", before, after, CertificationInput::kind);
		compare(changed, "certificateNumber", before, after, CertificationInput::certificateNumber);
		compare(changed, "issuer", before, after, CertificationInput::issuer);
		compare(changed, "holderName", before, after, CertificationInput::holderName);
		compare(changed, "holderOrganisationId", before, after, CertificationInput::holderOrganisationId);
		compare(changed, "subjectName", before, after, CertificationInput::subjectName);
		compare(changed, "subjectVersion", before, after, CertificationInput::subjectVersion);
		compare(changed, "standard", before, after, CertificationInput::standard);
		compare(changed, "level", before, after, CertificationInput::level);
		compare(changed, "validFrom", before, after, CertificationInput::validFrom);
		compare(changed, "validTo", before, after, CertificationInput::validTo);
		compare(changed, "status", before, after, CertificationInput::status);
		compare(changed, "publiclyListed", before, after, CertificationInput::publiclyListed);
		compare(changed, "contactEmail", before, after, CertificationInput::contactEmail);
		compare(changed, "notes", before, after, CertificationInput::notes);
		return changed;
	}

	private static void compare(List<String> changed, String field, CertificationInput before, CertificationInput after,
			Function<CertificationInput, @Nullable Object> value) {
		if (!Objects.equals(value.apply(before), value.apply(after))) {
			changed.add(field);
		}
	}

	private static List<String> merged(List<String> first, List<String> then) {
		var all = new LinkedHashSet<String>(first);
		all.addAll(then);
		return List.copyOf(all);
	}

	private static <T> Page<T> map(Page<T> page, Function<T, T> mapper) {
		return new Page<>(page.items().stream().map(mapper).toList(), page.page(), page.size(), page.total());
	}

	/** A record that does not exist or that the viewer may not see: the same answer for both. */
	public static final class CertificationNotFound extends ResponseStatusException {

		public CertificationNotFound() {
			super(HttpStatus.NOT_FOUND, "No such certification.");
		}
	}
}
