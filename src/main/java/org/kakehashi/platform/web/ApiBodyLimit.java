package org.kakehashi.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * JSON bodies on {@code /api/} are capped (1 MiB); larger ones are refused before they are read. File
 * uploads (multipart: report attachments, STIX bundles) have their own limits.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiBodyLimit extends OncePerRequestFilter {

	static final long MAX_JSON_BYTES = 1024 * 1024;

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// File uploads (multipart) have their own limits: the servlet's multipart maximum and each module's.
		var type = request.getContentType();
		return !request.getRequestURI().startsWith("/api/") || type != null && type.toLowerCase().startsWith("multipart/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > MAX_JSON_BYTES) {
			response.setStatus(413);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			response.getWriter().write("""
					{"type":"about:blank","title":"Content Too Large","status":413,\
					"detail":"Request bodies on this API are limited to %d bytes.","errors":[{"field":"body","message":"too large"}]}"""
				.formatted(MAX_JSON_BYTES));
			return;
		}
		chain.doFilter(request, response);
	}
}
