package org.kakehashi.intel.stix;

import java.util.Set;

/**
 * What an embedded relationship ({@code *_ref}, {@code *_refs}) may point to. Category targets accept types this
 * validator does not know (custom and extension-defined objects), since their category cannot be told from an id.
 */
record RefTarget(String description, Set<String> types, Category category) {

	enum Category {
		LISTED, ANY, SDO, SCO, SDO_OR_SCO, SCO_OR_SRO
	}

	static final RefTarget ANY_OBJECT = new RefTarget("a STIX object", Set.of(), Category.ANY);
	static final RefTarget SDO = new RefTarget("an SDO", Set.of(), Category.SDO);
	static final RefTarget SCO = new RefTarget("an SCO", Set.of(), Category.SCO);
	static final RefTarget SDO_OR_SCO = new RefTarget("an SDO or SCO", Set.of(), Category.SDO_OR_SCO);
	static final RefTarget SCO_OR_SRO = new RefTarget("an SCO or SRO", Set.of(), Category.SCO_OR_SRO);

	static RefTarget of(String... types) {
		return new RefTarget(String.join(" or ", types), Set.of(types), Category.LISTED);
	}

	boolean allows(String type) {
		if (type.equals("bundle")) {
			return false;
		}
		var kind = TypeRules.kindOf(type);
		return switch (category) {
			case LISTED -> types.contains(type);
			case ANY -> true;
			case SDO -> kind == null || kind == ObjectKind.SDO;
			case SCO -> kind == null || kind == ObjectKind.SCO;
			case SDO_OR_SCO -> kind == null || kind == ObjectKind.SDO || kind == ObjectKind.SCO;
			case SCO_OR_SRO -> kind == null || kind == ObjectKind.SCO || kind == ObjectKind.SRO;
		};
	}
}
