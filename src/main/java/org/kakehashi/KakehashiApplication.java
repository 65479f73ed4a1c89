package org.kakehashi;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Kakehashi: critical-infrastructure cyber coordination. {@code java -jar kakehashi.jar} serves the web
 * application; {@code --demo} loads a demo world; {@code audit-verify} checks the audit chain and exits.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class KakehashiApplication {

	public static void main(String[] args) {
		var application = new SpringApplication(KakehashiApplication.class);
		if (Arrays.asList(args).contains("audit-verify")) {
			// A command, not a server: no web port, exit code tells the result.
			application.setWebApplicationType(org.springframework.boot.WebApplicationType.NONE);
			application.setAdditionalProfiles("command");
		}
		if (Arrays.asList(args).contains("--demo")) {
			application.setDefaultProperties(java.util.Map.of("kakehashi.demo", "true"));
		}
		var context = application.run(args);
		if (application.getWebApplicationType() == org.springframework.boot.WebApplicationType.NONE) {
			System.exit(SpringApplication.exit(context));
		}
	}
}
