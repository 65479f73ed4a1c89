package org.kakehashi.identity.security;

import java.io.Serial;
import java.util.Collection;
import java.util.Map;

import org.kakehashi.identity.KakehashiUser;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The provider's user together with the Kakehashi user it was mapped to. Lives only for the duration of the
 * callback request: the success handler replaces it with a plain {@link SignInState#complete} sign-in.
 */
record MappedOidcUser(OidcUser oidc, KakehashiUser user) implements OidcUser {

	@Serial
	private static final long serialVersionUID = 1L;

	@Override
	public Map<String, Object> getClaims() {
		return oidc.getClaims();
	}

	@Override
	public OidcUserInfo getUserInfo() {
		return oidc.getUserInfo();
	}

	@Override
	public OidcIdToken getIdToken() {
		return oidc.getIdToken();
	}

	@Override
	public Map<String, Object> getAttributes() {
		return oidc.getAttributes();
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return SignInState.authorities(user);
	}

	@Override
	public String getName() {
		return user.getName();
	}
}
