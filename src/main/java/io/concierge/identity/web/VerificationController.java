package io.concierge.identity.web;

import java.security.Principal;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.identity.Accounts;
import io.concierge.identity.PortalAddress;
import io.concierge.identity.RateLimits;
import io.concierge.shared.EmailAddress;

/**
 * Email verification. The link opens a page with a button rather than verifying on GET,
 * so mail scanners that follow links cannot use it up.
 */
@Controller
class VerificationController {

	private final Accounts accounts;

	private final PortalAddress address;

	private final RateLimits limits;

	VerificationController(Accounts accounts, PortalAddress address, RateLimits limits) {
		this.accounts = accounts;
		this.address = address;
		this.limits = limits;
	}

	@GetMapping("/account/verify")
	String confirm(@RequestParam(defaultValue = "") String token, Model model) {
		model.addAttribute("token", token);
		return "identity/verify";
	}

	@PostMapping("/account/verify")
	String verify(@RequestParam(defaultValue = "") String token, HttpServletRequest request, Model model) {
		boolean verified = this.accounts.verifyEmail(token, request.getRemoteAddr()).isPresent();
		if (verified) {
			signOutIfSignedIn(request);
		}
		return Messages.show(model, verified ? "verify.done" : "verify.expired");
	}

	/**
	 * Where an account that is not verified yet lands.
	 */
	@GetMapping("/account/unverified")
	String unverified(Principal principal, Model model) {
		model.addAttribute("email", principal.getName());
		return "identity/unverified";
	}

	@PostMapping("/account/unverified/resend")
	String resend(Principal principal, RedirectAttributes redirect) {
		if (!this.limits.tryAcquire("verify:" + principal.getName(), 3, Duration.ofHours(1))) {
			throw new TooManyRequests("verification links for " + principal.getName());
		}
		this.accounts.resendVerification(EmailAddress.of(principal.getName()), this.address.baseUrl());
		redirect.addFlashAttribute("resent", true);
		return "redirect:/account/unverified";
	}

	/**
	 * The session still carries the authorities from before verification; signing in
	 * again gives the account its role.
	 */
	private static void signOutIfSignedIn(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null && request.getUserPrincipal() != null) {
			SecurityContextHolder.clearContext();
			session.invalidate();
		}
	}

}
