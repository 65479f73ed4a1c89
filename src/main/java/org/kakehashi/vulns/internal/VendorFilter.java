package org.kakehashi.vulns.internal;

/** Which vendors of a case a list shows. */
public enum VendorFilter {
	ALL, SILENT, RESPONDED, UNREACHABLE
}
