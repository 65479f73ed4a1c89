package org.kakehashi.vulns.advisory;

import java.net.URI;

/** Who publishes the advisory: a coordinator (CSAF {@code publisher.category coordinator}) with its namespace URL. */
public record Publisher(String name, URI namespace) {

	public Publisher {
		name = Checks.text(name, "publisher name");
		namespace = Checks.webUrl(namespace, "publisher namespace");
	}
}
