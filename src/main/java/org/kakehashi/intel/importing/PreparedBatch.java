package org.kakehashi.intel.importing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import org.kakehashi.intel.correlation.ObservableExtraction;
import org.kakehashi.intel.stix.StixValidator;
import org.kakehashi.intel.store.NewObject;
import org.kakehashi.intel.store.StixTime;
import org.kakehashi.intel.taxii.StructuralCheck;

import tools.jackson.databind.JsonNode;

/**
 * One batch after the checks that need no database: each object validated against STIX 2.1 (and the store's
 * structural minimum), repeats within the batch folded into one. What is left goes to the database as {@code rows}.
 *
 * @param read       items consumed from the input (valid or not)
 * @param rows       the distinct storable objects, in input order
 * @param observables what each row contributes to the observable index, extracted here on the reader thread
 * @param positions  the input position of each row, for the error report
 * @param errors     every problem found, in input order
 * @param rejected   objects refused here
 * @param duplicates repeats of an object earlier in the same batch
 */
record PreparedBatch(int read, List<NewObject> rows, List<ObservableExtraction.Extracted> observables, long[] positions, List<ImportError> errors, long rejected,
		long duplicates) {

	static final String CONFLICT = "a different object with this id and version is already there; a new version "
			+ "needs a later modified";

	static PreparedBatch of(List<ImportItem> items, StixValidator validator) {
		var rows = new ArrayList<NewObject>(items.size());
		var observables = new ArrayList<ObservableExtraction.Extracted>(items.size());
		var positions = new long[items.size()];
		var errors = new ArrayList<ImportError>();
		var firstOfKey = new HashMap<String, JsonNode>(items.size() * 2);
		long rejected = 0;
		long duplicates = 0;
		for (var item : items) {
			if (item.node() == null || item.raw() == null) {
				errors.addAll(item.refusal());
				rejected++;
				continue;
			}
			var node = item.node();
			var problems = validator.validate(node);
			StructuralCheck.Result structure = null;
			if (problems.isEmpty()) {
				structure = StructuralCheck.check(node, item.raw());
			}
			if (!problems.isEmpty()) {
				for (var problem : problems) {
					errors.add(new ImportError(item.position(), problem.objectId(), problem.property(), problem.message()));
				}
				rejected++;
				continue;
			}
			if (structure.object() == null) {
				for (var problem : structure.problems()) {
					int colon = problem.indexOf(": ");
					errors.add(new ImportError(item.position(), structure.id().isEmpty() ? null : structure.id(),
							colon < 0 ? "" : problem.substring(0, colon), colon < 0 ? problem : problem.substring(colon + 2)));
				}
				rejected++;
				continue;
			}
			var object = structure.object();
			var key = object.stixId() + "|" + StixTime.format(object.versionAt());
			var earlier = firstOfKey.putIfAbsent(key, node);
			if (earlier == null) {
				positions[rows.size()] = item.position();
				rows.add(object);
				observables.add(ObservableExtraction.from(node));
			} else if (earlier.equals(node)) {
				duplicates++;
			} else {
				errors.add(new ImportError(item.position(), object.stixId(), "modified", CONFLICT));
				rejected++;
			}
		}
		return new PreparedBatch(items.size(), rows, observables, positions, errors, rejected, duplicates);
	}
}
