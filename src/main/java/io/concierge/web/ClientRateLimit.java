package io.concierge.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import io.concierge.identity.ApiKeys.ApiClient;
import io.concierge.identity.RateLimits.Verdict;

/**
 * Counts each request of an API key or OAuth client, once it is known who calls, and
 * answers {@code 429} with {@code Retry-After} beyond the client's limit. Runs before the
 * authorisation, so a refused request costs nothing more.
 */
class ClientRateLimit extends OncePerRequestFilter {

	private final ApiRateLimits limits;

	private final ProblemResponses problems;

	ClientRateLimit(ApiRateLimits limits, ProblemResponses problems) {
		this.limits = limits;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		if (caller != null && caller.getPrincipal() instanceof ApiClient client) {
			Verdict verdict = this.limits.request(client);
			if (!verdict.allowed()) {
				this.problems.tooManyRequests(request, response, verdict.retryAfter(),
						"This key or client made more requests than it may in a minute. Try again after the time in Retry-After.");
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
