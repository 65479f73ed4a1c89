package org.kakehashi.intel.taxii;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.kakehashi.identity.ApiScope;
import org.kakehashi.identity.Directory;
import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.intel.store.AddStatus;
import org.kakehashi.intel.store.CollectionAccess;
import org.kakehashi.intel.store.Collections;
import org.kakehashi.intel.store.RestrictedReads;
import org.kakehashi.intel.store.IntelCollection;
import org.kakehashi.intel.store.IntelReader;
import org.kakehashi.intel.store.ObjectQuery;
import org.kakehashi.intel.store.Slice;
import org.kakehashi.intel.store.Statuses;
import org.kakehashi.intel.store.StixObjects;
import org.kakehashi.intel.store.StixTime;
import org.kakehashi.intel.store.StoredVersion;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The TAXII 2.1 server: one API root, {@code /taxii2/intel/}, holding every collection. A collection the caller may
 * neither read nor write answers 404 exactly like one that does not exist (the specification allows either 403 or
 * 404; 404 does not reveal it); one they can see but not use in the way asked answers 403.
 */
@Controller
@ResponseBody
@RequestMapping("/taxii2")
class TaxiiController {

	static final String API_ROOT = "intel";
	private static final Pattern KNOWN_PATH = Pattern.compile(
			"/taxii2/([^/]+/((status/[^/]+/)|(collections/([^/]+/((manifest/)|(objects/([^/]+/(versions/)?)?))?)?))?)?");

	private final Collections collections;
	private final StixObjects objects;
	private final Statuses statuses;
	private final ObjectIntake intake;
	private final Cursors cursors;
	private final TaxiiResponses responses;
	private final TaxiiProperties properties;
	private final Directory directory;
	private final StatusExpiry expiry;
	private final RestrictedReads restrictedReads;

	TaxiiController(Collections collections, StixObjects objects, Statuses statuses, ObjectIntake intake, Cursors cursors,
			TaxiiResponses responses, TaxiiProperties properties, Directory directory, StatusExpiry expiry,
			RestrictedReads restrictedReads) {
		this.restrictedReads = restrictedReads;
		this.collections = collections;
		this.objects = objects;
		this.statuses = statuses;
		this.intake = intake;
		this.cursors = cursors;
		this.responses = responses;
		this.properties = properties;
		this.directory = directory;
		this.expiry = expiry;
	}

	@GetMapping("/")
	ResponseEntity<byte[]> discovery(HttpServletRequest request) {
		accept(request, false);
		var root = request.getContextPath() + "/taxii2/" + API_ROOT + "/";
		var body = new LinkedHashMap<String, Object>();
		body.put("title", properties.title());
		body.put("description", properties.description());
		if (!properties.contact().isBlank()) {
			body.put("contact", properties.contact());
		}
		body.put("default", root);
		body.put("api_roots", List.of(root));
		return responses.ok(200, body);
	}

	@GetMapping("/{root}/")
	ResponseEntity<byte[]> apiRoot(HttpServletRequest request, @PathVariable String root) {
		accept(request, false);
		root(root);
		var body = new LinkedHashMap<String, Object>();
		body.put("title", "Kakehashi threat intelligence");
		body.put("description", "STIX 2.1 collections shared through Kakehashi");
		body.put("versions", List.of(TaxiiMedia.TAXII_21));
		body.put("max_content_length", properties.maxContentLength().toBytes());
		return responses.ok(200, body);
	}

	@GetMapping("/{root}/status/{statusId}/")
	ResponseEntity<byte[]> status(HttpServletRequest request, Authentication authentication, @PathVariable String root,
			@PathVariable String statusId) {
		accept(request, false);
		root(root);
		UUID id;
		try {
			id = UUID.fromString(statusId);
		} catch (IllegalArgumentException e) {
			throw TaxiiError.notFound("No such status resource.");
		}
		// A status past its retention is gone, as the specification allows, whether or not the purge has run yet.
		var status = statuses.find(id, user(authentication).id(), expiry.oldestKept())
			.orElseThrow(() -> TaxiiError.notFound("No such status resource: unknown, expired, or another user's."));
		return responses.ok(200, status(status));
	}

