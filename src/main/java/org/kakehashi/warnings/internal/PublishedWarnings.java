package org.kakehashi.warnings.internal;

import java.util.Optional;
import java.util.UUID;

import org.kakehashi.warnings.WarningLookup;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link WarningLookup} for other modules: published warnings only, never drafts. */
@Component
class PublishedWarnings implements WarningLookup {

	private final WarningsDao dao;
	private final JdbcClient jdbc;

	PublishedWarnings(WarningsDao dao, JdbcClient jdbc) {
		this.dao = dao;
		this.jdbc = jdbc;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<PublishedWarning> published(UUID warningId) {
		return jdbc.sql("select " + WarningsDao.COLUMNS + " from warning w where w.id = :id and w.published_at is not null")
			.param("id", warningId).query(dao::warning).optional().map(w -> {
				var c = w.content();
				var taxii = jdbc.sql("""
						select a.id, r.organisation_id from warning_recipient r
						  join warning_agreement a on a.id = r.agreement_id
						 where r.warning_id = :id and 'TAXII' = any (a.channels)
						""")
					.param("id", warningId)
					.query((rs, n) -> new TaxiiRecipient(rs.getObject("id", UUID.class),
							rs.getObject("organisation_id", UUID.class)))
					.list();
				return new PublishedWarning(w.id(), w.number(), w.revision(), w.senderOrganisationId(),
						c.urgency().name(), c.tlp().label(), c.titleJa(), c.titleEn(), c.summaryJa(), c.summaryEn(),
						c.threatJa(), c.threatEn(), c.countermeasuresJa(), c.countermeasuresEn(), c.affectedProducts(),
						c.cveIds(), c.referenceUrls(),
						c.indicators().stream().map(i -> new Indicator(i.type(), i.value(), i.stixId())).toList(),
						w.publishedAt(), w.updatedAt(), w.withdrawnAt(), taxii);
			});
	}
}
