package org.kakehashi.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.kakehashi.KakehashiApplication;
import org.kakehashi.support.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.context.SpringBootTest;
import org.kakehashi.identity.OrganisationType;
import org.kakehashi.identity.Role;
import org.kakehashi.support.Fixtures;
import org.kakehashi.support.WebClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Whoever edits or deletes audit rows behind the application's back is caught by the chain. Runs on its own
 * database: the tampering must not break verification for the tests sharing the main one. Every test puts
 * back what it broke, so the chain is intact again when it ends.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditTamperTests {

	@LocalServerPort
	int port;

	@Autowired
	Fixtures fixtures;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestDatabases.fresh(registry, "audit-tamper");
	}

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HikariDataSource dataSource;

	@Test
	void anEditedEntryIsNamedAndTheChainHoldsAgainOnceRestored() {
		var seqs = recordSome(5);
		assertThat(audit.verify().intact()).isTrue();
		long k = seqs.get(2);
		var original = jdbc.sql("select details from audit_log where seq = :k").param("k", k).query(String.class).single();

		bypassingTrigger("update audit_log set details = '{\"note\":\"nothing to see\"}' where seq = " + k);
		var broken = audit.verify();
		assertThat(broken.intact()).isFalse();
		assertThat(broken.brokenAt()).isEqualTo(k);
		assertThat(broken.reason()).contains("does not match its hash");
		assertThat(verifiedOnThePage("ja")).contains("改ざんを検出: 記録 " + k + " の内容がハッシュと一致しません");
		assertThat(verifiedOnThePage("en")).contains("Broken at entry " + k + ": its content no longer matches its hash");

		bypassingTrigger("update audit_log set details = '" + original.replace("'", "''") + "' where seq = " + k);
		assertThat(audit.verify().intact()).isTrue();
	}

	@Test
	void aDeletedEntryIsNamedAsTheGap() {
		var seqs = recordSome(4);
		long k = seqs.get(1);
		var row = jdbc.sql("select * from audit_log where seq = :k").param("k", k).query().singleRow();

		bypassingTrigger("delete from audit_log where seq = " + k);
		var broken = audit.verify();
		assertThat(broken.brokenAt()).isEqualTo(k);
		assertThat(broken.reason()).isEqualTo("entry " + k + " is missing");

		reinsert(row);
		assertThat(audit.verify().intact()).isTrue();
	}

	@Test
	void aTruncatedTailIsNoticedThroughTheHead() {
		var seqs = recordSome(3);
		long last = seqs.get(seqs.size() - 1);
		var row = jdbc.sql("select * from audit_log where seq = :k").param("k", last).query().singleRow();

		bypassingTrigger("delete from audit_log where seq = " + last);
		var broken = audit.verify();
		assertThat(broken.brokenAt()).isEqualTo(last);
		assertThat(broken.reason()).contains("missing");

		reinsert(row);
		assertThat(audit.verify().intact()).isTrue();
	}

	@Test
	void theTriggerAloneRefusesPlainUpdatesAndDeletes() {
		long k = recordSome(1).get(0);
		assertThatThrownBy(() -> jdbc.sql("update audit_log set details = '{}' where seq = :k").param("k", k).update())
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("audit_log is append-only");
		assertThatThrownBy(() -> jdbc.sql("delete from audit_log where seq = :k").param("k", k).update())
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("audit_log is append-only");
		assertThat(audit.verify().intact()).isTrue();
	}

	@Test
	void theCommandExitsWithZeroWhenIntactAndThreeWhenBroken() {
		var seqs = recordSome(3);
		assertThat(runAuditVerifyCommand()).isZero();

		long k = seqs.get(0);
		var original = jdbc.sql("select actor_name from audit_log where seq = :k").param("k", k).query(String.class).single();
		bypassingTrigger("update audit_log set actor_name = 'somebody else' where seq = " + k);
		try {
			assertThat(runAuditVerifyCommand()).isEqualTo(3);
		} finally {
			bypassingTrigger("update audit_log set actor_name = '" + original.replace("'", "''") + "' where seq = " + k);
		}
		assertThat(runAuditVerifyCommand()).isZero();
	}

	/** A platform administrator presses "verify the chain" on the audit page; returns the page that follows. */
	private String verifiedOnThePage(String language) {
		var admin = fixtures.user(fixtures.organisation(OrganisationType.NATIONAL_CENTRE), Role.PLATFORM_ADMIN);
		var browser = new WebClient("http://localhost:" + port).language(language);
		assertThat(fixtures.signInWithSecondFactor(browser, admin).location()).endsWith("/");
		var verified = browser.submit("/admin/audit", "/admin/audit/verify", Map.of());
		return browser.get(verified.location()).body();
	}

	/** {@code java -jar kakehashi.jar audit-verify} as KakehashiApplication.main runs it, minus System.exit. */
	private int runAuditVerifyCommand() {
		var application = new SpringApplication(KakehashiApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setAdditionalProfiles("command");
		var dataDir = Path.of("target", "test-data", "audit-command-" + UUID.randomUUID()).toAbsolutePath();
		// kakehashi.db.* wins over spring.datasource.* (and over KAKEHASHI_DB_URL in CI's environment).
		var context = application.run("audit-verify", "--kakehashi.db.url=" + dataSource.getJdbcUrl(),
				"--kakehashi.db.user=" + dataSource.getUsername(),
				"--kakehashi.db.password=" + (dataSource.getPassword() == null ? "" : dataSource.getPassword()),
				"--kakehashi.data-dir=" + dataDir,
				"--logging.file.name=" + dataDir.resolve("kakehashi.log"), "--spring.main.banner-mode=off");
		return SpringApplication.exit(context);
	}

	private List<Long> recordSome(int count) {
		var seqs = new ArrayList<Long>();
		for (int i = 0; i < count; i++) {
			audit.record(new AuditEvent("test.tamper.entry", null, "tester " + i, null, "thing", UUID.randomUUID().toString(),
					Map.of("index", String.valueOf(i), "quote", "it's \"quoted\"")));
			seqs.add(jdbc.sql("select seq from audit_head").query(Long.class).single());
		}
		return seqs;
	}

	/** What someone with database rights could do: switch the append-only trigger off, change, switch back on. */
	private void bypassingTrigger(String statement) {
		jdbc.sql("alter table audit_log disable trigger audit_log_no_update").update();
		try {
			jdbc.sql(statement).update();
		} finally {
			jdbc.sql("alter table audit_log enable trigger audit_log_no_update").update();
		}
	}

	private void reinsert(Map<String, Object> row) {
		jdbc.sql("""
				insert into audit_log (seq, id, occurred_at, actor_id, actor_name, organisation_id, action, target_type,
				                       target_id, details, ip_address, prev_hash, hash)
				values (:seq, :id, :occurred_at, :actor_id, :actor_name, :organisation_id, :action, :target_type,
				        :target_id, :details, :ip_address, :prev_hash, :hash)
				""")
			.params(row)
			.update();
	}
}
