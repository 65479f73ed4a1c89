package org.kakehashi.vulns.certification;

/**
 * What was certified or evaluated, after the Japanese schemes: a control device certified (EDSA, IEC 62443-4-2) or
 * evaluated, a control system evaluated (SSA, IEC 62443-3-3), or an organisation's CSMS found conformant
 * (IEC 62443-2-1).
 */
public enum CertificationKind {
	DEVICE_CERTIFICATION, DEVICE_EVALUATION, SYSTEM_EVALUATION, CSMS
}