	@GetMapping("/{root}/collections/")
	ResponseEntity<byte[]> collections(HttpServletRequest request, Authentication authentication, @PathVariable String root) {
		accept(request, false);
		root(root);
		var visible = collections.visibleTo(reader(authentication));
		var body = new LinkedHashMap<String, Object>();
		if (!visible.isEmpty()) {
			body.put("collections", visible.stream().map(TaxiiController::collection).toList());
		}
		return responses.ok(200, body);
	}

	@GetMapping("/{root}/collections/{collection}/")
	ResponseEntity<byte[]> collection(HttpServletRequest request, Authentication authentication, @PathVariable String root,
			@PathVariable String collection) {
		accept(request, false);
		root(root);
		return responses.ok(200, collection(find(authentication, collection)));
	}

	@GetMapping("/{root}/collections/{collection}/manifest/")
	ResponseEntity<byte[]> manifest(HttpServletRequest request, Authentication authentication, @PathVariable String root,
			@PathVariable String collection) {
		accept(request, true);
		var access = readable(authentication, root, collection);
		var page = page(request, access, "manifest", ObjectQuery.Versions.LAST, null, false);
		var mediaType = access.collection().mediaTypes().get(0);
		var records = page.slice().rows().stream().map(row -> {
			var entry = new LinkedHashMap<String, Object>();
			entry.put("id", row.stixId());
			entry.put("date_added", StixTime.format(row.dateAdded()));
			entry.put("version", row.version());
			entry.put("media_type", mediaType);
			return entry;
		}).toList();
		return listing(page, "objects", records);
	}

	@GetMapping("/{root}/collections/{collection}/objects/")
	ResponseEntity<byte[]> objects(HttpServletRequest request, Authentication authentication, @PathVariable String root,
			@PathVariable String collection) {
		accept(request, false);
		var access = readable(authentication, root, collection);
		var page = page(request, access, "objects", ObjectQuery.Versions.LAST, null, true);
		restrictedReads.record(user(authentication), access.collection().id(), "taxii", page.slice().rows());
		return envelope(page);
	}

	@PostMapping("/{root}/collections/{collection}/objects/")
	ResponseEntity<byte[]> add(HttpServletRequest request, Authentication authentication, @PathVariable String root,
			@PathVariable String collection) throws IOException {
		accept(request, false);
		root(root);
		var access = find(authentication, collection);
		if (!access.canWrite()) {
			throw TaxiiError.forbidden("You may not add objects to this collection.");
		}
		if (!TaxiiMedia.acceptableBody(request.getContentType())) {
			throw new TaxiiError(415, "Unsupported Media Type",
					"Send the envelope as Content-Type: " + TaxiiMedia.TAXII_21 + " (UTF-8).");
		}
		var body = body(request);
		var status = intake.add(user(authentication), access.collection().id(), EnvelopeReader.read(body));
		return responses.ok(202, status(status));
	}

	@GetMapping("/{root}/collections/{collection}/objects/{objectId}/")
	ResponseEntity<byte[]> object(HttpServletRequest request, Authentication authentication, @PathVariable String root,
			@PathVariable String collection, @PathVariable String objectId) {
		accept(request, false);
		var access = readable(authentication, root, collection);
		requireObject(access, objectId);
		var page = page(request, access, "object:" + objectId, ObjectQuery.Versions.LAST, objectId, true);
		restrictedReads.record(user(authentication), access.collection().id(), "taxii", page.slice().rows());
		return envelope(page);
	}

