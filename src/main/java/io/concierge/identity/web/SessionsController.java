package io.concierge.identity.web;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.identity.Sessions;
import io.concierge.identity.StepUp;
import io.concierge.shared.EmailAddress;

/**
 * Where am I signed in? The account's sessions, and signing them out, after the password
 * or a second factor given again.
 */
@Controller
class SessionsController {

	private static final String PAGE = "/account/sessions";

	private final Sessions sessions;

	private final StepUp stepUp;

	SessionsController(Sessions sessions, StepUp stepUp) {
		this.sessions = sessions;
		this.stepUp = stepUp;
	}

	@GetMapping("/account/sessions")
	String sessions(Principal principal, HttpServletRequest request, Model model) {
		model.addAttribute("sessions",
				this.sessions.of(EmailAddress.of(principal.getName()), request.getSession().getId()));
		return "identity/sessions";
	}

	@PostMapping("/account/sessions/{id}/revoke")
	String revoke(@PathVariable String id, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		this.stepUp.requireReauthentication(principal, request, PAGE);
		boolean revoked = this.sessions.revoke(EmailAddress.of(principal.getName()), id, request.getRemoteAddr());
		redirect.addFlashAttribute("notice", revoked ? "sessions.revoked" : "sessions.gone");
		return "redirect:/account/sessions";
	}

	@PostMapping("/account/sessions/revoke-others")
	String revokeOthers(Principal principal, HttpServletRequest request, RedirectAttributes redirect) {
		this.stepUp.requireReauthentication(principal, request, PAGE);
		this.sessions.revokeAllBut(EmailAddress.of(principal.getName()), request.getSession().getId(),
				request.getRemoteAddr());
		redirect.addFlashAttribute("notice", "sessions.revokedOthers");
		return "redirect:/account/sessions";
	}

}
