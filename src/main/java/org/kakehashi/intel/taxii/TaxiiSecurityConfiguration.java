package org.kakehashi.intel.taxii;

import java.time.Clock;
import java.time.Duration;

import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.TokenAuthentication;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.SlidingWindowLimiter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The filter chain for {@code /taxii2/**}: stateless, no sessions, no CSRF (no cookies are ever honoured), no
 * redirects. Credentials are API tokens (Basic or Bearer); a token needs an intel scope to reach any TAXII
 * endpoint. Every refusal is a TAXII error message in the TAXII media type.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class TaxiiSecurityConfiguration {

	@Bean
	@Order(0)
	SecurityFilterChain taxii(HttpSecurity http, TokenAuthentication tokens, KakehashiProperties properties, Clock clock,
			TaxiiResponses responses) throws Exception {
		var failures = new SlidingWindowLimiter(properties.security().apiTokenFailuresPerMinutePerAddress(),
				Duration.ofMinutes(1), 10_000, clock);
		http.securityMatcher(request -> {
			var path = request.getRequestURI().substring(request.getContextPath().length());
			return path.equals("/taxii2") || path.startsWith("/taxii2/");
		})
			.addFilterBefore(new TaxiiAuthenticationFilter(tokens, failures, responses), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(authorize -> authorize.anyRequest()
				.hasAnyAuthority(ApiScope.INTEL_READ.authority(), ApiScope.INTEL_WRITE.authority()))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.securityContext(context -> context.requireExplicitSave(true))
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((request, response, e) -> {
					TaxiiResponses.challenge(response);
					responses.error(response, new TaxiiError(401, "Unauthorized",
							"Authenticate with HTTP Basic (your e-mail address and an API token) or a Bearer API token."));
				})
				.accessDeniedHandler((request, response, e) -> responses.error(response, TaxiiError.forbidden(
						"This API token has neither the intel:read nor the intel:write scope."))))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
		return http.build();
	}
}
