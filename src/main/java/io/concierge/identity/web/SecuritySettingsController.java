package io.concierge.identity.web;

import java.security.Principal;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.identity.SecondFactorSignIn;
import io.concierge.identity.SecondFactors;
import io.concierge.identity.StepUp;
import io.concierge.shared.EmailAddress;

/**
 * Sign-in security: set up an authenticator, keep recovery codes, forget trusted
 * browsers, switch the second factor off where the policy allows.
 */
@Controller
class SecuritySettingsController {

	private static final String PAGE = "/account/security";

	private final SecondFactors factors;

	private final SecondFactorSignIn signIn;

	private final StepUp stepUp;

	SecuritySettingsController(SecondFactors factors, SecondFactorSignIn signIn, StepUp stepUp) {
		this.factors = factors;
		this.signIn = signIn;
		this.stepUp = stepUp;
	}

	@GetMapping(PAGE)
	String page(Principal principal, Model model) {
		EmailAddress email = EmailAddress.of(principal.getName());
		model.addAttribute("status", this.factors.status(email));
		model.addAttribute("enrolment", this.factors.pendingEnrolment(email).orElse(null));
		return "identity/security";
	}

	@PostMapping(PAGE + "/totp/start")
	String start(Principal principal) {
		EmailAddress email = EmailAddress.of(principal.getName());
		if (!this.factors.hasTotp(email)) {
			this.factors.startEnrolment(email);
		}
		return "redirect:" + PAGE;
	}

	@PostMapping(PAGE + "/totp/confirm")
	String confirm(@RequestParam(defaultValue = "") String code, Principal principal, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		EmailAddress email = EmailAddress.of(principal.getName());
		Optional<List<String>> codes = this.factors.confirmEnrolment(email, code, request.getRemoteAddr());
		if (codes.isEmpty()) {
			model.addAttribute("codeFailed", true);
			return page(principal, model);
		}
		this.signIn.completed(email, request, response);
		model.addAttribute("codes", codes.get());
		model.addAttribute("justEnrolled", true);
		return "identity/recovery-codes";
	}

	@PostMapping(PAGE + "/recovery-codes")
	String regenerate(Principal principal, HttpServletRequest request, Model model) {
		this.stepUp.require(principal, request, PAGE);
		model.addAttribute("codes",
				this.factors.regenerateRecoveryCodes(EmailAddress.of(principal.getName()), request.getRemoteAddr()));
		return "identity/recovery-codes";
	}

	@PostMapping(PAGE + "/totp/disable")
	String disable(Principal principal, HttpServletRequest request, RedirectAttributes redirect) {
		EmailAddress email = EmailAddress.of(principal.getName());
		if (this.factors.required(email)) {
			redirect.addFlashAttribute("notice", "security.required");
			return "redirect:" + PAGE;
		}
		this.stepUp.require(principal, request, PAGE);
		this.factors.disable(email, request.getRemoteAddr());
		redirect.addFlashAttribute("notice", "security.disabled");
		return "redirect:" + PAGE;
	}

	@PostMapping(PAGE + "/trusted-devices/forget")
	String forgetTrusted(Principal principal, RedirectAttributes redirect) {
		this.factors.forgetTrustedDevices(EmailAddress.of(principal.getName()));
		redirect.addFlashAttribute("notice", "security.forgotten");
		return "redirect:" + PAGE;
	}

}
