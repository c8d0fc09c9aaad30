package io.concierge.partners.web;

import java.security.Principal;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.identity.ApiClients;
import io.concierge.identity.StepUp;
import io.concierge.partners.Partner;
import io.concierge.partners.PartnerCredentials;
import io.concierge.shared.NotFound;

/**
 * A partner's people make and revoke the credentials their systems call the partner APIs
 * with: OAuth clients (recommended) and API keys, each shown once, with a fresh second
 * factor. They see only their partner's.
 */
@Controller
class PartnerApiController {

	private static final String PAGE = "/partner/api";

	private final PartnerCallers callers;

	private final PartnerCredentials credentials;

	private final StepUp stepUp;

	PartnerApiController(PartnerCallers callers, PartnerCredentials credentials, StepUp stepUp) {
		this.callers = callers;
		this.credentials = credentials;
		this.stepUp = stepUp;
	}

	@GetMapping(PAGE)
	String page(Principal principal, Model model) {
		Partner partner = this.callers.of(principal).partner();
		model.addAttribute("partner", partner);
		model.addAttribute("credentials", this.credentials.list(partner));
		return "partners/api";
	}

	@PostMapping(PAGE + "/clients")
	String createClient(@RequestParam(defaultValue = "") String name, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		this.stepUp.require(principal, request, PAGE);
		Partner partner = this.callers.of(principal).partner();
		try {
			ApiClients.Credentials client = this.credentials.createClient(partner, name, principal.getName(),
					request.getRemoteAddr());
			redirect.addFlashAttribute("newClientId", client.clientId());
			redirect.addFlashAttribute("newClientSecret", client.clientSecret());
			redirect.addFlashAttribute("newName", name.strip());
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("nameInvalid", true);
		}
		return "redirect:" + PAGE;
	}

	@PostMapping(PAGE + "/keys")
	String createKey(@RequestParam(defaultValue = "") String name, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		this.stepUp.require(principal, request, PAGE);
		Partner partner = this.callers.of(principal).partner();
		try {
			redirect.addFlashAttribute("newKey",
					this.credentials.createKey(partner, name, principal.getName(), request.getRemoteAddr()));
			redirect.addFlashAttribute("newName", name.strip());
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("nameInvalid", true);
		}
		return "redirect:" + PAGE;
	}

	@PostMapping(PAGE + "/{id}/revoke")
	String revoke(@PathVariable UUID id, Principal principal, HttpServletRequest request, RedirectAttributes redirect) {
		Partner partner = this.callers.of(principal).partner();
		if (!this.credentials.revoke(partner, id, principal.getName(), request.getRemoteAddr())) {
			throw new NotFound("credential " + id);
		}
		redirect.addFlashAttribute("revoked", true);
		return "redirect:" + PAGE;
	}

}
