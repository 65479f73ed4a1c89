package org.kakehashi.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base for tests over real HTTP against a real PostgreSQL and a real SMTP server (GreenMail). All
 * subclasses share one application context, so each test creates its own organisations and users.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

	protected static final GreenMail MAIL;

	static {
		MAIL = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		MAIL.start();
	}

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestDatabases.fresh(registry, "shared");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
	}

	protected WebClient browser() {
		return new WebClient("http://localhost:" + port);
	}

	protected ApiClient api(String token) {
		return new ApiClient("http://localhost:" + port, token);
	}
}
