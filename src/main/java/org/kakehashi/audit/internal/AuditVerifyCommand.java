package org.kakehashi.audit.internal;

import org.kakehashi.audit.AuditLog;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** {@code java -jar kakehashi.jar audit-verify}: exit code 0 when the chain holds, 3 when it is broken. */
@Component
@Profile("command")
class AuditVerifyCommand implements ApplicationRunner, ExitCodeGenerator {

	private final AuditLog auditLog;
	private int exitCode;

	AuditVerifyCommand(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!args.getNonOptionArgs().contains("audit-verify")) {
			return;
		}
		var result = auditLog.verify();
		if (result.intact()) {
			System.out.println("Audit log intact: " + result.checked() + " entries verified.");
		} else {
			System.out.println("Audit log BROKEN at entry " + result.brokenAt() + ": " + result.reason());
			exitCode = 3;
		}
	}

	@Override
	public int getExitCode() {
		return exitCode;
	}
}
