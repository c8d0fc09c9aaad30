package io.concierge.identity.web;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page; Spring Security's form login handles the form's POST.
 */
@Controller
class SignInController {

	@GetMapping("/login")
	String signIn(@Nullable Authentication authentication, @RequestParam(required = false) @Nullable String error,
			Model model) {
		if (authentication != null && !(authentication instanceof AnonymousAuthenticationToken)) {
			return "redirect:/dashboard";
		}
		model.addAttribute("failed", error != null);
		return "identity/sign-in";
	}

}
