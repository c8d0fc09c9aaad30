package io.concierge.orders.web;

import java.security.Principal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.orders.Channel;
import io.concierge.orders.OrderFilter;
import io.concierge.orders.OrderQueries;
import io.concierge.orders.OrderSelfService;
import io.concierge.orders.OrderStatus;
import io.concierge.shared.NotFound;
import io.concierge.shared.StatusChecked;

/**
 * The customer's orders: a list that filters as one types, and each order's page.
 */
@Controller
class OrderController {

	static final int PAGE_SIZE = 25;

	private final OrderQueries queries;

	private final OrderSelfService changes;

	private final Callers callers;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	OrderController(OrderQueries queries, OrderSelfService changes, Callers callers, ApplicationEventPublisher events,
			Clock clock) {
		this.queries = queries;
		this.changes = changes;
		this.callers = callers;
		this.events = events;
		this.clock = clock;
	}

	@GetMapping("/orders")
	String list(@RequestParam Map<String, String> parameters, Principal principal, ZoneId zone,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		SearchParameters search = SearchParameters.of(parameters);
		model.addAttribute("search", search);
		model.addAttribute("invalid", search.invalid());
		model.addAttribute("filtered", search.filtered());
		model.addAttribute("page", this.queries.list(this.callers.of(principal), search.filter(PAGE_SIZE), zone));
		model.addAttribute("statuses", OrderStatus.values());
		model.addAttribute("channels", Channel.values());
		model.addAttribute("sorts", OrderFilter.Sort.values());
		return (htmx != null) ? "orders/list :: results" : "orders/list";
	}

	/**
	 * The order's page; its live part alone for htmx when the order changed.
	 */
	@GetMapping("/orders/{number}")
	String detail(@PathVariable String number, Principal principal,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		OrderSelfService.OrderView view = this.changes.view(this.callers.of(principal), number)
			.orElseThrow(() -> new NotFound("order " + number));
		if (htmx == null) { // a look at where the order is (analytics); not its live
							// updates
			this.events.publishEvent(new StatusChecked(number, this.callers.of(principal).account(),
					StatusChecked.Channel.PORTAL, this.clock.instant()));
		}
		model.addAttribute("order", view.order());
		model.addAttribute("options", view.options());
		return (htmx != null) ? "orders/detail :: live" : "orders/detail";
	}

}
