package io.concierge.identity.web;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.concierge.identity.SecondFactorSignIn;
import io.concierge.identity.SecondFactors;
import io.concierge.identity.SecondFactors.Check;
import io.concierge.shared.EmailAddress;
import io.concierge.shared.LocalPath;

/**
 * The code page: after the password, and again when a sensitive action needs a fresh
 * second factor ({@code returnTo} says where to go back).
 */
@Controller
class SecondFactorController {

	private final SecondFactors factors;

	private final SecondFactorSignIn signIn;

	private final HttpSessionRequestCache requests = new HttpSessionRequestCache();

	SecondFactorController(SecondFactors factors, SecondFactorSignIn signIn) {
		this.factors = factors;
		this.signIn = signIn;
	}

	@GetMapping("/login/second-factor")
	String form(@RequestParam(defaultValue = "") String returnTo, Principal principal, Model model) {
		return page(EmailAddress.of(principal.getName()), returnTo, model);
	}

	@PostMapping("/login/second-factor")
	String check(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "false") boolean trust,
			@RequestParam(defaultValue = "") String returnTo, Principal principal, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		EmailAddress email = EmailAddress.of(principal.getName());
		if (this.signIn.locked(email, request.getRemoteAddr())) {
			signOut(request);
			return "redirect:/login?error";
		}
		Check check = this.factors.check(email, code, request.getRemoteAddr());
		if (!check.accepted()) {
			if (this.signIn.failed(email, request.getRemoteAddr())) {
				signOut(request);
				return "redirect:/login?error";
			}
			model.addAttribute("failed", true);
			return page(email, returnTo, model);
		}
		this.signIn.completed(email, request, response);
		if (trust) {
			this.signIn.trustThisBrowser(email, request, response);
		}
		if (check == Check.RECOVERY_CODE) {
			// a used recovery code leaves fewer: the security page says how many and
			// offers new ones
			return "redirect:/account/security";
		}
		return "redirect:" + next(returnTo, request, response);
	}

	/**
	 * The code form for an authenticator, the button for a passkey: whichever the account
	 * has.
	 */
	private String page(EmailAddress email, String returnTo, Model model) {
		SecondFactors.Status status = this.factors.status(email);
		model.addAttribute("totp", status.totp());
		model.addAttribute("passkeys", status.passkeys() > 0);
		model.addAttribute("returnTo", LocalPath.orEmpty(returnTo));
		return "identity/second-factor";
	}

	private String next(String returnTo, HttpServletRequest request, HttpServletResponse response) {
		String local = LocalPath.orEmpty(returnTo);
		if (!local.isEmpty()) {
			return local;
		}
		SavedRequest saved = this.requests.getRequest(request, response);
		if (saved != null) {
			this.requests.removeRequest(request, response);
			return saved.getRedirectUrl();
		}
		return "/dashboard";
	}

	private static void signOut(HttpServletRequest request) {
		SecurityContextHolder.clearContext();
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
	}

}
