package io.concierge.orders.web;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.concierge.identity.RateLimits;
import io.concierge.orders.OrderQueries;

/**
 * "Where is my order?" without signing in: the order number and the email address or
 * delivery postal code show where the order is, nothing more. Limited per address, so
 * order numbers cannot be tried out.
 */
@Controller
class GuestTrackingController {

	static final Duration WINDOW = Duration.ofMinutes(15);

	private final OrderQueries queries;

	private final RateLimits limits;

	/** Lookups per address in the window; 10 unless a benchmark needs more. */
	private final int tries;

	GuestTrackingController(OrderQueries queries, RateLimits limits,
			@Value("${concierge.orders.guest-tracking.tries:10}") int tries) {
		this.queries = queries;
		this.limits = limits;
		this.tries = tries;
	}

	@GetMapping("/track")
	String form() {
		return "orders/track";
	}

	@PostMapping("/track")
	String track(@RequestParam(defaultValue = "") String number, @RequestParam(defaultValue = "") String proof,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		model.addAttribute("number", number);
		if (!this.limits.tryAcquire("track:" + request.getRemoteAddr(), this.tries, WINDOW)) {
			response.setStatus(429);
			response.setHeader("Retry-After", String.valueOf(WINDOW.toSeconds()));
			model.addAttribute("problem", "track.tooMany");
			return "orders/track";
		}
		if (number.length() > 40 || proof.length() > 254) {
			model.addAttribute("problem", "track.notFound");
			return "orders/track";
		}
		this.queries.guest(number, proof)
			.ifPresentOrElse((order) -> model.addAttribute("order", order),
					() -> model.addAttribute("problem", "track.notFound"));
		return "orders/track";
	}

}
