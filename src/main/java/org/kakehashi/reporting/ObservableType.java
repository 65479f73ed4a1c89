package org.kakehashi.reporting;

/** Typed technical indicators a report carries. */
public enum ObservableType {
	IPV4, IPV6, DOMAIN, URL, MD5, SHA1, SHA256, EMAIL
}
