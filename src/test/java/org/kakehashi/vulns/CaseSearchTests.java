package org.kakehashi.vulns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.VulnsFixtures;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Finding cases: coordinators find a case by its CVE id and by the names of the vendors invited to it; a vendor finds
 * its case by the CVE id too, but never by another vendor's name (which would tell it who else is on the case).
 */
class CaseSearchTests extends ClockedVulnsTest {

	@Autowired
	VulnsFixtures world;

	@Autowired
	ApiTokens tokens;

	@Test
	void coordinatorsFindCasesByCveAndInvitedVendorsButVendorsNeverByAnotherVendor() {
		var coordinatorAccount = world.coordinator();
		var first = world.vendorWithAccount(coordinatorAccount, Fixtures.unique("Alpha Search"));
		var second = world.vendorWithAccount(coordinatorAccount, Fixtures.unique("Beta Search"));
		var filed = world.fileProductCase(world.finder(), Fixtures.unique("Search"));
		world.accept(coordinatorAccount, filed.id());
		world.invite(coordinatorAccount, filed.id(), first.entry().id(), "Alpha Box");
		world.invite(coordinatorAccount, filed.id(), second.entry().id(), "Beta Box");
		var cve = "CVE-2026-" + (40000 + (int) (Math.random() * 50000));
		world.describe(coordinatorAccount, filed.id(), cve);

		var coordinator = client(coordinatorAccount);
		assertThat(coordinator.get("/api/v1/vuln-cases?q=" + cve).body()).contains(filed.number());
		assertThat(coordinator.get("/api/v1/vuln-cases?q=" + second.entry().name().replace(" ", "%20")).body())
			.contains(filed.number());
		assertThat(coordinator.get("/api/v1/vuln-cases?q=Beta%20Box").body()).contains(filed.number());

		var alpha = client(first.psirt());
		assertThat(alpha.get("/api/v1/vuln-cases?q=" + cve).body()).contains(filed.number());
		assertThat(alpha.get("/api/v1/vuln-cases?q=" + second.entry().name().replace(" ", "%20")).body())
			.doesNotContain(filed.number());
		assertThat(alpha.get("/api/v1/vuln-cases?q=Beta%20Box").body()).doesNotContain(filed.number());
	}

	private ApiClient client(UserAccount user) {
		return api(tokens.create(user.principal(), "test", EnumSet.of(ApiScope.VULNS_READ, ApiScope.VULNS_WRITE), 1)
			.clearToken());
	}
}
