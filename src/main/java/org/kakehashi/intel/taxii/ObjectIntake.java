package org.kakehashi.intel.taxii;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.kakehashi.audit.AuditEvent;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.intel.correlation.ObservableIndex;
import org.kakehashi.intel.stix.StixValidator;
import org.kakehashi.intel.store.AddStatus;
import org.kakehashi.intel.store.NewObject;
import org.kakehashi.intel.store.ObjectQuery;
import org.kakehashi.intel.store.Statuses;
import org.kakehashi.intel.store.StixObjects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Add Objects: every element of a posted envelope is checked on its own (the STIX validator when one is present,
 * and always the structural minimum the store needs); the good ones are stored in one transaction together with
 * the status resource, which lists each object as a success or a failure with the reason. Processing is
 * synchronous, so the status is always {@code complete} with nothing pending.
 */
@Service
class ObjectIntake {

	private final StixObjects objects;
	private final Statuses statuses;
	private final ObjectProvider<StixValidator> validator;
	private final AuditLog audit;
	private final Clock clock;
	private final ObservableIndex index;

	ObjectIntake(StixObjects objects, Statuses statuses, ObjectProvider<StixValidator> validator, AuditLog audit, Clock clock,
			ObservableIndex index) {
		this.objects = objects;
		this.statuses = statuses;
		this.validator = validator;
		this.audit = audit;
		this.clock = clock;
		this.index = index;
	}

	/** Deletes versions of an object and re-indexes it from whatever version is now the last; the number deleted. */
	@Transactional
	public int delete(UUID collectionId, String stixId, ObjectQuery.Versions versions, java.util.Set<String> specVersions) {
		int deleted = objects.delete(collectionId, stixId, versions, specVersions);
		if (deleted > 0) {
			index.indexStored(collectionId, List.of(stixId));
		}
		return deleted;
	}

	@Transactional
	public AddStatus add(KakehashiUser user, UUID collectionId, List<EnvelopeReader.Element> elements) {
		var requested = Instant.now(clock);
		var stix = validator.getIfAvailable();
		var accepted = new ArrayList<NewObject>();
		var details = new ArrayList<AddStatus.Detail>();
		var acceptedAt = new ArrayList<Integer>();
		var failures = new ArrayList<AddStatus.Detail>();
		for (var element : elements) {
			var structure = StructuralCheck.check(element.node(), element.raw());
			var problems = new ArrayList<String>();
			if (stix != null) {
				stix.validate(element.node()).forEach(p -> problems.add(p.property() + ": " + p.message()));
			}
			if (problems.isEmpty()) {
				problems.addAll(structure.problems());
			}
			if (problems.isEmpty()) {
				acceptedAt.add(details.size());
				accepted.add(structure.object());
				details.add(new AddStatus.Detail(structure.id(), structure.version(), null));
			} else {
				details.add(null);
				failures.add(new AddStatus.Detail(structure.id(), structure.version(), String.join("; ", problems)));
			}
		}
		var outcomes = objects.add(collectionId, accepted);
		var successes = new ArrayList<AddStatus.Detail>();
		var storedIds = new ArrayList<String>();
		int stored = 0;
		for (int i = 0; i < outcomes.size(); i++) {
			var detail = details.get(acceptedAt.get(i));
			switch (outcomes.get(i)) {
				case STORED -> {
					stored++;
					successes.add(detail);
					storedIds.add(detail.id());
				}
				case ALREADY_PRESENT -> successes.add(new AddStatus.Detail(detail.id(), detail.version(),
						"already in the collection"));
				case CONFLICT -> failures.add(new AddStatus.Detail(detail.id(), detail.version(),
						"a different object with this id and version is already in the collection; a new version needs a later modified"));
			}
		}
		// Correlation sees every stored version in the same transaction.
		index.indexStored(collectionId, storedIds);
		var status = new AddStatus(UUID.randomUUID(), collectionId, user.id(), "complete", requested, successes, failures,
				List.of());
		statuses.save(status);
		audit.record(AuditEvent.by(user, "intel.taxii.objects-added", "intel_collection", collectionId,
				Map.of("status", status.id().toString(), "total", String.valueOf(status.totalCount()),
						"stored", String.valueOf(stored), "failed", String.valueOf(failures.size()),
						"types", accepted.stream().map(NewObject::type).distinct().sorted().limit(20).collect(Collectors.joining(",")))));
		return status;
	}
}
