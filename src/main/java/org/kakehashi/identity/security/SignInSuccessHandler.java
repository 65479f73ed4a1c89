package org.kakehashi.identity.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/** After the password: on to the second factor, to mandatory enrolment, or to where the user was going. */
class SignInSuccessHandler extends SavedRequestAwareAuthenticationSuccessHandler {

	SignInSuccessHandler() {
		setDefaultTargetUrl("/");
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws ServletException, IOException {
		if (SignInState.is(authentication, SignInState.SECOND_FACTOR_PENDING)) {
			getRedirectStrategy().sendRedirect(request, response, "/login/second-factor");
		} else if (SignInState.is(authentication, SignInState.ENROLMENT_REQUIRED)) {
			getRedirectStrategy().sendRedirect(request, response, "/account/second-factor/enrol");
		} else {
			super.onAuthenticationSuccess(request, response, authentication);
		}
	}
}
