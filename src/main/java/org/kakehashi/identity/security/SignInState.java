package org.kakehashi.identity.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.kakehashi.identity.KakehashiUser;
import org.kakehashi.identity.Role;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Where a sign-in stands. Only a complete sign-in carries {@link #COMPLETE} and the user's roles; after
 * the password alone a session holds just {@link #SECOND_FACTOR_PENDING} (or {@link #ENROLMENT_REQUIRED}
 * when a second factor is mandatory but not yet set up), which opens nothing but the next step.
 */
public final class SignInState {

	public static final String COMPLETE = "SIGNED_IN";
	public static final String SECOND_FACTOR_PENDING = "SECOND_FACTOR_PENDING";
	public static final String ENROLMENT_REQUIRED = "SECOND_FACTOR_ENROLMENT_REQUIRED";

	private SignInState() {
	}

	public static Authentication complete(KakehashiUser user) {
		return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities(user));
	}

	public static Authentication partial(KakehashiUser user, String state) {
		return UsernamePasswordAuthenticationToken.authenticated(user, null, List.of(new SimpleGrantedAuthority(state)));
	}

	public static Collection<GrantedAuthority> authorities(KakehashiUser user) {
		var authorities = new ArrayList<GrantedAuthority>();
		authorities.add(new SimpleGrantedAuthority(COMPLETE));
		user.roles().stream().map(Role::authority).map(SimpleGrantedAuthority::new).forEach(authorities::add);
		return authorities;
	}

	public static boolean is(Authentication authentication, String state) {
		return authentication != null
				&& authentication.getAuthorities().stream().anyMatch(a -> state.equals(a.getAuthority()));
	}
}
