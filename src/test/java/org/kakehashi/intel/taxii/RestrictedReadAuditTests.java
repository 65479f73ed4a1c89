package org.kakehashi.intel.taxii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.intel.store.CollectionAdministration;
import org.kakehashi.intel.store.Grant;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads of TLP:RED and AMBER objects over TAXII are audited — one entry per page naming the counts and ids, never
 * the content — and reads of unmarked or CLEAR objects are not.
 */
class RestrictedReadAuditTests extends IntegrationTest {

	static final String AMBER = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
	static final String RED = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
	static final String CLEAR = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";

	@Autowired
	Fixtures fixtures;

	@Autowired
	CollectionAdministration administration;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	String base;
	UUID collection;
	TaxiiHttp writer;
	TaxiiHttp reader;

	@BeforeEach
	void world() {
		var hub = fixtures.organisation(OrganisationType.INFORMATION_HUB);
		var analyst = fixtures.user(hub, Role.ANALYST);
		var admin = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN);
		var operator = fixtures.organisation(OrganisationType.OPERATOR, "GAS");
		collection = administration.create(admin.principal(), "Marked " + UUID.randomUUID(), null, null,
				new CollectionAdministration.Access(false, false, List.of(new Grant(hub.id(), null, null, true, true),
						new Grant(operator.id(), null, null, true, false)))).id();
		base = TaxiiServerTests.ROOT + "collections/" + collection + "/";
		writer = TaxiiHttp.bearer(port, tokens.create(analyst.principal(), "t",
				EnumSet.of(ApiScope.INTEL_READ, ApiScope.INTEL_WRITE), 1).clearToken());
		reader = TaxiiHttp.bearer(port, tokens.create(fixtures.user(operator, Role.VIEWER).principal(), "t",
				EnumSet.of(ApiScope.INTEL_READ), 1).clearToken());
	}

	@Test
	void aPageWithAmberOrRedObjectsIsAuditedAndAClearPageIsNot() {
		var amber = "indicator--" + UUID.randomUUID();
		var red = "indicator--" + UUID.randomUUID();
		var clear = "indicator--" + UUID.randomUUID();
		assertThat(writer.post(base + "objects/", TaxiiServerTests.envelope(marked(amber, AMBER), marked(red, RED),
				marked(clear, CLEAR))).status()).isEqualTo(202);

		assertThat(reader.get(base + "objects/").status()).isEqualTo(200);
		var details = audits();
		assertThat(details).hasSize(1);
		assertThat(details.get(0)).contains("\"AMBER\":\"1\"", "\"RED\":\"1\"", amber, red).doesNotContain(clear)
			.doesNotContain("203.0.113.9");

		assertThat(reader.get(base + "objects/" + clear + "/").status()).isEqualTo(200);
		assertThat(audits()).hasSize(1);
		assertThat(reader.get(base + "objects/" + red + "/").status()).isEqualTo(200);
		assertThat(audits()).hasSize(2);
	}

	private List<String> audits() {
		return jdbc.sql("select details from audit_log where action = 'intel.restricted-read' and target_id = :c order by seq")
			.param("c", collection.toString()).query(String.class).list();
	}

	private static String marked(String id, String marking) {
		var plain = TaxiiServerTests.indicator(id, "2024-01-01T00:00:00.000Z");
		return plain.substring(0, plain.length() - 1) + ",\"object_marking_refs\":[\"" + marking + "\"]}";
	}
}
