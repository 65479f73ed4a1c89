package org.kakehashi.intel.correlation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.kakehashi.audit.AuditEvent;
import org.kakehashi.audit.AuditLog;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.intel.stix.StixValidator;
import org.kakehashi.intel.store.CollectionAccess;
import org.kakehashi.intel.store.Collections;
import org.kakehashi.intel.store.IntelReader;
import org.kakehashi.intel.store.NewObject;
import org.kakehashi.intel.store.StixObjects;
import org.kakehashi.intel.store.StixTime;
import org.kakehashi.platform.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Sightings reported by analysts: a STIX {@code sighting} of an indicator, sighted by the analyst's own
 * organisation (an {@code identity} object whose id is derived from the organisation's, stored beside it when the
 * collection does not hold it yet), stored and indexed like any posted object so it is counted the same way.
 */
@Service
public class Sightings {

	public static final long MAX_COUNT = 999_999_999L;
	/** Identities are written once per collection with this fixed version, so re-adding one is a no-op. */
	private static final String IDENTITY_VERSION = "2020-01-01T00:00:00.000Z";

	/** What was stored. */
	public record Created(String sightingId, UUID collectionId, String indicatorId, long count) {
	}

	private final StixObjects objects;
	private final StoredObjects stored;
	private final Collections collections;
	private final ObservableIndex index;
	private final StixValidator validator;
	private final Directory directory;
	private final AuditLog audit;
	private final JsonMapper json;
	private final Clock clock;

	Sightings(StixObjects objects, StoredObjects stored, Collections collections, ObservableIndex index,
			StixValidator validator, Directory directory, AuditLog audit, JsonMapper json, Clock clock) {
		this.objects = objects;
		this.stored = stored;
		this.collections = collections;
		this.index = index;
		this.validator = validator;
		this.directory = directory;
		this.audit = audit;
		this.json = json;
		this.clock = clock;
	}

	@Transactional
	public Created record(KakehashiUser user, IntelReader reader, String indicatorId, long count,
			@Nullable UUID collectionId, @Nullable Instant firstSeen, @Nullable Instant lastSeen) {
		if (count < 1 || count > MAX_COUNT) {
			throw new InvalidInput("count", "intel.sighting.count", "The count is a whole number from 1 to " + MAX_COUNT + ".");
		}
		if (firstSeen != null && lastSeen != null && lastSeen.isBefore(firstSeen)) {
			throw new InvalidInput("lastSeen", "intel.sighting.order", "lastSeen must not be before firstSeen.");
		}
		var holders = stored.holders(reader, indicatorId).stream().filter(CollectionAccess::canRead).toList();
		if (holders.isEmpty()) {
			throw new InvalidInput("indicator", "intel.indicator.not-found", "No such indicator in a collection you may read.",
					HttpStatus.NOT_FOUND);
		}
		var target = target(reader, holders, collectionId);
		var now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
		var identityId = "identity--" + UUID.nameUUIDFromBytes(("kakehashi organisation " + user.organisationId())
			.getBytes(StandardCharsets.UTF_8));
		var sightingId = "sighting--" + UUID.randomUUID();
		var batch = new ArrayList<NewObject>();
		if (!objects.exists(target, identityId)) {
			var identity = new LinkedHashMap<String, Object>();
			identity.put("type", "identity");
			identity.put("spec_version", "2.1");
			identity.put("id", identityId);
			identity.put("created", IDENTITY_VERSION);
			identity.put("modified", IDENTITY_VERSION);
			identity.put("name", directory.organisation(user.organisationId()).map(o -> o.name()).orElse("Kakehashi member"));
			identity.put("identity_class", "organization");
			batch.add(object(identity, IDENTITY_VERSION));
		}
		var version = StixTime.format(now).substring(0, 23) + "Z";
		var sighting = new LinkedHashMap<String, Object>();
		sighting.put("type", "sighting");
		sighting.put("spec_version", "2.1");
		sighting.put("id", sightingId);
		sighting.put("created", version);
		sighting.put("modified", version);
		sighting.put("created_by_ref", identityId);
		sighting.put("sighting_of_ref", indicatorId);
		sighting.put("where_sighted_refs", List.of(identityId));
		sighting.put("count", count);
		if (firstSeen != null) {
			sighting.put("first_seen", StixTime.format(firstSeen));
		}
		if (lastSeen != null) {
			sighting.put("last_seen", StixTime.format(lastSeen));
		}
		batch.add(object(sighting, version));
		objects.add(target, batch);
		index.indexStored(target, batch.stream().map(NewObject::stixId).toList());
		audit.record(AuditEvent.by(user, "intel.sighting.recorded", "intel_collection", target,
				Map.of("sighting", sightingId, "indicator", indicatorId, "count", String.valueOf(count))));
		return new Created(sightingId, target, indicatorId, count);
	}

	/**
	 * The collection asked for (which must be writable), else the first writable one holding the indicator, else
	 * any writable one.
	 */
	private UUID target(IntelReader reader, List<CollectionAccess> holders, @Nullable UUID asked) {
		if (asked != null) {
			var access = collections.find(reader, asked.toString())
				.orElseThrow(() -> new InvalidInput("collection", "intel.sighting.collection-unknown",
						"No such collection, or you have no access to it.", HttpStatus.NOT_FOUND));
			if (!access.canWrite()) {
				throw new InvalidInput("collection", "intel.sighting.collection-read-only", "You may not write to this collection.",
						HttpStatus.FORBIDDEN);
			}
			return asked;
		}
		return holders.stream().filter(CollectionAccess::canWrite).findFirst()
			.or(() -> collections.visibleTo(reader).stream().filter(CollectionAccess::canWrite).findFirst())
			.map(a -> a.collection().id())
			.orElseThrow(() -> new InvalidInput("collection", "intel.sighting.no-collection",
					"You may not write to any collection; name one you may write to.", HttpStatus.UNPROCESSABLE_ENTITY));
	}

	private NewObject object(Map<String, Object> object, String version) {
		var node = json.valueToTree(object);
		var problems = validator.validate((tools.jackson.databind.JsonNode) node);
		if (!problems.isEmpty()) {
			throw new IllegalStateException("A generated STIX object is invalid: " + problems);
		}
		return new NewObject((String) object.get("id"), (String) object.get("type"), "2.1", version,
				Instant.parse(version), json.writeValueAsString(object));
	}
}
