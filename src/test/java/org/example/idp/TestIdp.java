package org.example.idp;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * A real OpenID Connect provider (Spring Authorization Server) in its own application context on a random
 * port, standing in for an organisation's identity provider. It shares nothing with Kakehashi: no component
 * scan, no database, no session store, not even Kakehashi's application.yml. Started once per JVM. It lives
 * outside {@code org.kakehashi} so Kakehashi's own component scan never picks it up.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
		WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class })
@EnableWebSecurity
public class TestIdp {

	private static Running running;

	/** The running provider: its issuer, and how tests add people and clients to it. */
	public record Running(ConfigurableApplicationContext context, int port) {

		public String issuer() {
			return "http://127.0.0.1:" + port;
		}

		/** A person who can sign in at the provider with the given e-mail as user name. */
		public void addUser(String email, String password, String name, boolean emailVerified) {
			context.getBean(InMemoryUserDetailsManager.class)
				.createUser(User.withUsername(email).password("{noop}" + password).roles("USER").build());
			context.getBean(Claims.class).byUser.put(email, Map.of("email", email, "email_verified", emailVerified,
					"name", name, "amr", List.of("pwd", "otp"), "acr", "urn:example:mfa"));
		}

		/** A confidential client allowed to send people back to {@code redirectUri}, without a consent page. */
		public void addClient(String clientId, String secret, String redirectUri) {
			context.getBean(InMemoryRegisteredClientRepository.class).save(client(clientId, secret, redirectUri));
		}
	}

	public static synchronized Running start() {
		if (running == null) {
			var context = new SpringApplicationBuilder(TestIdp.class).web(WebApplicationType.SERVLET)
				.properties("spring.config.name=test-idp", "server.port=0", "server.address=127.0.0.1",
						"spring.main.banner-mode=off", "server.servlet.session.cookie.name=IDPSESSION")
				.run();
			var port = ((WebServerApplicationContext) context).getWebServer().getPort();
			running = new Running(context, port);
			Runtime.getRuntime().addShutdownHook(new Thread(context::close));
		}
		return running;
	}

	/** Extra ID token claims per user name. */
	static final class Claims {

		final Map<String, Map<String, Object>> byUser = new ConcurrentHashMap<>();
	}

	static RegisteredClient client(String clientId, String secret, String redirectUri) {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientSecret("{noop}" + secret)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(redirectUri)
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.scope(OidcScopes.EMAIL)
			.clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
			.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
		http.oauth2AuthorizationServer(server -> {
			http.securityMatcher(server.getEndpointsMatcher());
			server.oidc(Customizer.withDefaults());
		})
			.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
			.exceptionHandling(errors -> errors.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
			.oauth2ResourceServer(resource -> resource.jwt(Customizer.withDefaults()));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain signIn(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated()).formLogin(Customizer.withDefaults());
		return http.build();
	}

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager();
	}

	@Bean
	InMemoryRegisteredClientRepository clients() {
		return new InMemoryRegisteredClientRepository(client("placeholder", UUID.randomUUID().toString(), "http://127.0.0.1/none"));
	}

	@Bean
	Claims claims() {
		return new Claims();
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims(Claims claims) {
		return context -> {
			if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
				var extra = claims.byUser.getOrDefault(context.getPrincipal().getName(), Map.of());
				context.getClaims().claims(all -> all.putAll(extra));
			}
		};
	}

	@Bean
	JWKSource<SecurityContext> jwkSource() throws NoSuchAlgorithmException {
		var generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		var keys = generator.generateKeyPair();
		var key = new RSAKey.Builder((RSAPublicKey) keys.getPublic()).privateKey((RSAPrivateKey) keys.getPrivate())
			.keyID(UUID.randomUUID().toString())
			.build();
		return new ImmutableJWKSet<>(new JWKSet(key));
	}

	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
		return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings() {
		return AuthorizationServerSettings.builder().build();
	}
}
