package org.kakehashi.identity.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;

/**
 * Holds the options of a passkey registration between its two requests. Spring Security keeps them in the
 * HTTP session, but {@link PublicKeyCredentialCreationOptions} is not serialisable and our sessions live in
 * PostgreSQL, so they are kept here in memory, per session id, for a few minutes. Limitation: with several
 * nodes, the two requests of one registration must reach the same node (sticky sessions); see the report.
 */
class PendingPasskeyRegistrations implements PublicKeyCredentialCreationOptionsRepository {

	private static final Duration VALIDITY = Duration.ofMinutes(5);
	private static final int MAX_PENDING = 10_000;

	private final Clock clock;
	private final Map<String, Pending> pending = new LinkedHashMap<>() {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
			return size() > MAX_PENDING;
		}
	};

	PendingPasskeyRegistrations(Clock clock) {
		this.clock = clock;
	}

	private record Pending(PublicKeyCredentialCreationOptions options, Instant expires) {
	}

	@Override
	public synchronized void save(HttpServletRequest request, HttpServletResponse response,
			@Nullable PublicKeyCredentialCreationOptions options) {
		var id = request.getSession().getId();
		if (options == null) {
			pending.remove(id);
		} else {
			pending.put(id, new Pending(options, Instant.now(clock).plus(VALIDITY)));
		}
	}

	@Override
	public synchronized @Nullable PublicKeyCredentialCreationOptions load(HttpServletRequest request) {
		var session = request.getSession(false);
		if (session == null) {
			return null;
		}
		var found = pending.get(session.getId());
		if (found == null || found.expires().isBefore(Instant.now(clock))) {
			pending.remove(session.getId());
			return null;
		}
		return found.options();
	}
}
