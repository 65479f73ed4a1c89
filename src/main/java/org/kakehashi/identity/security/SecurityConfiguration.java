package org.kakehashi.identity.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.internal.ApiTokens;
import org.kakehashi.platform.KakehashiProperties;
import org.kakehashi.platform.SlidingWindowLimiter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two filter chains: {@code /api/v1/**} is stateless and token-only, answering 401/403 as problem+json;
 * everything else is the browser application with sessions, CSRF and a strict content security policy.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableMethodSecurity
class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	static final java.util.regex.Pattern DOCUMENTATION = java.util.regex.Pattern.compile("/api/v1/(openapi|docs|swagger-ui)(/|$|\\.)");

	/**
	 * The one global manager: passwords go through {@link PasswordSignIn} exactly once (a chain-local copy
	 * would fall back to the global one and count every failure twice), and Boot's generated in-memory
	 * user never exists.
	 */
	@Bean
	AuthenticationManager authenticationManager(PasswordSignIn passwordSignIn) {
		return new ProviderManager(passwordSignIn);
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, AuditLog audit, KakehashiProperties properties, Clock clock)
			throws Exception {
		var tokenFailures = new SlidingWindowLimiter(properties.security().apiTokenFailuresPerMinutePerAddress(),
				Duration.ofMinutes(1), 10_000, clock);
		// The API description and Swagger UI are pages for people: they belong to the web chain.
		http.securityMatcher(request -> {
			var path = request.getRequestURI().substring(request.getContextPath().length());
			return path.startsWith("/api/v1/") && !DOCUMENTATION.matcher(path).lookingAt();
		})
			.addFilterBefore(new BearerTokenFilter(tokens::authenticate, tokenFailures), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(authorize -> authorize.anyRequest().hasAuthority(SignInState.COMPLETE))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.exceptionHandling(errors -> errors
				.authenticationEntryPoint((request, response, e) -> {
					response.setHeader("WWW-Authenticate", "Bearer");
					problem(response, 401, "Unauthorized", "Send a valid API token as 'Authorization: Bearer <token>'.");
				})
				.accessDeniedHandler((request, response, e) -> {
					audit.record("identity.api.forbidden", "endpoint", null,
							Map.of("method", request.getMethod(), "path", request.getRequestURI()));
					response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
					problem(response, 403, "Forbidden", "This token or user may not perform this request.");
				}))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain web(HttpSecurity http, SecondFactorWebSecurity secondFactors, OidcSignIn oidcSignIn)
			throws Exception {
		secondFactors.configure(http);
		http.authorizeHttpRequests(authorize -> authorize
				.requestMatchers("/login", "/setup", "/invitation", "/password-reset", "/css/**", "/js/**", "/img/**",
						"/webjars/**", "/favicon.ico", "/error", "/public/**", "/.well-known/csaf/**", "/actuator/health", "/actuator/health/**",
						"/api/v1/openapi", "/api/v1/openapi/**", "/api/v1/docs", "/api/v1/swagger-ui/**", "/language")
				.permitAll()
				.requestMatchers("/oauth2/authorization/**", "/login/oauth2/code/**").permitAll()
				.requestMatchers("/login/second-factor", "/login/second-factor/**").hasAuthority(SignInState.SECOND_FACTOR_PENDING)
				.requestMatchers("/account/second-factor/enrol", "/account/second-factor/enrol/**")
				.hasAnyAuthority(SignInState.ENROLMENT_REQUIRED, SignInState.COMPLETE)
				.requestMatchers("/actuator/**").hasRole("PLATFORM_ADMIN")
				.requestMatchers("/admin/audit", "/admin/audit/**").hasRole("PLATFORM_ADMIN")
				.requestMatchers("/admin/**").hasAnyRole("PLATFORM_ADMIN", "ORG_ADMIN")
				.anyRequest().hasAuthority(SignInState.COMPLETE))
			.formLogin(form -> form.loginPage("/login")
				.loginProcessingUrl("/login")
				.usernameParameter("email")
				.successHandler(new SignInSuccessHandler())
				.failureHandler(this::signInFailed))
			.oauth2Login(oidcSignIn::configure)
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
			.exceptionHandling(errors -> errors.accessDeniedHandler(this::accessDenied))
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.frameOptions(frame -> frame.deny())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
				.httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31536000)));
		return http.build();
	}

	private void signInFailed(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
			throws IOException {
		var reason = e instanceof org.springframework.security.authentication.LockedException ? "locked" : "failed";
		response.sendRedirect(request.getContextPath() + "/login?error=" + reason);
	}

	/** A half-finished sign-in is sent on to its next step rather than shown a bare 403. */
	private void accessDenied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
			throws IOException {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		if (SignInState.is(authentication, SignInState.SECOND_FACTOR_PENDING)) {
			response.sendRedirect(request.getContextPath() + "/login/second-factor");
		} else if (SignInState.is(authentication, SignInState.ENROLMENT_REQUIRED)) {
			response.sendRedirect(request.getContextPath() + "/account/second-factor/enrol");
		} else {
			response.sendError(403);
		}
	}

	static void problem(HttpServletResponse response, int status, String title, String detail) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
				+ ",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
	}
}
