package io.concierge.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id, taken from {@code X-Request-Id} when a proxy sent a sane
 * one, puts it in every log line of the request and returns it to the caller.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Request-Id";

	static final String MDC_KEY = "requestId";

	private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String id = idOf(request);
		request.setAttribute(MDC_KEY, id);
		MDC.put(MDC_KEY, id);
		response.setHeader(HEADER, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
	}

	private static String idOf(HttpServletRequest request) {
		if (request.getAttribute(MDC_KEY) instanceof String earlier) {
			return earlier;
		}
		String given = request.getHeader(HEADER);
		return (given != null && SANE.matcher(given).matches()) ? given : UUID.randomUUID().toString();
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

}
