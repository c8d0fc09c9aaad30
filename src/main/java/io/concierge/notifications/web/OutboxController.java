package io.concierge.notifications.web;

import java.security.Principal;
import java.util.Locale;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.identity.PortalAddress;
import io.concierge.notifications.MailMessage;
import io.concierge.notifications.MailOutbox;
import io.concierge.shared.EmailAddress;

/**
 * Administrators read every email the product sent, and send themselves a test message.
 */
@Controller
@RequestMapping("/admin/mail")
class OutboxController {

	private static final int PAGE_SIZE = 25;

	private final MailOutbox outbox;

	private final MessageSource messages;

	private final PortalAddress portal;

	OutboxController(MailOutbox outbox, MessageSource messages, PortalAddress portal) {
		this.outbox = outbox;
		this.messages = messages;
		this.portal = portal;
	}

	@GetMapping
	String outbox(@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("messages", this.outbox.newestFirst(page, PAGE_SIZE));
		model.addAttribute("smtpConfigured", this.outbox.smtpConfigured());
		return "notifications/outbox";
	}

	@GetMapping("/{id}")
	String message(@PathVariable UUID id, Model model) {
		MailMessage message = this.outbox.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("message", message);
		model.addAttribute("body", LinkedText.of(message.getBody()));
		return "notifications/message";
	}

	@PostMapping("/test")
	String sendTest(Principal principal, Locale locale, RedirectAttributes redirect) {
		EmailAddress administrator = EmailAddress.of(principal.getName());
		MailMessage sent = this.outbox.send(administrator, text("mail.test.subject", locale),
				text("mail.test.body", locale, this.portal.baseUrl() + "/dashboard"));
		redirect.addFlashAttribute("notice", "mail.test.sent");
		return "redirect:/admin/mail/" + sent.getId();
	}

	private String text(String key, Locale locale, Object... arguments) {
		return this.messages.getMessage(key, arguments, locale);
	}

}
