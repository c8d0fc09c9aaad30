package io.concierge.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.concierge.identity.ApiKeys.ApiClient;
import io.concierge.identity.SecurityEvents;
import io.concierge.identity.SecurityEvents.Kind;

/**
 * Audits the refusals the web layer makes ({@link SecurityEvents}): the security chains'
 * {@code 403}s, {@code 404}s for what is not found or not the caller's, and every
 * {@code 429}, whichever limit answered it (the API's, sign-in's, guest tracking's, an
 * intake channel's backlog). The last are seen here, around every request: the answer's
 * status is watched, and whoever was signed in when it was set is the actor.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RefusalAuditing extends OncePerRequestFilter {

	private static final int TOO_MANY_REQUESTS = 429;

	private final SecurityEvents events;

	RefusalAuditing(SecurityEvents events) {
		this.events = events;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Watched watched = new Watched(response);
		chain.doFilter(request, watched);
		if (watched.limited != null) {
			this.events.record(Kind.RATE_LIMITED, watched.limited, target(request), request.getRemoteAddr());
		}
	}

	/**
	 * The security chain refused the caller ({@code 403}).
	 */
	void denied(HttpServletRequest request) {
		this.events.record(Kind.ACCESS_DENIED, actor(), target(request), request.getRemoteAddr());
	}

	/**
	 * Something asked for was not found, or is someone else's.
	 */
	void notFound(HttpServletRequest request, @Nullable String what) {
		this.events.record(Kind.NOT_FOUND, actor(), target(request) + ((what != null) ? ": " + what : ""),
				request.getRemoteAddr());
	}

	/**
	 * Who the request acts for now: a person's email address, an API client's name, or
	 * {@code anonymous}.
	 */
	static String actor() {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		if (caller == null || caller instanceof AnonymousAuthenticationToken) {
			return "anonymous";
		}
		if (caller.getPrincipal() instanceof ApiClient client) {
			return client.name();
		}
		return caller.getName();
	}

	/**
	 * The method and path asked for; not the query, which may carry tokens.
	 */
	static String target(HttpServletRequest request) {
		return request.getMethod() + " " + request.getRequestURI();
	}

	/**
	 * The client id a token request names, in its Basic credentials or its form;
	 * {@code anonymous} when it names none.
	 */
	static String claimedClient(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()),
						StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				if (colon > 0) {
					return decoded.substring(0, colon);
				}
			}
			catch (IllegalArgumentException notBase64) {
				return "anonymous";
			}
		}
		String id = request.getParameter("client_id");
		return (id != null && !id.isBlank()) ? id : "anonymous";
	}

	/**
	 * Notes who was answered {@code 429}, while they are still known.
	 */
	private static final class Watched extends HttpServletResponseWrapper {

		private @Nullable String limited;

		Watched(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void setStatus(int status) {
			watch(status);
			super.setStatus(status);
		}

		@Override
		public void sendError(int status) throws IOException {
			watch(status);
			super.sendError(status);
		}

		@Override
		public void sendError(int status, String message) throws IOException {
			watch(status);
			super.sendError(status, message);
		}

		private void watch(int status) {
			if (status == TOO_MANY_REQUESTS && this.limited == null) {
				this.limited = actor();
			}
		}

	}

}
