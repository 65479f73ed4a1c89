package org.kakehashi.intel.stix;

import java.util.List;

import tools.jackson.databind.JsonNode;

/** Checks one STIX 2.1 object against the specification; an empty list means valid. */
public interface StixValidator {

	List<StixProblem> validate(JsonNode object);
}
