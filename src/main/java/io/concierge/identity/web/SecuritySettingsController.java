package io.concierge.identity.web;

import java.security.Principal;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.identity.Passkeys;
import io.concierge.identity.Passkeys.PasskeyRefused;
import io.concierge.identity.SecondFactorSignIn;
import io.concierge.identity.SecondFactors;
import io.concierge.identity.StepUp;
import io.concierge.shared.EmailAddress;

/**
 * Sign-in security: set up an authenticator, keep recovery codes, add, name and remove
 * passkeys, forget trusted browsers, switch the second factor off where the policy
 * allows.
 */
@Controller
class SecuritySettingsController {

	private static final String PAGE = "/account/security";

	private final SecondFactors factors;

	private final SecondFactorSignIn signIn;

	private final StepUp stepUp;

	private final Passkeys passkeys;

	SecuritySettingsController(SecondFactors factors, SecondFactorSignIn signIn, StepUp stepUp, Passkeys passkeys) {
		this.factors = factors;
		this.signIn = signIn;
		this.stepUp = stepUp;
		this.passkeys = passkeys;
	}

	@GetMapping(PAGE)
	String page(Principal principal, Model model) {
		EmailAddress email = EmailAddress.of(principal.getName());
		model.addAttribute("status", this.factors.status(email));
		model.addAttribute("passkeys", this.passkeys.list(email));
		model.addAttribute("enrolment", this.factors.pendingEnrolment(email).orElse(null));
		return "identity/security";
	}

	@PostMapping(PAGE + "/totp/start")
	String start(Principal principal, HttpServletRequest request) {
		this.stepUp.requireReauthentication(principal, request, PAGE);
		EmailAddress email = EmailAddress.of(principal.getName());
		if (!this.factors.hasTotp(email)) {
			this.factors.startEnrolment(email);
		}
		return "redirect:" + PAGE;
	}

	@PostMapping(PAGE + "/totp/confirm")
	String confirm(@RequestParam(defaultValue = "") String code, Principal principal, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		// starting asked for the password again; confirming only finishes what it began,
		// however long the authenticator app took to install
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
		SecondFactors.Status status = this.factors.status(email);
		if (status.required() && status.passkeys() == 0) {
			redirect.addFlashAttribute("notice", "security.required");
			return "redirect:" + PAGE;
		}
		this.stepUp.require(principal, request, PAGE);
		this.factors.disable(email, request.getRemoteAddr());
		redirect.addFlashAttribute("notice", "security.disabled");
		return "redirect:" + PAGE;
	}

	/**
	 * The challenge for a new passkey, fetched by the page's script. A step-up answers
	 * with a redirect, which the script follows.
	 */
	@PostMapping(path = PAGE + "/passkeys/options", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	String passkeyOptions(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
		// the first passkey, like the first authenticator, needs the password again;
		// registering needs this challenge
		this.stepUp.requireReauthentication(authentication, request, PAGE);
		return this.passkeys.registrationOptions(authentication, request, response);
	}

	@PostMapping(PAGE + "/passkeys")
	String addPasskey(@RequestParam(defaultValue = "") String credential, @RequestParam(defaultValue = "") String label,
			Principal principal, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes redirect) {
		this.stepUp.require(principal, request, PAGE);
		EmailAddress email = EmailAddress.of(principal.getName());
		try {
			this.passkeys.register(email, credential, label, request, response);
		}
		catch (PasskeyRefused ex) {
			redirect.addFlashAttribute("problem", ex.reason());
			return "redirect:" + PAGE;
		}
		// the new passkey is a second factor just given: an account that had to set one
		// up is signed in completely now
		this.signIn.completed(email, request, response);
		redirect.addFlashAttribute("notice", "security.passkey.added");
		return "redirect:" + PAGE;
	}

	@PostMapping(PAGE + "/passkeys/{id}/rename")
	String renamePasskey(@PathVariable String id, @RequestParam(defaultValue = "") String label, Principal principal,
			RedirectAttributes redirect) {
		try {
			this.passkeys.rename(EmailAddress.of(principal.getName()), id, label);
			redirect.addFlashAttribute("notice", "security.passkey.renamed");
		}
		catch (PasskeyRefused ex) {
			redirect.addFlashAttribute("problem", ex.reason());
		}
		return "redirect:" + PAGE;
	}

	@PostMapping(PAGE + "/passkeys/{id}/remove")
	String removePasskey(@PathVariable String id, Principal principal, HttpServletRequest request,
			RedirectAttributes redirect) {
		this.stepUp.require(principal, request, PAGE);
		try {
			this.passkeys.remove(EmailAddress.of(principal.getName()), id, request.getRemoteAddr());
			redirect.addFlashAttribute("notice", "security.passkey.removed");
		}
		catch (PasskeyRefused ex) {
			redirect.addFlashAttribute("problem", ex.reason());
		}
		return "redirect:" + PAGE;
	}

	@PostMapping(PAGE + "/trusted-devices/forget")
	String forgetTrusted(Principal principal, RedirectAttributes redirect) {
		this.factors.forgetTrustedDevices(EmailAddress.of(principal.getName()));
		redirect.addFlashAttribute("notice", "security.forgotten");
		return "redirect:" + PAGE;
	}

}
