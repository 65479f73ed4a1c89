package org.kakehashi.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.identity.internal.UserAccount;
import org.kakehashi.support.ApiClient;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.IntegrationTest;
import org.kakehashi.support.ReportFixtures;
import org.kakehashi.support.WebClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint that names one report — found from the application's own mappings, so a new one is covered
 * the day it is added — refuses another operator, another sector's ministry and anonymous callers: never a
 * success, exactly the answer a report that does not exist gets (so nobody learns that it exists), and never
 * the report's number or title in the body.
 */
class ReportAccessTests extends IntegrationTest {

	@Autowired
	Fixtures fixtures;

	@Autowired
	ReportFixtures reports;

	@Autowired
	ApiTokens tokens;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void outsidersAreRefusedEverywhereAReportIsNamed() {
		var operator = fixtures.organisation(OrganisationType.OPERATOR, "GAS");
		var reporter = fixtures.user(operator, Role.REPORTER);
		var report = reports.submitted(reporter, ReportKind.INCIDENT, "ガス供給制御系への侵入の痕跡", Instant.now().minusSeconds(3600));
		var otherOperator = fixtures.user(fixtures.organisation(OrganisationType.OPERATOR, "GAS"), Role.REPORTER, Role.ORG_ADMIN,
				Role.ANALYST);
		var otherMinistry = fixtures.user(fixtures.organisation(OrganisationType.SECTOR_MINISTRY, "FINANCE"), Role.ANALYST,
				Role.COORDINATOR);

		var endpoints = new TreeSet<String>();
		mappings.getHandlerMethods().forEach((info, method) -> info.getPatternValues().stream()
			.filter(p -> p.startsWith("/reports/{id}") || p.startsWith("/api/v1/reports/{id}"))
			.forEach(p -> info.getMethodsCondition().getMethods().forEach(m -> endpoints.add(m.name() + " " + p))));
		assertThat(endpoints).as("report-scoped endpoints found").hasSizeGreaterThan(30);

		var failures = new ArrayList<String>();
		for (var outsider : new UserAccount[] { otherOperator, otherMinistry }) {
			var web = browser();
			fixtures.signInWithSecondFactor(web, outsider);
			var api = api(token(outsider));
			for (var endpoint : endpoints) {
				var method = endpoint.substring(0, endpoint.indexOf(' '));
				var path = fill(endpoint.substring(endpoint.indexOf(' ') + 1), report.id());
				var nowhere = fill(endpoint.substring(endpoint.indexOf(' ') + 1), UUID.randomUUID());
				var answer = path.startsWith("/api/") ? call(api, method, path) : call(web, method, path, false);
				var missing = path.startsWith("/api/") ? call(api, method, nowhere) : call(web, method, nowhere, false);
				if (answer.status() / 100 == 2 || answer.status() != missing.status()) {
					failures.add(endpoint + " as " + outsider.organisationType() + ": " + answer.status()
							+ " (a missing report: " + missing.status() + ")");
				}
				if (answer.body().contains(report.number()) || answer.body().contains("ガス供給制御系")) {
					failures.add(endpoint + " as " + outsider.organisationType() + " leaks the report");
				}
			}
		}
		var anonymousWeb = browser();
		var anonymousApi = api(null);
		for (var endpoint : endpoints) {
			var method = endpoint.substring(0, endpoint.indexOf(' '));
			var path = fill(endpoint.substring(endpoint.indexOf(' ') + 1), report.id());
			var answer = path.startsWith("/api/") ? call(anonymousApi, method, path) : call(anonymousWeb, method, path, true);
			// Pages send anonymous callers to sign in; the API asks for credentials.
			var expected = path.startsWith("/api/") ? 401 : 302;
			if (answer.status() != expected || answer.body().contains(report.number())) {
				failures.add(endpoint + " as ANONYMOUS: " + answer.status());
			}
		}
		assertThat(failures).as("report endpoints answering outsiders").isEmpty();
	}

	private record Answer(int status, String body) {
	}

	private static Answer call(WebClient web, String method, String path, boolean anonymous) {
		if (method.equals("GET")) {
			var response = web.get(path);
			return new Answer(response.status(), response.body());
		}
		web.get(anonymous ? "/login" : "/"); // a fresh CSRF token
		var response = web.post(path, Map.of());
		return new Answer(response.status(), response.body());
	}

	private static Answer call(ApiClient api, String method, String path) {
		var response = api.send(method, path, method.equals("GET") || method.equals("DELETE") ? null : "{}");
		return new Answer(response.status(), response.body());
	}

	private String token(UserAccount user) {
		var scopes = EnumSet.noneOf(ApiScope.class);
		for (var scope : ApiScope.values()) {
			if (scope.allowedFor(user.roles())) {
				scopes.add(scope);
			}
		}
		return tokens.create(user.principal(), "outsider", scopes, 1).clearToken();
	}

	private static String fill(String pattern, UUID reportId) {
		return pattern.replace("{id}", reportId.toString())
			.replaceAll("\\{version}", "1")
			.replaceAll("\\{[^}]+}", UUID.randomUUID().toString())
			.replace("/diff", "/diff?from=1&to=1");
	}
}
