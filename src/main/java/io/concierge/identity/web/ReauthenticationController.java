package io.concierge.identity.web;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.concierge.identity.StepUp;
import io.concierge.shared.LocalPath;

/**
 * The password, given again before setting up the first second factor or passkey, or
 * ending sessions, by an account without a second factor; then back to where it was.
 */
@Controller
class ReauthenticationController {

	static final String PAGE = "/account/confirm-password";

	private final StepUp stepUp;

	ReauthenticationController(StepUp stepUp) {
		this.stepUp = stepUp;
	}

	@GetMapping(PAGE)
	String form(@RequestParam(defaultValue = "") String returnTo, Model model) {
		model.addAttribute("returnTo", LocalPath.orEmpty(returnTo));
		return "identity/confirm-password";
	}

	@PostMapping(PAGE)
	String confirm(@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String returnTo,
			Principal principal, HttpServletRequest request, Model model) {
		String back = LocalPath.orEmpty(returnTo);
		if (!this.stepUp.confirmPassword(principal, password, request)) {
			model.addAttribute("returnTo", back);
			model.addAttribute("failed", true);
			return "identity/confirm-password";
		}
		return "redirect:" + (back.isEmpty() ? "/account" : back);
	}

}
