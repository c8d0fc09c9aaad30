package io.concierge.identity.web;

import java.security.Principal;
import java.util.Set;
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
import io.concierge.identity.ApiKeys;
import io.concierge.identity.StepUp;

/**
 * Administrators make API keys for integration clients (shown once) and revoke them.
 */
@Controller
class ApiKeysController {

	private static final String PAGE = "/admin/api-keys";

	private final ApiKeys keys;

	private final ApiClients clients;

	private final StepUp stepUp;

	ApiKeysController(ApiKeys keys, ApiClients clients, StepUp stepUp) {
		this.keys = keys;
		this.clients = clients;
		this.stepUp = stepUp;
	}

	@GetMapping(PAGE)
	String page(Model model) {
		model.addAttribute("keys", this.keys.list());
		model.addAttribute("clients", this.clients.list());
		return "identity/api-keys";
	}

	@PostMapping(PAGE)
	String create(@RequestParam(defaultValue = "") String name,
			@RequestParam(name = "scope", defaultValue = "") Set<String> scopes, Principal principal,
			HttpServletRequest request, RedirectAttributes redirect) {
		this.stepUp.require(principal, request, PAGE);
		if (scopes.isEmpty()) {
			redirect.addFlashAttribute("problem", "apiKeys.scope.none");
			return "redirect:" + PAGE;
		}
		try {
			redirect.addFlashAttribute("newKey",
					this.keys.create(name, scopes, principal.getName(), request.getRemoteAddr()));
			redirect.addFlashAttribute("newKeyName", name.strip());
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("problem", "apiKeys.name.invalid");
		}
		return "redirect:" + PAGE;
	}

	/**
	 * Makes an OAuth 2.0 client of the client_credentials grant; its secret is shown
	 * once.
	 */
	@PostMapping(PAGE + "/clients")
	String createClient(@RequestParam(defaultValue = "") String name,
			@RequestParam(name = "scope", defaultValue = "") Set<String> scopes, Principal principal,
			HttpServletRequest request, RedirectAttributes redirect) {
		this.stepUp.require(principal, request, PAGE);
		if (scopes.isEmpty()) {
			redirect.addFlashAttribute("problem", "apiKeys.scope.none");
			return "redirect:" + PAGE + "#clients";
		}
		try {
			ApiClients.Credentials credentials = this.clients.create(name, scopes, principal.getName(),
					request.getRemoteAddr());
			redirect.addFlashAttribute("newClientId", credentials.clientId());
			redirect.addFlashAttribute("newClientSecret", credentials.clientSecret());
			redirect.addFlashAttribute("newClientName", name.strip());
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("problem", "apiKeys.name.invalid");
		}
		return "redirect:" + PAGE + "#clients";
	}

	@PostMapping(PAGE + "/clients/{id}/revoke")
	String revokeClient(@PathVariable String id, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		this.clients.revoke(id, principal.getName(), request.getRemoteAddr());
		redirect.addFlashAttribute("notice", "apiClients.revoked");
		return "redirect:" + PAGE + "#clients";
	}

	@PostMapping(PAGE + "/{id}/revoke")
	String revoke(@PathVariable UUID id, Principal principal, HttpServletRequest request, RedirectAttributes redirect) {
		this.keys.revoke(id, principal.getName(), request.getRemoteAddr());
		redirect.addFlashAttribute("notice", "apiKeys.revoked");
		return "redirect:" + PAGE;
	}

}
