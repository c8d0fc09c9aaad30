package io.concierge.identity.web;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.concierge.identity.Accounts;
import io.concierge.identity.PortalAddress;
import io.concierge.identity.PasswordRefused;
import io.concierge.identity.RateLimits;
import io.concierge.identity.web.Forms.EmailForm;
import io.concierge.identity.web.Forms.NewPasswordForm;
import io.concierge.shared.EmailAddress;

/**
 * "Forgot your password?": a link by email, valid 30 minutes, used once. The answer never
 * tells whether the address has an account.
 */
@Controller
class PasswordResetController {

	private final Accounts accounts;

	private final PortalAddress address;

	private final RateLimits limits;

	PasswordResetController(Accounts accounts, PortalAddress address, RateLimits limits) {
		this.accounts = accounts;
		this.address = address;
		this.limits = limits;
	}

	@GetMapping("/password/forgot")
	String forgot(Model model) {
		model.addAttribute("form", EmailForm.empty());
		return "identity/forgot-password";
	}

	@PostMapping("/password/forgot")
	String requestLink(@Valid @ModelAttribute("form") EmailForm form, BindingResult errors, HttpServletRequest request,
			Model model) {
		if (errors.hasErrors()) {
			return "identity/forgot-password";
		}
		EmailAddress email = EmailAddress.of(form.email());
		if (!this.limits.tryAcquire("reset:" + request.getRemoteAddr(), 10, Duration.ofMinutes(15))) {
			throw new TooManyRequests("reset links from " + request.getRemoteAddr());
		}
		// an address that was sent three links lately gets no more, and nobody learns it
		if (this.limits.tryAcquire("reset:" + email.value(), 3, Duration.ofMinutes(15))) {
			this.accounts.requestPasswordReset(email, this.address.baseUrl(), request.getRemoteAddr());
		}
		return Messages.show(model, "forgot.sent", email.value());
	}

	@GetMapping("/password/reset")
	String resetForm(@RequestParam(defaultValue = "") String token, Model model) {
		if (!this.accounts.resetLinkUsable(token)) {
			return Messages.show(model, "reset.expired");
		}
		model.addAttribute("form", new NewPasswordForm(token, ""));
		return "identity/reset-password";
	}

	@PostMapping("/password/reset")
	String reset(@Valid @ModelAttribute("form") NewPasswordForm form, BindingResult errors, HttpServletRequest request,
			Model model) {
		if (errors.hasErrors()) {
			return "identity/reset-password";
		}
		try {
			if (!this.accounts.resetPassword(form.token(), form.password(), request.getRemoteAddr())) {
				return Messages.show(model, "reset.expired");
			}
		}
		catch (PasswordRefused refused) {
			errors.rejectValue("password", "password." + refused.problem());
			return "identity/reset-password";
		}
		return "redirect:/login?reset";
	}

}
