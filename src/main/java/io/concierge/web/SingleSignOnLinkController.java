package io.concierge.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

import io.concierge.identity.SingleSignOn;
import io.concierge.identity.SingleSignOn.ExternalUser;

/**
 * "An account with this address exists: sign in to it with your provider from now on?"
 */
@Controller
class SingleSignOnLinkController {

	private final SingleSignOn singleSignOn;

	private final SingleSignOnSuccess success;

	SingleSignOnLinkController(SingleSignOn singleSignOn, SingleSignOnSuccess success) {
		this.singleSignOn = singleSignOn;
		this.success = success;
	}

	@GetMapping("/login/sso/link")
	String confirm(HttpServletRequest request, Model model) {
		ExternalUser pending = pending(request);
		if (pending == null) {
			return "redirect:/login";
		}
		model.addAttribute("pending", pending);
		return "web/sso-link";
	}

	@PostMapping("/login/sso/link")
	void link(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
		ExternalUser pending = pending(request);
		if (pending == null) {
			response.sendRedirect("/login");
			return;
		}
		request.getSession().removeAttribute(SingleSignOnSuccess.PENDING_LINK);
		this.success.continueWith(this.singleSignOn.confirmLink(pending, request.getRemoteAddr()), pending, request,
				response);
	}

	@PostMapping("/login/sso/cancel")
	String cancel(HttpServletRequest request) {
		request.getSession().removeAttribute(SingleSignOnSuccess.PENDING_LINK);
		return "redirect:/login";
	}

	private static ExternalUser pending(HttpServletRequest request) {
		return (request.getSession(false) != null && request.getSession(false)
			.getAttribute(SingleSignOnSuccess.PENDING_LINK) instanceof ExternalUser user) ? user : null;
	}

}
