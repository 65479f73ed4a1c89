package org.kakehashi.vulns.advisory;

import java.util.regex.Pattern;

/** A CWE weakness, e.g. {@code CWE-79} "Improper Neutralization of Input During Web Page Generation (…)". */
public record Cwe(String id, String name) {

	private static final Pattern ID = Pattern.compile("CWE-[1-9][0-9]{0,5}");

	public Cwe {
		id = Checks.text(id, "CWE id");
		if (!ID.matcher(id).matches()) {
			throw new IllegalArgumentException("not a CWE id: " + id);
		}
		name = Checks.text(name, "CWE name");
	}
}
