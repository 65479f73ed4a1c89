package org.kakehashi.identity.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.kakehashi.identity.KakehashiUser;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/** Turns a half-finished sign-in into a complete one, or ends it, in the session the browser holds. */
@Component
public class SignInSessions {

	private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();

	public void complete(KakehashiUser user, HttpServletRequest request, HttpServletResponse response) {
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(SignInState.complete(user));
		SecurityContextHolder.setContext(context);
		// A new session id at every privilege change defeats session fixation.
		request.getSession();
		request.changeSessionId();
		repository.saveContext(context, request, response);
	}

	public void signOut(HttpServletRequest request) {
		SecurityContextHolder.clearContext();
		var session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
	}
}
