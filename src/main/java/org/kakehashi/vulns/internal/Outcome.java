package org.kakehashi.vulns.internal;

/** How a closed case ended. */
public enum Outcome {

	/** JVN-style public advisory. */
	JVN_PUBLICATION,
	/** 個別対応: the vendor handles it with its customers privately. */
	PRIVATE_HANDLING,
	/** 脆弱性ではない. */
	NOT_A_VULNERABILITY,
	/** 不受理. */
	NOT_ACCEPTED
}
