package io.concierge.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import io.concierge.identity.RateLimits.Verdict;

/**
 * An address that presented too many wrong API keys, tokens or client secrets lately
 * waits, with {@code 429} and {@code Retry-After}, before any more of its credentials are
 * looked at: a right one too, or guessing would go on.
 */
class WrongCredentialsThrottle extends OncePerRequestFilter {

	private final RequestMatcher withCredentials;

	private final ApiRateLimits limits;

	private final ProblemResponses problems;

	/**
	 * @param withCredentials the requests that present credentials
	 */
	WrongCredentialsThrottle(RequestMatcher withCredentials, ApiRateLimits limits, ProblemResponses problems) {
		this.withCredentials = withCredentials;
		this.limits = limits;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.withCredentials.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Verdict verdict = this.limits.credentials(request);
		if (!verdict.allowed()) {
			this.problems.tooManyRequests(request, response, verdict.retryAfter(),
					"Too many wrong keys or tokens came from your address. Try again after the time in Retry-After.");
			return;
		}
		chain.doFilter(request, response);
	}

}
