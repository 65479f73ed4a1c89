package org.kakehashi.vulns.internal;

/** A flaw in a software product, or in a web site (whose operator is the party to fix it). */
public enum CaseKind {
	PRODUCT, WEBSITE
}
