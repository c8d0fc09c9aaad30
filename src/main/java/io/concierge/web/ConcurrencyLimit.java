package io.concierge.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads (GET and HEAD) are worked on a few at a time, and the rest wait in the order they
 * came. Every request runs on a virtual thread, so without a limit all of them shared the
 * cores and the database connections at once: under a burst a request could wait behind
 * ones that came later, and the slowest took ten times the median. Requests with a body
 * are left alone, so a slow upload cannot hold a place; an event stream holds one only
 * while it opens. A read that waits longer than the patience is answered 503.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ConcurrencyLimit extends OncePerRequestFilter {

	static final Duration PATIENCE = Duration.ofSeconds(10);

	private final Semaphore places;

	ConcurrencyLimit(@Value("${concierge.web.concurrent-reads:16}") int places) {
		this.places = new Semaphore(places, true);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean placed;
		try {
			placed = this.places.tryAcquire(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			placed = false;
		}
		if (!placed) {
			response.setHeader("Retry-After", "1");
			response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.places.release();
		}
	}

}
