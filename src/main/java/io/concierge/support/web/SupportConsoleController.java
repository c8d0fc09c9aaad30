package io.concierge.support.web;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.billing.Billing;
import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.identity.Role;
import io.concierge.orders.OrderDetails;
import io.concierge.orders.OrderManagement;
import io.concierge.shared.NotFound;
import io.concierge.shared.StatusChecked;
import io.concierge.support.Deflection;
import io.concierge.support.InvalidTicket;
import io.concierge.support.SupportMeasures;
import io.concierge.support.SupportQueue;
import io.concierge.support.SupportQueue.Filter;
import io.concierge.support.Ticket;
import io.concierge.support.TicketCategory;
import io.concierge.support.Tickets;

/**
 * The agents' console: the queue with its filters and saved views, a ticket with its
 * customer's orders, parcels and invoices beside it, answering (with canned replies),
 * notes, assignment, solving and merging; and who else has the ticket open, live.
 */
@Controller
class SupportConsoleController {

	private final Tickets tickets;

	private final SupportQueue queue;

	private final SupportMeasures measures;

	private final Deflection deflection;

	private final Accounts accounts;

	private final Callers callers;

	private final OrderManagement orders;

	private final Billing billing;

	private final TicketViewers viewers;

	private final MessageSource messages;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	SupportConsoleController(Tickets tickets, SupportQueue queue, SupportMeasures measures, Deflection deflection,
			Accounts accounts, Callers callers, OrderManagement orders, Billing billing, TicketViewers viewers,
			MessageSource messages, Clock clock, ApplicationEventPublisher events) {
		this.tickets = tickets;
		this.queue = queue;
		this.measures = measures;
		this.deflection = deflection;
		this.accounts = accounts;
		this.callers = callers;
		this.orders = orders;
		this.billing = billing;
		this.viewers = viewers;
		this.messages = messages;
		this.clock = clock;
		this.events = events;
	}

	@GetMapping("/support")
	String queue(@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable TicketCategory category,
			@RequestParam(required = false) @Nullable String assignee,
			@RequestParam(defaultValue = "false") boolean breached,
			@RequestParam(required = false) @Nullable String text, Principal principal, Model model) {
		UUID agent = this.callers.of(principal).account();
		Filter filter = new Filter(status, category, assignee, breached, text);
		model.addAttribute("filter", filter);
		model.addAttribute("tickets", this.queue.list(agent, filter));
		model.addAttribute("views", this.queue.views(agent));
		model.addAttribute("categories", TicketCategory.values());
		model.addAttribute("statuses", List.of("ACTIVE", "NEW", "OPEN", "WAITING", "SOLVED", "CLOSED", "ALL"));
		Instant now = this.clock.instant();
		model.addAttribute("measures", this.measures.over(now.minus(Duration.ofDays(30)), now));
		model.addAttribute("deflection", this.deflection.rate(now.minus(Duration.ofDays(30)), now));
		model.addAttribute("names", agentNames());
		return "support/console";
	}

	@PostMapping("/support/views")
	String saveView(@RequestParam String name, @RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable TicketCategory category,
			@RequestParam(required = false) @Nullable String assignee,
			@RequestParam(defaultValue = "false") boolean breached,
			@RequestParam(required = false) @Nullable String text, Principal principal, Locale locale,
			RedirectAttributes redirect) {
		Filter filter = new Filter(status, category, assignee, breached, text);
		try {
			this.queue.saveView(this.callers.of(principal).account(), name, filter);
		}
		catch (InvalidTicket ex) {
			redirect.addFlashAttribute("error", this.messages.getMessage("support.refused.view", null, locale));
		}
		return "redirect:/support?" + filter.query();
	}

	@GetMapping("/support/tickets/{number}")
	String ticket(@PathVariable String number, Principal principal, HttpServletRequest request, Model model) {
		Ticket.Thread thread = this.tickets.threadForAgent(number).orElseThrow(() -> new NotFound("ticket " + number));
		Ticket ticket = thread.ticket();
		if (ticket.orderNumber() != null) { // an agent checks where the order is
											// (analytics)
			this.events.publishEvent(new StatusChecked(ticket.orderNumber(), ticket.account(),
					StatusChecked.Channel.AGENT, this.clock.instant()));
		}
		this.tickets.viewed(this.callers.of(principal).account(), principal.getName(), ticket, request.getRemoteAddr());
		model.addAttribute("thread", thread);
		model.addAttribute("customer", this.accounts.find(ticket.account()).orElse(null));
		model.addAttribute("agents", this.accounts.withRole(Role.AGENT));
		model.addAttribute("names", agentNames());
		model.addAttribute("canned", this.queue.cannedReplies());
		// what the customer sees, read in their scope: the ticket is the agent's reason
		Caller customer = this.callers.of((Principal) ticket::email);
		List<String> numbers = new ArrayList<>();
		if (ticket.orderNumber() != null) {
			numbers.add(ticket.orderNumber());
		}
		this.orders.newest(customer.account(), customer.organisation(), 5)
			.stream()
			.filter((order) -> !numbers.contains(order))
			.forEach(numbers::add);
		List<OrderDetails> orders = numbers.stream().map(this.orders::details).toList();
		model.addAttribute("orders", orders);
		model.addAttribute("invoices",
				(ticket.orderNumber() != null) ? this.billing.ofOrder(customer, ticket.orderNumber()) : List.of());
		return "support/console-ticket";
	}

