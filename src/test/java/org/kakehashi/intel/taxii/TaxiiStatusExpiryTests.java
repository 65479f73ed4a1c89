package org.kakehashi.intel.taxii;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.intel.store.CollectionAdministration;
import org.kakehashi.intel.store.Grant;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * TAXII status resources on a clock the test moves: readable by their author for the retention (7 days by default),
 * then 404 at once, and deleted by the purge, which leaves younger statuses alone.
 */
class TaxiiStatusExpiryTests extends IntegrationTest {

	@TestConfiguration
	static class Clocks {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
		}
	}

	@Autowired MutableClock clock;
	@Autowired Fixtures fixtures;
	@Autowired ApiTokens tokens;
	@Autowired CollectionAdministration administration;
	@Autowired StatusExpiry expiry;
	@Autowired JdbcClient jdbc;
	@Autowired JsonMapper json;

	@Test
	void aStatusPastItsRetentionAnswers404AndIsPurged() {
		var hub = fixtures.organisation(OrganisationType.INFORMATION_HUB);
		var analyst = fixtures.user(hub, Role.ANALYST);
		var admin = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN);
		var collection = administration.create(admin.principal(), "Statuses " + UUID.randomUUID(), null, null,
				new CollectionAdministration.Access(false, false, List.of(new Grant(hub.id(), null, null, true, true))));
		// Valid longer than the clock will move.
		var token = tokens.create(analyst.principal(), "status", EnumSet.of(ApiScope.INTEL_READ, ApiScope.INTEL_WRITE), 60)
			.clearToken();
		var taxii = TaxiiHttp.bearer(port, token);

		var old = add(taxii, collection.id());
		clock.advance(Duration.ofDays(3));
		var young = add(taxii, collection.id());
		assertThat(taxii.get(statusPath(old)).status()).isEqualTo(200);

		clock.advance(Duration.ofDays(4).plusSeconds(1));
		assertThat(taxii.get(statusPath(old)).status()).as("7 days and a second old").isEqualTo(404);
		assertThat(taxii.get(statusPath(old)).header("Content-Type")).startsWith("application/taxii+json");
		assertThat(taxii.get(statusPath(young)).status()).isEqualTo(200);
		assertThat(rows(old)).as("a read does not need the purge to have run").isEqualTo(1);

		assertThat(expiry.purge()).isGreaterThanOrEqualTo(1);
		assertThat(rows(old)).isZero();
		assertThat(rows(young)).isEqualTo(1);
		assertThat(expiry.purge()).isZero();

		clock.advance(Duration.ofDays(3));
		assertThat(taxii.get(statusPath(young)).status()).isEqualTo(404);
		expiry.purge();
		assertThat(rows(young)).isZero();
	}

	private String add(TaxiiHttp taxii, UUID collectionId) {
		var response = taxii.post("/taxii2/intel/collections/" + collectionId + "/objects/", """
				{"objects":[{"type":"identity","spec_version":"2.1","id":"identity--%s","created":"2026-01-01T00:00:00.000Z",
				"modified":"2026-01-01T00:00:00.000Z","name":"Status test","identity_class":"organization"}]}
				""".formatted(UUID.randomUUID()));
		assertThat(response.status()).as(response.body()).isEqualTo(202);
		return json.readTree(response.body()).get("id").asString();
	}

	private static String statusPath(String id) {
		return "/taxii2/intel/status/" + id + "/";
	}

	private long rows(String id) {
		return jdbc.sql("select count(*) from intel_status where id = :id::uuid").param("id", id).query(Long.class).single();
	}
}
