package io.concierge.billing.web;

import java.math.BigDecimal;
import java.security.Principal;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.billing.BillingTerms;
import io.concierge.billing.InvalidPayment;
import io.concierge.orders.Channel;

/**
 * The administrator's billing settings: companies' terms and when each channel's orders
 * are invoiced.
 */
@Controller
class BillingAdminController {

	private static final String PAGE = "/admin/billing";

	private final BillingTerms terms;

	private final MessageSource messages;

	BillingAdminController(BillingTerms terms, MessageSource messages) {
		this.terms = terms;
		this.messages = messages;
	}

	@GetMapping(PAGE)
	String page(Model model) {
		model.addAttribute("companies", this.terms.companies());
		model.addAttribute("issueOn", this.terms.issueOn());
		return "billing/admin";
	}

	@PostMapping(PAGE + "/companies/{organisation}")
	String company(@PathVariable UUID organisation, @RequestParam(defaultValue = "") String vatId,
			@RequestParam(defaultValue = "") String creditLimit, @RequestParam(defaultValue = "EUR") String currency,
			@RequestParam(defaultValue = "") String paymentDays, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		try {
			this.terms.change(organisation, vatId,
					creditLimit.isBlank() ? null : new BigDecimal(creditLimit.strip().replace(',', '.')),
					currency.strip().toUpperCase(java.util.Locale.ROOT), Integer.parseInt(paymentDays.strip()),
					principal.getName(), request.getRemoteAddr());
			redirect.addFlashAttribute("saved", "billing.admin.saved");
		}
		catch (InvalidPayment ex) {
			redirect.addFlashAttribute("problem",
					this.messages.getMessage(ex.messageKey(), ex.arguments(), request.getLocale()));
		}
		catch (NumberFormatException ex) {
			redirect.addFlashAttribute("problem",
					this.messages.getMessage("billing.error.terms.number", null, request.getLocale()));
		}
		return "redirect:" + PAGE;
	}

	@PostMapping(PAGE + "/channels/{channel}")
	String channel(@PathVariable Channel channel, @RequestParam String issueOn, Principal principal,
			HttpServletRequest request, RedirectAttributes redirect) {
		this.terms.issueOn(channel, issueOn, principal.getName(), request.getRemoteAddr());
		redirect.addFlashAttribute("saved", "billing.admin.saved");
		return "redirect:" + PAGE;
	}

}
