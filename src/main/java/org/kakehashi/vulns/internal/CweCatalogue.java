package org.kakehashi.vulns.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The names of common CWE weaknesses ({@code vulns/cwe-names.tsv}), so that a coordinator who types CWE-79 need not
 * type its official name too; CSAF and CVE records carry both. Ids outside the list are fine with a typed name.
 */
@Component
public class CweCatalogue {

	private final Map<String, String> names;

	CweCatalogue() {
		var loaded = new LinkedHashMap<String, String>();
		var resource = CweCatalogue.class.getResourceAsStream("/vulns/cwe-names.tsv");
		if (resource == null) {
			throw new IllegalStateException("vulns/cwe-names.tsv is missing from the application");
		}
		try (var reader = new BufferedReader(new InputStreamReader(resource, StandardCharsets.UTF_8))) {
			reader.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
				var tab = line.indexOf('\t');
				loaded.put(line.substring(0, tab), line.substring(tab + 1));
			});
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		this.names = Collections.unmodifiableMap(loaded);
	}

	public Optional<String> name(String cweId) {
		return Optional.ofNullable(names.get(cweId));
	}

	/** Every known id with its name, in id order: for the form's suggestions. */
	public Map<String, String> all() {
		return names;
	}
}
