package io.concierge.orders.web;

import java.security.Principal;
import java.time.ZoneOffset;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.concierge.identity.Callers;
import io.concierge.orders.OrderDetails;
import io.concierge.orders.OrderFilter;
import io.concierge.orders.OrderPage;
import io.concierge.orders.OrderQueries;
import io.concierge.shared.NotFound;

/**
 * The signed-in customer's orders as JSON, with the list page's filters. Dates are days
 * in UTC.
 */
@RestController
class OrdersApi {

	private final OrderQueries queries;

	private final Callers callers;

	OrdersApi(OrderQueries queries, Callers callers) {
		this.queries = queries;
		this.callers = callers;
	}

	/**
	 * A filter that cannot be read.
	 */
	static class BadFilter extends RuntimeException {

		BadFilter(String message) {
			super(message);
		}

	}

	@GetMapping("/api/orders")
	@Operation(summary = "The caller's orders, filtered and paged",
			description = "Parameters: q (order or PO number, product name or SKU), status, channel, from and to "
					+ "(days in UTC, YYYY-MM-DD), sort (NEWEST, OLDEST, TOTAL_HIGH, TOTAL_LOW), after (the previous "
					+ "page's next), size (1 to 100).",
			security = @SecurityRequirement(name = "session"))
	OrderPage list(@RequestParam Map<String, String> parameters, Principal principal) {
		SearchParameters search = SearchParameters.of(parameters);
		if (!search.invalid().isEmpty()) {
			throw new BadFilter("These parameters cannot be read: " + String.join(", ", search.invalid())
					+ ". Dates are YYYY-MM-DD, status, channel and sort are the names the API lists.");
		}
		int size;
		try {
			size = Integer.parseInt(parameters.getOrDefault("size", "25"));
		}
		catch (NumberFormatException ex) {
			throw new BadFilter("size is a number from 1 to " + OrderFilter.MAX_SIZE + ".");
		}
		if (size < 1 || size > OrderFilter.MAX_SIZE) {
			throw new BadFilter("size is a number from 1 to " + OrderFilter.MAX_SIZE + ".");
		}
		return this.queries.list(this.callers.of(principal), search.filter(size), ZoneOffset.UTC);
	}

	@GetMapping("/api/orders/{number}")
	@Operation(summary = "One of the caller's orders", security = @SecurityRequirement(name = "session"))
	OrderDetails order(@PathVariable String number, Principal principal) {
		return this.queries.find(this.callers.of(principal), number).orElseThrow(() -> new NotFound("order " + number));
	}

	@ExceptionHandler(BadFilter.class)
	ProblemDetail badFilter(BadFilter ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler(NotFound.class)
	ProblemDetail notFound(NotFound ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "You have no order with this number.");
	}

}
