package org.kakehashi.vulns.advisory;

import java.net.URI;

/** A link with a short description, e.g. the vendor's own advisory. */
public record Reference(URI url, String summary) {

	public Reference {
		url = Checks.webUrl(url, "reference URL");
		summary = Checks.text(summary, "reference summary");
	}
}