	@GetMapping(path = "/support/tickets/{number}/viewers", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@ResponseBody
	SseEmitter viewers(@PathVariable String number, Principal principal) {
		AccountView agent = agent(principal);
		return this.viewers.join(number, agent.displayName());
	}

	/**
	 * A canned reply with its placeholders filled in for this ticket, into the answer's
	 * text box.
	 */
	@GetMapping("/support/tickets/{number}/canned")
	String canned(@PathVariable String number, @RequestParam UUID reply, Principal principal, Model model) {
		Ticket ticket = this.tickets.threadForAgent(number)
			.orElseThrow(() -> new NotFound("ticket " + number))
			.ticket();
		SupportQueue.CannedReply canned = this.queue.cannedReplies()
			.stream()
			.filter((candidate) -> candidate.id().equals(reply))
			.findFirst()
			.orElseThrow(() -> new NotFound("canned reply " + reply.toString()));
		AccountView customer = this.accounts.find(ticket.account()).orElseThrow();
		String text = canned.body()
			.replace("{customer.name}", customer.displayName())
			.replace("{order.number}", (ticket.orderNumber() != null) ? ticket.orderNumber() : "")
			.replace("{order.link}", (ticket.orderNumber() != null) ? "/orders/" + ticket.orderNumber() : "/orders")
			.replace("{ticket.number}", ticket.number())
			.replace("{agent.name}", agent(principal).displayName());
		model.addAttribute("text", text);
		return "support/console-ticket :: answer-text";
	}

	@PostMapping("/support/tickets/{number}/answer")
	String answer(@PathVariable String number, @RequestParam String body,
			@RequestParam(defaultValue = "false") boolean solve, Principal principal, Locale locale,
			RedirectAttributes redirect) {
		try {
			this.tickets.answer(agent(principal), number, body, solve);
			redirect.addFlashAttribute("notice", solve ? "support.console.solvedNotice" : "support.console.sent");
		}
		catch (InvalidTicket ex) {
			refused(ex, locale, redirect);
		}
		return "redirect:/support/tickets/" + number;
	}

	@PostMapping("/support/tickets/{number}/note")
	String note(@PathVariable String number, @RequestParam String body, Principal principal, Locale locale,
			RedirectAttributes redirect) {
		try {
			this.tickets.note(agent(principal), number, body);
			redirect.addFlashAttribute("notice", "support.console.noted");
		}
		catch (InvalidTicket ex) {
			refused(ex, locale, redirect);
		}
		return "redirect:/support/tickets/" + number;
	}

	@PostMapping("/support/tickets/{number}/assign")
	String assign(@PathVariable String number, @RequestParam(required = false) @Nullable UUID agent,
			Principal principal, Locale locale, RedirectAttributes redirect) {
		try {
			this.tickets.assign(this.callers.of(principal).account(), number, agent);
			redirect.addFlashAttribute("notice", "support.console.assigned");
		}
		catch (InvalidTicket ex) {
			refused(ex, locale, redirect);
		}
		return "redirect:/support/tickets/" + number;
	}

	@PostMapping("/support/tickets/{number}/solve")
	String solve(@PathVariable String number, Principal principal, RedirectAttributes redirect) {
		this.tickets.solve(this.callers.of(principal).account(), number);
		redirect.addFlashAttribute("notice", "support.console.solvedNotice");
		return "redirect:/support/tickets/" + number;
	}

	@PostMapping("/support/tickets/{number}/merge")
	String merge(@PathVariable String number, @RequestParam String into, Principal principal, Locale locale,
			RedirectAttributes redirect) {
		try {
			this.tickets.merge(this.callers.of(principal).account(), number, into.strip());
			redirect.addFlashAttribute("notice", "support.console.merged");
			return "redirect:/support/tickets/" + into.strip();
		}
		catch (InvalidTicket ex) {
			refused(ex, locale, redirect);
			return "redirect:/support/tickets/" + number;
		}
	}

	private void refused(InvalidTicket ex, Locale locale, RedirectAttributes redirect) {
		redirect.addFlashAttribute("error", this.messages.getMessage("support.refused." + ex.reason(), null, locale));
	}

	private AccountView agent(Principal principal) {
		return this.accounts.find(this.callers.of(principal).account()).orElseThrow();
	}

	private java.util.Map<UUID, String> agentNames() {
		java.util.Map<UUID, String> names = new java.util.HashMap<>();
		for (Role role : List.of(Role.AGENT, Role.OPERATIONS, Role.ADMINISTRATOR)) {
			this.accounts.withRole(role).forEach((account) -> names.put(account.id(), account.displayName()));
		}
		return names;
	}

}
