package io.concierge.identity.web;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.identity.IdentitySettings;

/**
 * Administrators open or close registration and decide who must have a second factor.
 */
@Controller
class IdentityAdminController {

	private static final String PAGE = "/admin/identity";

	private final IdentitySettings settings;

	IdentityAdminController(IdentitySettings settings) {
		this.settings = settings;
	}

	@GetMapping(PAGE)
	String page(Model model) {
		model.addAttribute("registrationOpen", this.settings.registrationOpen());
		model.addAttribute("mfaForEveryone", this.settings.mfaRequiredForEveryone());
		model.addAttribute("organisations", this.settings.organisations());
		return "identity/admin";
	}

	@PostMapping(PAGE)
	String change(@RequestParam(defaultValue = "false") boolean registrationOpen,
			@RequestParam(defaultValue = "false") boolean mfaForEveryone,
			@RequestParam(name = "mfaOrganisations", required = false) List<UUID> mfaOrganisations, Principal principal,
			HttpServletRequest request, RedirectAttributes redirect) {
		this.settings.change(principal.getName(), registrationOpen, mfaForEveryone,
				(mfaOrganisations != null) ? mfaOrganisations : List.of(), request.getRemoteAddr());
		redirect.addFlashAttribute("notice", "identityAdmin.saved");
		return "redirect:" + PAGE;
	}

}
