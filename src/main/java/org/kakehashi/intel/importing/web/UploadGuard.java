package org.kakehashi.intel.importing.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.kakehashi.intel.importing.ImportProperties;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The servlet's multipart maximum is as large as a STIX bundle may be (kakehashi.intel.import.max-upload-size), so
 * this filter keeps it to the import endpoints: anywhere else a multipart body over {@link #OTHER_UPLOADS} (or of
 * unknown length) is refused before anything reads it, and a large body for the web import form must come from a
 * signed-in session (the CSRF check reads form fields, which would otherwise spool an anonymous body to disk).
 * Runs after the session filter and before Spring Security.
 */
@Component
@Order(-101)
class UploadGuard extends OncePerRequestFilter {

	/** The limit every other upload had before bundle imports: 32 MB. */
	static final long OTHER_UPLOADS = 32L * 1024 * 1024;
	static final String API_PATH = "/api/v1/intel/imports";
	static final String WEB_PATH = "/intel/imports";

	private final ImportProperties properties;

	UploadGuard(ImportProperties properties) {
		this.properties = properties;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		var type = request.getContentType();
		return type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var path = request.getRequestURI().substring(request.getContextPath().length());
		long length = request.getContentLengthLong();
		boolean api = path.equals(API_PATH);
		boolean web = path.equals(WEB_PATH);
		if (!api && !web) {
			if (length < 0) {
				refuse(response, 411, "Length Required", "File uploads must state their Content-Length.");
				return;
			}
			if (length > OTHER_UPLOADS) {
				refuse(response, 413, "Content Too Large", "Uploads here are limited to " + OTHER_UPLOADS + " bytes.");
				return;
			}
		} else {
			long max = properties.maxUploadSize().toBytes();
			if (length > max) {
				refuse(response, 413, "Content Too Large", "Imports are limited to " + max + " bytes.");
				return;
			}
			if (web && (length < 0 || length > OTHER_UPLOADS) && !signedIn(request)) {
				refuse(response, 401, "Unauthorized", "Sign in before uploading a large file.");
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private static boolean signedIn(HttpServletRequest request) {
		var session = request.getSession(false);
		if (session == null) {
			return false;
		}
		var context = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		return context instanceof SecurityContext security && security.getAuthentication() != null
				&& security.getAuthentication().isAuthenticated();
	}

	private static void refuse(HttpServletResponse response, int status, String title, String detail) throws IOException {
		response.setStatus(status);
		response.setHeader("Connection", "close");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
				+ ",\"detail\":\"" + detail + "\",\"errors\":[{\"field\":\"file\",\"message\":\"" + title + "\"}]}");
	}
}
