package io.concierge.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.concierge.identity.SecondFactors;
import io.concierge.identity.SingleSignOn;
import io.concierge.identity.SingleSignOn.ExternalUser;
import io.concierge.identity.SingleSignOn.Outcome;
import io.concierge.shared.EmailAddress;

/**
 * "An account with this address exists: prove it is yours, and sign in to it with your
 * provider from now on."
 */
@Controller
class SingleSignOnLinkController {

	private final SingleSignOn singleSignOn;

	private final SecondFactors factors;

	private final SingleSignOnSuccess success;

	SingleSignOnLinkController(SingleSignOn singleSignOn, SecondFactors factors, SingleSignOnSuccess success) {
		this.singleSignOn = singleSignOn;
		this.factors = factors;
		this.success = success;
	}

	@GetMapping("/login/sso/link")
	String confirm(HttpServletRequest request, Model model) {
		ExternalUser pending = pending(request);
		if (pending == null || pending.email() == null) {
			return "redirect:/login";
		}
		return page(pending, null, model);
	}

	@PostMapping("/login/sso/link")
	@Nullable String link(@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String code,
			HttpServletRequest request, HttpServletResponse response, Model model)
			throws IOException, ServletException {
		ExternalUser pending = pending(request);
		if (pending == null) {
			return "redirect:/login";
		}
		Outcome outcome = this.singleSignOn.confirmLink(pending, password, code, request.getRemoteAddr());
		if ("sso.link.wrong".equals(outcome.refused())) {
			return page(pending, outcome.refused(), model);
		}
		request.getSession().removeAttribute(SingleSignOnSuccess.PENDING_LINK);
		this.success.continueWith(outcome, pending, request, response);
		return null;
	}

	@PostMapping("/login/sso/cancel")
	String cancel(HttpServletRequest request) {
		request.getSession().removeAttribute(SingleSignOnSuccess.PENDING_LINK);
		return "redirect:/login";
	}

	private String page(ExternalUser pending, @Nullable String problem, Model model) {
		model.addAttribute("pending", pending);
		model.addAttribute("needsCode", this.factors.hasTotp(EmailAddress.of(pending.email())));
		model.addAttribute("problem", problem);
		return "web/sso-link";
	}

	private static @Nullable ExternalUser pending(HttpServletRequest request) {
		return (request.getSession(false) != null && request.getSession(false)
			.getAttribute(SingleSignOnSuccess.PENDING_LINK) instanceof ExternalUser user) ? user : null;
	}

}
