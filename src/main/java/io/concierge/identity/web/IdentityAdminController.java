package io.concierge.identity.web;

import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

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
import org.springframework.web.util.UriComponentsBuilder;

import io.concierge.identity.AccountAccess;
import io.concierge.identity.AccountAccess.AccessRefused;
import io.concierge.identity.IdentitySettings;
import io.concierge.identity.IdentitySettings.SingleSignOnBinding;
import io.concierge.shared.EmailAddress;

/**
 * Administrators open or close registration and decide who must have a second factor; and
 * end a person's sessions or disable their account.
 */
@Controller
class IdentityAdminController {

	private static final String PAGE = "/admin/identity";

	private static final String ACCESS = PAGE + "/access";

	private final IdentitySettings settings;

	private final ObjectProvider<ClientRegistrationRepository> providers;

	private final AccountAccess access;

	IdentityAdminController(IdentitySettings settings, ObjectProvider<ClientRegistrationRepository> providers,
			AccountAccess access) {
		this.settings = settings;
		this.providers = providers;
		this.access = access;
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

	/**
	 * A person's access: their account's standing and open sessions, found by email.
	 */
	@GetMapping(ACCESS)
	String access(@RequestParam(defaultValue = "") String email, Model model) {
		model.addAttribute("email", email);
		if (!email.isBlank()) {
			try {
				model.addAttribute("standing", this.access.of(EmailAddress.of(email)).orElse(null));
				model.addAttribute("searched", true);
			}
			catch (IllegalArgumentException ex) {
				model.addAttribute("invalid", true);
			}
		}
		return "identity/admin-access";
	}

	@PostMapping(ACCESS + "/sessions")
	String endSessions(@RequestParam String email, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		return change(email, redirect, () -> {
			int ended = this.access.endSessions(EmailAddress.of(email), principal.getName(), request.getRemoteAddr());
			redirect.addFlashAttribute("ended", ended);
			return "identityAdmin.access.ended";
		});
	}

	@PostMapping(ACCESS + "/disable")
	String disable(@RequestParam String email, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		return change(email, redirect, () -> {
			this.access.disable(EmailAddress.of(email), principal.getName(), request.getRemoteAddr());
			return "identityAdmin.access.disabled";
		});
	}

	@PostMapping(ACCESS + "/enable")
	String enable(@RequestParam String email, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		return change(email, redirect, () -> {
			this.access.enable(EmailAddress.of(email), principal.getName(), request.getRemoteAddr());
			return "identityAdmin.access.enabled";
		});
	}

	private String change(String email, RedirectAttributes redirect, Supplier<String> change) {
		try {
			redirect.addFlashAttribute("notice", change.get());
		}
		catch (AccessRefused ex) {
			redirect.addFlashAttribute("problem", ex.reason());
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("problem", "identityAdmin.access.unknown");
		}
		return "redirect:"
				+ UriComponentsBuilder.fromPath(ACCESS).queryParam("email", email).build().encode().toUriString();
	}

	private List<String> providerIds() {
		List<String> ids = new ArrayList<>();
		if (this.providers.getIfAvailable() instanceof Iterable<?> registrations) {
			registrations.forEach((registration) -> ids.add(((ClientRegistration) registration).getRegistrationId()));
		}
		return ids;
	}

}