	@DeleteMapping("/{root}/collections/{collection}/objects/{objectId}/")
	ResponseEntity<byte[]> delete(HttpServletRequest request, Authentication authentication, @PathVariable String root,
			@PathVariable String collection, @PathVariable String objectId) {
		accept(request, false);
		root(root);
		var access = find(authentication, collection);
		if (!access.canRead() || !access.canWrite()) {
			throw TaxiiError.forbidden("Deleting needs both read and write access to the collection.");
		}
		var filters = FilterParameters.parse(request.getParameterMap());
		// Without match[version] the whole object goes: every version of it.
		var versions = filters.versions() == null ? ObjectQuery.Versions.ALL : filters.versions();
		if (intake.delete(access.collection().id(), objectId, versions, filters.specVersions()) == 0) {
			throw TaxiiError.notFound("No such object (or version of it) in this collection.");
		}
		return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, TaxiiMedia.TAXII_21).build();
	}

	@GetMapping("/{root}/collections/{collection}/objects/{objectId}/versions/")
	ResponseEntity<byte[]> versions(HttpServletRequest request, Authentication authentication, @PathVariable String root,
			@PathVariable String collection, @PathVariable String objectId) {
		accept(request, false);
		var access = readable(authentication, root, collection);
		requireObject(access, objectId);
		var page = page(request, access, "versions:" + objectId, ObjectQuery.Versions.ALL, objectId, false);
		return listing(page, "versions", page.slice().rows().stream().map(StoredVersion::version).toList());
	}

	/** Anything else under /taxii2/: a TAXII 404 (or 405 for a known endpoint and the wrong method). */
	@RequestMapping("/**")
	ResponseEntity<byte[]> unknown(HttpServletRequest request) {
		var path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.equals("/taxii2/") || KNOWN_PATH.matcher(path).matches()) {
			return responses.error(new TaxiiError(405, "Method Not Allowed", request.getMethod() + " is not defined here."));
		}
		return responses.error(TaxiiError.notFound("No TAXII endpoint here; TAXII paths end with a slash."));
	}

	// ---- pieces

	private record Page(Slice<StoredVersion> slice, String next) {
	}

	private Page page(HttpServletRequest request, CollectionAccess access, String endpoint, ObjectQuery.Versions defaults,
			String objectId, boolean withRaw) {
		var filters = FilterParameters.parse(request.getParameterMap());
		if (objectId != null) {
			// The object endpoints select by path; match[id] and match[type] do not apply to them.
			filters = new FilterParameters(java.util.Set.of(objectId), java.util.Set.of(),
					endpoint.startsWith("versions:") ? null : filters.versions(), filters.specVersions(), filters.addedAfter(),
					filters.limit(), filters.next());
		}
		var id = access.collection().id();
		var binding = filters.binding(endpoint);
		var position = filters.next() == null ? null : cursors.position(id, binding, filters.next());
		var slice = objects.find(id, filters.query(defaults, properties.maxPageSize(), position), withRaw);
		var rows = slice.rows();
		var next = slice.more() && !rows.isEmpty() ? cursors.next(id, binding, rows.get(rows.size() - 1).position()) : null;
		return new Page(slice, next);
	}

	private ResponseEntity<byte[]> envelope(Page page) {
		var rows = page.slice().rows();
		var out = new ByteArrayOutputStream(rows.stream().mapToInt(r -> r.raw().length()).sum() + 256);
		if (rows.isEmpty()) {
			write(out, "{}");
		} else {
			// The stored bytes of each object are spliced in unchanged: a client reads exactly what was posted.
			write(out, "{\"more\":" + page.slice().more());
			if (page.next() != null) {
				write(out, ",\"next\":\"" + page.next() + "\"");
			}
			write(out, ",\"objects\":[");
			for (int i = 0; i < rows.size(); i++) {
				if (i > 0) {
					out.write(',');
				}
				write(out, rows.get(i).raw());
			}
			write(out, "]}");
		}
		return withDateHeaders(ResponseEntity.ok(), rows).body(out.toByteArray());
	}

	private ResponseEntity<byte[]> listing(Page page, String property, List<?> items) {
		var body = new LinkedHashMap<String, Object>();
		if (!items.isEmpty()) {
			body.put("more", page.slice().more());
			if (page.next() != null) {
				body.put("next", page.next());
			}
			body.put(property, items);
		}
		var response = responses.ok(200, body);
		return withDateHeaders(ResponseEntity.ok(), page.slice().rows()).body(response.getBody());
	}

	private static ResponseEntity.BodyBuilder withDateHeaders(ResponseEntity.BodyBuilder builder, List<StoredVersion> rows) {
		builder.header(HttpHeaders.CONTENT_TYPE, TaxiiMedia.TAXII_21);
		if (!rows.isEmpty()) {
			builder.header("X-TAXII-Date-Added-First", StixTime.format(rows.get(0).dateAdded()));
			builder.header("X-TAXII-Date-Added-Last", StixTime.format(rows.get(rows.size() - 1).dateAdded()));
		}
		return builder;
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

	private byte[] body(HttpServletRequest request) throws IOException {
		long max = properties.maxContentLength().toBytes();
		if (request.getContentLengthLong() > max) {
			throw tooLarge(max);
		}
		try (InputStream in = request.getInputStream()) {
			var bytes = in.readNBytes((int) max + 1);
			if (bytes.length > max) {
				throw tooLarge(max);
			}
			return bytes;
		}
	}

	private static TaxiiError tooLarge(long max) {
		return new TaxiiError(413, "Content Too Large", "The request body exceeds this API root's max_content_length of "
				+ max + " bytes.");
	}

	private void requireObject(CollectionAccess access, String objectId) {
		if (!objects.exists(access.collection().id(), objectId)) {
			throw TaxiiError.notFound("No such object in this collection.");
		}
	}

	private CollectionAccess readable(Authentication authentication, String root, String collection) {
		root(root);
		var access = find(authentication, collection);
		if (!access.canRead()) {
			throw TaxiiError.forbidden("You may not read objects from this collection.");
		}
		return access;
	}

	private CollectionAccess find(Authentication authentication, String collection) {
		return collections.find(reader(authentication), collection)
			.orElseThrow(() -> TaxiiError.notFound("No such collection, or you have no access to it."));
	}

	private static void root(String root) {
		if (!API_ROOT.equals(root)) {
			throw TaxiiError.notFound("No such API root.");
		}
	}

	private static void accept(HttpServletRequest request, boolean stixToo) {
		if (!TaxiiMedia.acceptable(request.getHeader(HttpHeaders.ACCEPT), stixToo)) {
			throw new TaxiiError(406, "Not Acceptable", "This server answers in " + TaxiiMedia.TAXII_21
					+ "; send an Accept header that allows it.");
		}
	}

	private IntelReader reader(Authentication authentication) {
		var user = user(authentication);
		Function<ApiScope, Boolean> has = scope -> authentication.getAuthorities().stream()
			.anyMatch(a -> a.getAuthority().equals(scope.authority()));
		return new IntelReader(user.id(), user.organisationId(), user.organisationType(), user.roles(),
				directory.groupsOf(user.organisationId()), has.apply(ApiScope.INTEL_READ), has.apply(ApiScope.INTEL_WRITE));
	}

	private static KakehashiUser user(Authentication authentication) {
		return (KakehashiUser) authentication.getPrincipal();
	}

	private static Map<String, Object> collection(CollectionAccess access) {
		IntelCollection c = access.collection();
		var body = new LinkedHashMap<String, Object>();
		body.put("id", c.id().toString());
		body.put("title", c.title());
		if (c.description() != null) {
			body.put("description", c.description());
		}
		if (c.alias() != null) {
			body.put("alias", c.alias());
		}
		body.put("can_read", access.canRead());
		body.put("can_write", access.canWrite());
		body.put("media_types", c.mediaTypes());
		return body;
	}

	private static Map<String, Object> status(AddStatus status) {
		var body = new LinkedHashMap<String, Object>();
		body.put("id", status.id().toString());
		body.put("status", status.status());
		body.put("request_timestamp", StixTime.format(status.requestTimestamp()));
		body.put("total_count", status.totalCount());
		body.put("success_count", status.successes().size());
		if (!status.successes().isEmpty()) {
			body.put("successes", status.successes());
		}
		body.put("failure_count", status.failures().size());
		if (!status.failures().isEmpty()) {
			body.put("failures", status.failures());
		}
		body.put("pending_count", status.pendings().size());
		if (!status.pendings().isEmpty()) {
			body.put("pendings", status.pendings());
		}
		return body;
	}
}
