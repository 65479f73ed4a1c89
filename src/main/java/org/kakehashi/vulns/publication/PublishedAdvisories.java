package org.kakehashi.vulns.publication;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.Page;
import org.kakehashi.vulns.AdvisoryLookup;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Published advisories, for everyone: the index with search, each advisory's page in any revision, the CSAF document
 * and CVE records exactly as published. Only published revisions are read here, so nothing of a case under embargo
 * can come out.
 */
@Service
public class PublishedAdvisories implements AdvisoryLookup {

	/** A line of the public index. */
	public record Line(String slug, String trackingId, int revision, java.time.Instant firstPublishedAt,
			java.time.Instant publishedAt, String titleJa, String titleEn, List<String> cveIds) {

		public String title(java.util.Locale locale) {
			return AdvisoryPage.pick(locale, titleJa, titleEn);
		}
	}

	/** A document as published: its bytes and the name to download it under. */
	public record Document(String fileName, String json) {
	}

	private final PublicationDao dao;
	private final KakehashiProperties properties;
	private final JsonMapper json = JsonMapper.builder().build();

	PublishedAdvisories(PublicationDao dao, KakehashiProperties properties) {
		this.dao = dao;
		this.properties = properties;
	}

	@Transactional(readOnly = true)
	public Page<Line> index(@Nullable String text, int page, int size) {
		return dao.index(text, Math.max(0, page), Page.clampSize(size));
	}

	/** The advisory's line of the index (latest revision, its date), without its documents: empty until published. */
	@Transactional(readOnly = true)
	public Optional<Line> line(String slug) {
		return dao.line(slug);
	}

	/** Every published advisory, the latest change first (CSAF's directory distribution lists them all). */
	@Transactional(readOnly = true)
	public List<Line> all() {
		return dao.all();
	}

	/** The page of an advisory, in its latest revision or the one asked for. */
	@Transactional(readOnly = true)
	public Optional<AdvisoryPage> page(String slug, @Nullable Integer revision) {
		return dao.caseBySlug(slug).flatMap(id -> dao.page(id, revision))
			.map(page -> json.readValue(page, AdvisoryPage.class));
	}

	/** The CSAF document of a revision (the latest by default), named as CSAF 2.0 §5.1 says. */
	@Transactional(readOnly = true)
	public Optional<Document> csaf(String slug, @Nullable Integer revision) {
		return dao.caseBySlug(slug).flatMap(id -> dao.csaf(id, revision)).map(csaf -> new Document(slug + ".json", csaf));
	}

	/** The CVE record of one CVE id of the advisory's latest revision. */
	@Transactional(readOnly = true)
	public Optional<Document> cve(String slug, String cveId) {
		return dao.caseBySlug(slug).flatMap(dao::cveRecords).flatMap(records -> {
			for (JsonNode record : json.readTree(records)) {
				if (record.path("cveMetadata").path("cveId").asString("").equals(cveId)) {
					return Optional.of(new Document(cveId + ".json",
							json.writerWithDefaultPrettyPrinter().writeValueAsString(record)));
				}
			}
			return Optional.empty();
		});
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<PublishedAdvisory> published(UUID caseId) {
		return dao.page(caseId, null).map(stored -> {
			var page = json.readValue(stored, AdvisoryPage.class);
			var vulnerabilities = page.vulnerabilities().stream().map(v -> new PublishedVulnerability(v.ordinal(),
					v.cveId(), v.cweId(), v.cweName(), v.titleJa(), v.titleEn(), v.descriptionJa(), v.descriptionEn(),
					v.cvssV3() == null ? null : v.cvssV3().vector(), v.cvssV4() == null ? null : v.cvssV4().vector()))
				.toList();
			var products = page.vendors().stream()
				.map(v -> (v.nameEn().isBlank() ? v.name() : v.nameEn()) + " " + v.product()).toList();
			return new PublishedAdvisory(caseId, page.trackingId(), URI.create(properties.link("/public/advisories/" + page.slug())),
					page.revision(), page.firstPublishedAt(), page.publishedAt(), page.titleJa(), page.titleEn(),
					page.summaryJa(), page.summaryEn(), page.publisher(), vulnerabilities, products);
		});
	}

	public static final class AdvisoryNotFound extends ResponseStatusException {

		public AdvisoryNotFound() {
			super(HttpStatus.NOT_FOUND, "No such published advisory.");
		}
	}
}
