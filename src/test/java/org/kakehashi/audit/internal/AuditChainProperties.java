package org.kakehashi.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** The canonical form of details: one text per content, whatever order the map was built in. */
class AuditChainProperties {

	private static final UUID ID = UUID.fromString("01900000-0000-7000-8000-000000000001");
	private static final Instant AT = Instant.parse("2026-11-26T05:05:00Z");

	@Property(tries = 500)
	void differentDetailsNeverHashTheSame(@ForAll @Size(max = 6) Map<String, String> a,
			@ForAll @Size(max = 6) Map<String, String> b) {
		Assume.that(!a.equals(b));
		assertThat(AuditChain.canonicalJson(new TreeMap<>(a))).isNotEqualTo(AuditChain.canonicalJson(new TreeMap<>(b)));
		assertThat(hash(a)).isNotEqualTo(hash(b));
	}

	@Property(tries = 500)
	void detailsInAnyInsertionOrderHashTheSame(@ForAll @Size(max = 8) Map<String, String> details, @ForAll long seed) {
		var keys = new ArrayList<>(details.keySet());
		Collections.shuffle(keys, new Random(seed));
		var reordered = new LinkedHashMap<String, String>();
		keys.forEach(key -> reordered.put(key, details.get(key)));
		assertThat(AuditChain.canonicalJson(new TreeMap<>(reordered))).isEqualTo(AuditChain.canonicalJson(new TreeMap<>(details)));
		assertThat(hash(reordered)).isEqualTo(hash(details));
	}

	@Property(tries = 200)
	void keysAndValuesCannotBeShiftedIntoEachOther(@ForAll String key, @ForAll String value, @ForAll String other) {
		Assume.that(!value.equals(other));
		var one = new TreeMap<>(Map.of(key, value));
		var two = new TreeMap<>(Map.of(key, other));
		assertThat(AuditChain.canonicalJson(one)).isNotEqualTo(AuditChain.canonicalJson(two));
	}

	private static String hash(Map<String, String> details) {
		var row = new AuditRow(7, ID, AT, null, "actor", null, "test.action", "thing", "1",
				AuditChain.canonicalJson(new TreeMap<>(details)), "127.0.0.1", AuditChain.GENESIS, "");
		return AuditChain.hash(row);
	}

}
