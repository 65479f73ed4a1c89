package org.kakehashi.reporting.clocks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.kakehashi.audit.AuditLog;
import org.kakehashi.platform.InvalidInput;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The regimes as data, and which organisation reports under which of them. */
@Service
public class Regimes {

	static final int MAX_PER_ORGANISATION = 10;

	private final RegimeDao dao;
	private final ClockIndex index;
	private final AuditLog audit;

	Regimes(RegimeDao dao, ClockIndex index, AuditLog audit) {
		this.dao = dao;
		this.index = index;
		this.audit = audit;
	}

	@Transactional(readOnly = true)
	public List<Regime> all() {
		return dao.all();
	}

	/** The codes explicitly assigned to an organisation; empty means the default ({@value Regime#DEFAULT}) alone. */
	@Transactional(readOnly = true)
	public List<String> assigned(UUID organisationId) {
		return dao.assigned(organisationId);
	}

	/** Organisations with an explicit assignment. */
	@Transactional(readOnly = true)
	public Map<UUID, List<String>> assignments() {
		return dao.assignments();
	}

	/**
	 * Replaces the organisation's regimes (an empty list returns it to the default) and recomputes the clocks of
	 * its submitted reports, in one transaction with the audit entry. The caller has checked the organisation
	 * exists and the actor may do this.
	 */
	@Transactional
	public List<String> assign(UUID organisationId, List<String> codes) {
		if (codes.size() > MAX_PER_ORGANISATION) {
			throw new InvalidInput("regimes", "clocks.error.too-many", "At most " + MAX_PER_ORGANISATION + " regimes.");
		}
		var known = dao.all().stream().map(Regime::code).toList();
		var unknown = new ArrayList<String>();
		var wanted = new LinkedHashSet<String>();
		for (var code : codes) {
			if (code == null || !known.contains(code)) {
				unknown.add(String.valueOf(code));
			} else {
				wanted.add(code);
			}
		}
		if (!unknown.isEmpty()) {
			// Echo only well-formed codes: the message goes back into problem+json and pages.
			var shown = unknown.stream().map(c -> c.matches("[A-Za-z0-9_]{1,32}") ? c : "?").toList();
			throw new InvalidInput("regimes", "clocks.error.unknown-regime",
					"Unknown regime code(s): " + String.join(", ", shown) + "; known: " + String.join(", ", known));
		}
		var ordered = known.stream().filter(wanted::contains).toList();
		var before = dao.assigned(organisationId);
		dao.replace(organisationId, ordered);
		var details = new LinkedHashMap<String, String>();
		details.put("before", before.isEmpty() ? "(default)" : String.join(",", before));
		details.put("after", ordered.isEmpty() ? "(default)" : String.join(",", ordered));
		audit.record("reporting.regimes.changed", "organisation", organisationId, details);
		index.refreshOrganisation(organisationId);
		return ordered;
	}
}
