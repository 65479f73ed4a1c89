package org.kakehashi.identity;

/** The kinds of organisation that take part in critical-infrastructure coordination. */
public enum OrganisationType {

	OPERATOR(false),
	SECTOR_MINISTRY(true),
	CEPTOAR(false),
	NATIONAL_CENTRE(true),
	INFORMATION_HUB(true),
	COORDINATOR(true),
	VENDOR(false),
	LOCAL_GOVERNMENT(false),
	REGULATOR(false),
	SECURITY_ORGANISATION(false),
	OTHER(false);

	private final boolean secondFactorMandatory;

	OrganisationType(boolean secondFactorMandatory) {
		this.secondFactorMandatory = secondFactorMandatory;
	}

	/** Staff of the centre, hubs, coordinators and ministries handle everyone's reports: always MFA. */
	public boolean secondFactorMandatory() {
		return secondFactorMandatory;
	}
}
