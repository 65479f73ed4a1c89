package org.kakehashi.reporting.clocks;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Regimes, their versions and rules, and which organisation reports under which. */
@Repository
class RegimeDao {

	private final JdbcClient jdbc;

	RegimeDao(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every regime with all its versions, in display order. Fails fast on rules that cannot be computed. */
	List<Regime> all() {
		record RuleRow(String regime, LocalDate from, RegimeRule rule) {
		}
		var rules = jdbc.sql("""
				select regime_code, effective_from, milestone, position, name_ja, name_en, anchor, due_offset, soft,
				       satisfied_by, due_text_ja, due_text_en
				from regime_rule order by regime_code, effective_from, position
				""")
			.query((rs, n) -> {
				var offset = rs.getString("due_offset");
				return new RuleRow(rs.getString("regime_code"), rs.getObject("effective_from", LocalDate.class),
						new RegimeRule(rs.getString("milestone"), rs.getInt("position"), rs.getString("name_ja"),
								rs.getString("name_en"), RegimeRule.Anchor.parse(rs.getString("anchor")),
								offset == null ? null : RegimeRule.DueOffset.parse(offset), rs.getBoolean("soft"),
								RegimeRule.Satisfaction.parse(rs.getString("satisfied_by")), rs.getString("due_text_ja"),
								rs.getString("due_text_en")));
			})
			.list();
		var rulesByVersion = new HashMap<String, List<RegimeRule>>();
		rules.forEach(row -> rulesByVersion.computeIfAbsent(row.regime() + "@" + row.from(), k -> new ArrayList<>()).add(row.rule()));
		var versions = new LinkedHashMap<String, List<Regime.RegimeVersion>>();
		jdbc.sql("select regime_code, effective_from, basis_ja, basis_en from regime_version order by regime_code, effective_from")
			.query((rs, n) -> {
				var code = rs.getString("regime_code");
				var from = rs.getObject("effective_from", LocalDate.class);
				var version = new Regime.RegimeVersion(from, rs.getString("basis_ja"), rs.getString("basis_en"),
						checked(code, from, rulesByVersion.getOrDefault(code + "@" + from, List.of())));
				versions.computeIfAbsent(code, k -> new ArrayList<>()).add(version);
				return version;
			})
			.list();
		return jdbc.sql("select code, name_ja, name_en, zone from regime order by position")
			.query((rs, n) -> new Regime(rs.getString("code"), rs.getString("name_ja"), rs.getString("name_en"),
					ZoneId.of(rs.getString("zone")), versions.getOrDefault(rs.getString("code"), List.of())))
			.list();
	}

	/** A rule may only run from a milestone listed before it, so one pass in order computes every clock. */
	private static List<RegimeRule> checked(String regime, LocalDate from, List<RegimeRule> rules) {
		var seen = new HashSet<String>();
		for (var rule : rules) {
			if (rule.anchor().kind() == RegimeRule.Anchor.Kind.MILESTONE && !seen.contains(rule.anchor().milestone())) {
				throw new IllegalStateException("Regime " + regime + " version " + from + ": rule " + rule.milestone()
						+ " runs from " + rule.anchor() + ", which is not an earlier rule of the same version");
			}
			seen.add(rule.milestone());
		}
		return rules;
	}

	/** The regime codes assigned to the organisation; empty when it follows the default. */
	List<String> assigned(UUID organisationId) {
		return jdbc.sql("""
				select o.regime_code from organisation_regime o join regime g on g.code = o.regime_code
				where o.organisation_id = :org order by g.position
				""")
			.param("org", organisationId)
			.query(String.class)
			.list();
	}

	/** Every organisation with an explicit assignment and its codes. */
	Map<UUID, List<String>> assignments() {
		var result = new LinkedHashMap<UUID, List<String>>();
		jdbc.sql("""
				select o.organisation_id, o.regime_code from organisation_regime o join regime g on g.code = o.regime_code
				order by o.organisation_id, g.position
				""")
			.query((rs, n) -> result.computeIfAbsent(rs.getObject("organisation_id", UUID.class), k -> new ArrayList<>())
				.add(rs.getString("regime_code")))
			.list();
		return result;
	}

	void replace(UUID organisationId, Collection<String> codes) {
		jdbc.sql("delete from organisation_regime where organisation_id = :org").param("org", organisationId).update();
		if (!codes.isEmpty()) {
			jdbc.sql("""
					insert into organisation_regime (organisation_id, regime_code)
					select :org, unnest(:codes::text[])
					""")
				.param("org", organisationId)
				.param("codes", codes.toArray(String[]::new))
				.update();
		}
	}
}
