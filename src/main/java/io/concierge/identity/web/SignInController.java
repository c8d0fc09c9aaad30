package io.concierge.identity.web;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page; Spring Security's form login handles the form's POST.
 */
@Controller
class SignInController {

	private final ObjectProvider<ClientRegistrationRepository> providers;

	SignInController(ObjectProvider<ClientRegistrationRepository> providers) {
		this.providers = providers;
	}

	/**
	 * A "Sign in with …" button.
	 */
	record Provider(String id, String label) {

	}

	@GetMapping("/login")
	String signIn(@Nullable Authentication authentication, @RequestParam(required = false) @Nullable String error,
			Model model) {
		if (authentication != null && !(authentication instanceof AnonymousAuthenticationToken)) {
			return "redirect:/dashboard";
		}
		model.addAttribute("failed", error != null);
		model.addAttribute("providers", providers());
		return "identity/sign-in";
	}

	private List<Provider> providers() {
		List<Provider> buttons = new ArrayList<>();
		if (this.providers.getIfAvailable() instanceof Iterable<?> registrations) {
			for (Object registration : registrations) {
				ClientRegistration client = (ClientRegistration) registration;
				buttons.add(new Provider(client.getRegistrationId(), client.getClientName()));
			}
		}
		return buttons;
	}

}
