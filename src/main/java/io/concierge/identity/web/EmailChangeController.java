package io.concierge.identity.web;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.concierge.identity.Accounts;
import io.concierge.identity.PortalAddress;
import io.concierge.identity.StepUp;
import io.concierge.shared.EmailAddress;

/**
 * Moving an account to another email address: asked for on the account page (current
 * password, and a fresh second factor where there is one), confirmed from the new
 * address.
 */
@Controller
class EmailChangeController {

	private final Accounts accounts;

	private final StepUp stepUp;

	private final PortalAddress address;

	EmailChangeController(Accounts accounts, StepUp stepUp, PortalAddress address) {
		this.accounts = accounts;
		this.stepUp = stepUp;
		this.address = address;
	}

	@PostMapping("/account/email")
	String request(@RequestParam(defaultValue = "") String newEmail,
			@RequestParam(defaultValue = "") String currentPassword, Principal principal, HttpServletRequest request,
			Model model) {
		this.stepUp.require(principal, request, "/account");
		EmailAddress target;
		try {
			target = EmailAddress.of(newEmail);
		}
		catch (IllegalArgumentException ex) {
			return Messages.show(model, "emailChange.invalid");
		}
		if (!this.accounts.requestEmailChange(EmailAddress.of(principal.getName()), currentPassword, target,
				this.address.baseUrl(), request.getRemoteAddr())) {
			return Messages.show(model, "emailChange.wrongPassword");
		}
		return Messages.show(model, "emailChange.sent", target.value());
	}

	@GetMapping("/account/email/confirm")
	String confirm(@RequestParam(defaultValue = "") String token, Model model) {
		model.addAttribute("token", token);
		return "identity/email-confirm";
	}

	@PostMapping("/account/email/confirm")
	String change(@RequestParam(defaultValue = "") String token, HttpServletRequest request, Model model) {
		boolean changed = this.accounts.confirmEmailChange(token, request.getRemoteAddr());
		if (changed) {
			SecurityContextHolder.clearContext();
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
		}
		return Messages.show(model, changed ? "emailChange.done" : "emailChange.expired");
	}

}
