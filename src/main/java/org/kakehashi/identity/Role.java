package org.kakehashi.identity;

/** What a user may do. A user holds one or more roles within their own organisation. */
public enum Role {

	/** Runs the platform: every organisation, user, setting and the audit log. */
	PLATFORM_ADMIN(true),
	/** Manages the users of their own organisation. */
	ORG_ADMIN(true),
	/** Triages and analyses (centre, hub, ministry staff). */
	ANALYST(false),
	/** Handles incidents, warnings and vulnerability cases. */
	COORDINATOR(false),
	/** Files reports for their organisation. */
	REPORTER(false),
	/** Reads what their organisation receives. */
	VIEWER(false);

	private final boolean administrative;

	Role(boolean administrative) {
		this.administrative = administrative;
	}

	/** Administrative roles always need a second factor. */
	public boolean administrative() {
		return administrative;
	}

	public String authority() {
		return "ROLE_" + name();
	}
}
