package io.concierge.web;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import io.concierge.identity.ApiKeys;
import io.concierge.identity.ApiKeys.ApiClient;

/**
 * Integration clients call the API with {@code Authorization: Bearer ck_…}. A valid key
 * signs the request in as its client, with one {@code SCOPE_} authority per scope; an
 * unknown or revoked one is refused at once with 401, and counted against the address it
 * came from ({@link WrongCredentialsThrottle}).
 */
class ApiKeyAuthentication extends OncePerRequestFilter {

	private static final String PREFIX = "Bearer ck_";

	/** Requests that carry a key: a browser never adds this header by itself. */
	static final RequestMatcher WITH_KEY = (request) -> {
		String header = request.getHeader("Authorization");
		return header != null && header.startsWith(PREFIX);
	};

	private final ApiKeys keys;

	private final ProblemResponses problems;

	private final ApiRateLimits limits;

	ApiKeyAuthentication(ApiKeys keys, ProblemResponses problems, ApiRateLimits limits) {
		this.keys = keys;
		this.problems = problems;
		this.limits = limits;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!WITH_KEY.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		String key = request.getHeader("Authorization").substring("Bearer ".length()).strip();
		Optional<ApiClient> client = this.keys.authenticate(key);
		if (client.isEmpty()) {
			this.limits.failed(request, "api-key", "anonymous");
			this.problems.unauthorized(request, response, new BadCredentialsException("Unknown or revoked API key"));
			return;
		}
		List<SimpleGrantedAuthority> authorities = client.get()
			.scopes()
			.stream()
			.map((scope) -> new SimpleGrantedAuthority("SCOPE_" + scope))
			.toList();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new PreAuthenticatedAuthenticationToken(client.get(), null, authorities));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
