package io.concierge.support.web;

import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.documents.DocumentRefused;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.shared.NotFound;
import io.concierge.support.Deflection;
import io.concierge.support.InvalidTicket;
import io.concierge.support.Ticket;
import io.concierge.support.TicketCategory;
import io.concierge.support.Tickets;

/**
 * The customer's requests: the list, a new one (from an order, a line, a parcel, a return
 * or an invoice, or freely) with articles and the order's state suggested while the
 * subject is typed, the conversation, closing, reopening and the rating.
 */
@Controller
class TicketController {

	private final Tickets tickets;

	private final Deflection deflection;

	private final Callers callers;

	private final MessageSource messages;

	private final Clock clock;

	TicketController(Tickets tickets, Deflection deflection, Callers callers, MessageSource messages, Clock clock) {
		this.tickets = tickets;
		this.deflection = deflection;
		this.callers = callers;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping("/tickets")
	String list(Principal principal, Model model) {
		model.addAttribute("tickets", this.tickets.mine(this.callers.of(principal)));
		return "support/tickets";
	}

	/**
	 * The form.
	 * @param kind what it is about ({@code ORDER}, {@code LINE}, {@code PARCEL},
	 * {@code RETURN}, {@code INVOICE})
	 * @param about the order's or invoice's number
	 * @param ref the line number, tracking number or return number
	 */
	@GetMapping("/tickets/new")
	String form(@RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable String about,
			@RequestParam(required = false) @Nullable String ref,
			@RequestParam(required = false) @Nullable String assistant, HttpSession session, Model model) {
		model.addAttribute("form", new Form("", "", defaultCategory(kind), kind, about, ref, UUID.randomUUID()));
		model.addAttribute("categories", TicketCategory.values());
		model.addAttribute("transcript", (assistant != null) ? AssistantController.transcript(session) : List.of());
		return "support/new-ticket";
	}

	record Form(String subject, String body, TicketCategory category, @Nullable String kind, @Nullable String about,
			@Nullable String ref, UUID draft) {
	}

	/**
	 * Articles and the order's state for the subject typed so far (htmx, as it is typed).
	 */
	@PostMapping("/tickets/suggestions")
	String suggestions(@RequestParam String subject, @RequestParam UUID draft,
			@RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable String about, Principal principal, Locale locale, ZoneId zone,
			Model model) {
		String order = "INVOICE".equals(kind) ? null : about;
		model.addAttribute("suggestions",
				this.deflection.suggest(this.callers.of(principal), draft, subject, order, locale, zone));
		model.addAttribute("draft", draft);
		return "support/new-ticket :: suggestions";
	}

	@PostMapping("/tickets")
	String open(@RequestParam String subject, @RequestParam String body, @RequestParam TicketCategory category,
			@RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable String about,
			@RequestParam(required = false) @Nullable String ref, @RequestParam UUID draft,
			@RequestParam(required = false) @Nullable MultipartFile attachment,
			@RequestParam(defaultValue = "false") boolean withTranscript, HttpSession session, Principal principal,
			Locale locale, Model model, RedirectAttributes redirect) throws IOException {
		Caller caller = this.callers.of(principal);
		String text = body;
		if (withTranscript) {
			List<AssistantController.Turn> transcript = AssistantController.transcript(session);
			if (!transcript.isEmpty()) {
				String attached = "\n\n" + this.messages.getMessage("support.transcript.heading", null, locale) + "\n"
						+ String.join("\n", transcript.stream().map(AssistantController.Turn::line).toList());
				// the conversation fills what room the message leaves; the message itself
				// is
				// never cut
				int room = Math.max(0, 20_000 - body.strip().length());
				text = body.strip() + ((attached.length() <= room) ? attached : attached.substring(0, room));
			}
		}
		try {
			Ticket ticket = this.tickets.open(caller, new Tickets.NewTicket(subject, text, category, blank(kind),
					blank(about), blank(ref), draft, attachment(attachment)), "WEB");
			if (withTranscript) {
				session.removeAttribute(AssistantController.TRANSCRIPT);
			}
			redirect.addFlashAttribute("opened", ticket.number());
			return "redirect:/tickets/" + ticket.number();
		}
		catch (InvalidTicket | DocumentRefused ex) {
			model.addAttribute("error", reason(ex, locale));
			model.addAttribute("form", new Form(subject, body, category, kind, about, ref, draft));
			model.addAttribute("categories", TicketCategory.values());
			model.addAttribute("transcript", withTranscript ? AssistantController.transcript(session) : List.of());
			return "support/new-ticket";
		}
	}

	@GetMapping("/tickets/{number}")
	String ticket(@PathVariable String number, Principal principal, Model model) {
		Ticket.Thread thread = this.tickets.thread(this.callers.of(principal), number)
			.orElseThrow(() -> new NotFound("ticket " + number));
		model.addAttribute("thread", thread);
		model.addAttribute("reopenable", thread.ticket().reopenable(this.clock.instant()));
		return "support/ticket";
	}

	@PostMapping("/tickets/{number}/reply")
	String reply(@PathVariable String number, @RequestParam String body,
			@RequestParam(required = false) @Nullable MultipartFile attachment, Principal principal, Locale locale,
			RedirectAttributes redirect) throws IOException {
		try {
			this.tickets.reply(this.callers.of(principal), number, body, attachment(attachment));
			redirect.addFlashAttribute("notice", "support.ticket.sent");
		}
		catch (InvalidTicket | DocumentRefused ex) {
			redirect.addFlashAttribute("error", reason(ex, locale));
			redirect.addFlashAttribute("draftBody", body);
		}
		return "redirect:/tickets/" + number;
	}

	@PostMapping("/tickets/{number}/close")
	String close(@PathVariable String number, Principal principal, RedirectAttributes redirect) {
		this.tickets.close(this.callers.of(principal), number);
		redirect.addFlashAttribute("notice", "support.ticket.closedNotice");
		return "redirect:/tickets/" + number;
	}

	@PostMapping("/tickets/{number}/reopen")
	String reopen(@PathVariable String number, Principal principal, Locale locale, RedirectAttributes redirect) {
		try {
			this.tickets.reopen(this.callers.of(principal), number);
			redirect.addFlashAttribute("notice", "support.ticket.reopenedNotice");
		}
		catch (InvalidTicket ex) {
			redirect.addFlashAttribute("error", reason(ex, locale));
		}
		return "redirect:/tickets/" + number;
	}

	@PostMapping("/tickets/{number}/rating")
	String rate(@PathVariable String number, @RequestParam int score,
			@RequestParam(required = false) @Nullable String comment, Principal principal, Locale locale,
			RedirectAttributes redirect) {
		try {
			boolean taken = this.tickets.rate(this.callers.of(principal), number, score, comment);
			redirect.addFlashAttribute("notice", taken ? "support.rating.thanks" : "support.rating.already");
		}
		catch (InvalidTicket ex) {
			redirect.addFlashAttribute("error", reason(ex, locale));
		}
		return "redirect:/tickets/" + number + "#rating";
	}

	private String reason(RuntimeException ex, Locale locale) {
		if (ex instanceof DocumentRefused refused) {
			return this.messages.getMessage("documents.refused." + refused.reason(), refused.arguments(), locale);
		}
		return this.messages.getMessage("support.refused." + ((InvalidTicket) ex).reason(), null, locale);
	}

	private static Tickets.@Nullable Attachment attachment(@Nullable MultipartFile file) throws IOException {
		if (file == null || file.isEmpty()) {
			return null;
		}
		return new Tickets.Attachment((file.getOriginalFilename() != null) ? file.getOriginalFilename() : "attachment",
				file.getBytes());
	}

	private static @Nullable String blank(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private static TicketCategory defaultCategory(@Nullable String kind) {
		if (kind == null) {
			return TicketCategory.OTHER;
		}
		return switch (kind) {
			case "PARCEL" -> TicketCategory.DELIVERY;
			case "RETURN" -> TicketCategory.RETURN;
			case "INVOICE" -> TicketCategory.BILLING;
			default -> TicketCategory.ORDER;
		};
	}

}
