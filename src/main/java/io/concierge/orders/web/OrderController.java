package io.concierge.orders.web;

import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import io.concierge.orders.Channel;
import io.concierge.orders.OrderFilter;
import io.concierge.orders.OrderQueries;
import io.concierge.orders.OrderStatus;
import io.concierge.shared.NotFound;
import io.concierge.identity.Callers;

/**
 * The customer's orders: a list that filters as one types, and each order's page.
 */
@Controller
class OrderController {

	static final int PAGE_SIZE = 25;

	private final OrderQueries queries;

	private final Callers callers;

	OrderController(OrderQueries queries, Callers callers) {
		this.queries = queries;
		this.callers = callers;
	}

	/**
	 * The filters as the URL holds them.
	 */
	record Search(@Nullable String q, @Nullable OrderStatus status, @Nullable Channel channel, @Nullable LocalDate from,
			@Nullable LocalDate to, OrderFilter.Sort sort, @Nullable String after) {

		OrderFilter filter() {
			return new OrderFilter(this.q, this.status, this.channel, this.from, this.to, this.sort, this.after,
					PAGE_SIZE);
		}

		boolean filtered() {
			return this.q != null && !this.q.isBlank() || this.status != null || this.channel != null
					|| this.from != null || this.to != null;
		}

	}

	@GetMapping("/orders")
	String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String status,
			@RequestParam(defaultValue = "") String channel, @RequestParam(defaultValue = "") String from,
			@RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "") String sort,
			@RequestParam(defaultValue = "") String after, Principal principal, ZoneId zone,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		// a value that cannot be read is named on the page and left out of the search
		List<String> invalid = new ArrayList<>();
		LocalDate fromDay = parse("from", from, LocalDate::parse, invalid);
		LocalDate toDay = parse("to", to, LocalDate::parse, invalid);
		if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
			invalid.add("to");
			toDay = null;
		}
		String cursor = parse("after", after, (value) -> {
			OrderFilter.Cursor.parse(value);
			return value;
		}, invalid);
		String text = (q.length() > 200) ? q.substring(0, 200) : q;
		Search search = new Search(text.isBlank() ? null : text, parse("status", status, OrderStatus::valueOf, invalid),
				parse("channel", channel, Channel::valueOf, invalid), fromDay, toDay,
				(parse("sort", sort, OrderFilter.Sort::valueOf, invalid) instanceof OrderFilter.Sort chosen) ? chosen
						: OrderFilter.Sort.NEWEST,
				cursor);
		model.addAttribute("search", search);
		model.addAttribute("invalid", invalid);
		model.addAttribute("filtered", search.filtered());
		model.addAttribute("page", this.queries.list(this.callers.of(principal), search.filter(), zone));
		model.addAttribute("statuses", OrderStatus.values());
		model.addAttribute("channels", Channel.values());
		model.addAttribute("sorts", OrderFilter.Sort.values());
		return (htmx != null) ? "orders/list :: results" : "orders/list";
	}

	@GetMapping("/orders/{number}")
	String detail(@PathVariable String number, Principal principal, Model model) {
		model.addAttribute("order", this.queries.find(this.callers.of(principal), number)
			.orElseThrow(() -> new NotFound("order " + number)));
		return "orders/detail";
	}

	private static <T> @Nullable T parse(String name, String value, Function<String, T> parser, List<String> invalid) {
		if (value.isBlank()) {
			return null;
		}
		try {
			return parser.apply(value.strip());
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			invalid.add(name);
			return null;
		}
	}

}
