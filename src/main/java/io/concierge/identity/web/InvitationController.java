package io.concierge.identity.web;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.concierge.identity.Organisations;
import io.concierge.identity.Organisations.Invitation;
import io.concierge.identity.PasswordRefused;
import io.concierge.shared.EmailAddress;

/**
 * Accepting an invitation to a company account: with a new account, or as the signed-in
 * account it was sent to.
 */
@Controller
class InvitationController {

	private final Organisations organisations;

	InvitationController(Organisations organisations) {
		this.organisations = organisations;
	}

	@GetMapping("/invitation")
	String invitation(@RequestParam(defaultValue = "") String token, @Nullable Principal principal, Model model) {
		Invitation invitation = this.organisations.invitation(token).orElse(null);
		if (invitation == null) {
			return Messages.show(model, "invitation.expired");
		}
		model.addAttribute("token", token);
		model.addAttribute("invitation", invitation);
		model.addAttribute("signedInAs", (principal != null) ? principal.getName() : null);
		return "identity/invitation";
	}

	@PostMapping("/invitation/new-account")
	String acceptWithNewAccount(@RequestParam String token, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String password, HttpServletRequest request, Model model) {
		Invitation invitation = this.organisations.invitation(token).orElse(null);
		if (invitation == null) {
			return Messages.show(model, "invitation.expired");
		}
		String problem = name.isBlank() ? "form.name.required" : null;
		if (problem == null) {
			try {
				if (this.organisations.acceptWithNewAccount(token, name.strip(), password, request.getRemoteAddr())) {
					return "redirect:/login?joined";
				}
				return Messages.show(model, "invitation.expired");
			}
			catch (PasswordRefused refused) {
				problem = "password." + refused.problem();
			}
		}
		model.addAttribute("token", token);
		model.addAttribute("invitation", invitation);
		model.addAttribute("name", name);
		model.addAttribute("problem", problem);
		model.addAttribute("problemField", "form.name.required".equals(problem) ? "name" : "password");
		return "identity/invitation";
	}

	@PostMapping("/invitation/accept")
	String accept(@RequestParam String token, Principal principal, HttpServletRequest request, Model model) {
		if (!this.organisations.acceptAsExisting(token, EmailAddress.of(principal.getName()),
				request.getRemoteAddr())) {
			return Messages.show(model, "invitation.notForYou");
		}
		return Messages.show(model, "invitation.joined");
	}

}
