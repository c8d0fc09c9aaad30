package io.concierge.identity.web;

import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.identity.IdentitySettings;
import io.concierge.identity.IdentitySettings.SingleSignOnBinding;

/**
 * Administrators open or close registration and decide who must have a second factor.
 */
@Controller
class IdentityAdminController {

	private static final String PAGE = "/admin/identity";

	private final IdentitySettings settings;

	private final ObjectProvider<ClientRegistrationRepository> providers;

	IdentityAdminController(IdentitySettings settings, ObjectProvider<ClientRegistrationRepository> providers) {
		this.settings = settings;
		this.providers = providers;
	}

	@GetMapping(PAGE)
	String page(Model model) {
		model.addAttribute("registrationOpen", this.settings.registrationOpen());
		model.addAttribute("mfaForEveryone", this.settings.mfaRequiredForEveryone());
		model.addAttribute("organisations", this.settings.organisations());
		model.addAttribute("providers", providerIds());
		return "identity/admin";
	}

	@PostMapping(PAGE)
	String change(@RequestParam(defaultValue = "false") boolean registrationOpen,
			@RequestParam(defaultValue = "false") boolean mfaForEveryone,
			@RequestParam(name = "mfaOrganisations", required = false) List<UUID> mfaOrganisations,
			@RequestParam Map<String, String> fields, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		Map<UUID, SingleSignOnBinding> bindings = new HashMap<>();
		if (!providerIds().isEmpty()) {
			this.settings.organisations()
				.forEach((organisation) -> bindings.put(organisation.id(), new SingleSignOnBinding(
						fields.get("sso-" + organisation.id()), fields.get("domain-" + organisation.id()))));
		}
		this.settings.change(principal.getName(), registrationOpen, mfaForEveryone,
				(mfaOrganisations != null) ? mfaOrganisations : List.of(), bindings, request.getRemoteAddr());
		redirect.addFlashAttribute("notice", "identityAdmin.saved");
		return "redirect:" + PAGE;
	}

	private List<String> providerIds() {
		List<String> ids = new ArrayList<>();
		if (this.providers.getIfAvailable() instanceof Iterable<?> registrations) {
			registrations.forEach((registration) -> ids.add(((ClientRegistration) registration).getRegistrationId()));
		}
		return ids;
	}

}
