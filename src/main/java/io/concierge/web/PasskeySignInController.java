package io.concierge.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

import io.concierge.identity.Passkeys;
import io.concierge.identity.Passkeys.PasskeyRefused;
import io.concierge.identity.SingleSignOnRequired;
import io.concierge.shared.LocalPath;

/**
 * Signing in with a passkey: on the sign-in page instead of a password, on the code page
 * instead of a code, and for a step-up. The script asks for a challenge, the browser
 * signs it, and the signed answer comes back as an ordinary form post.
 */
@Controller
class PasskeySignInController {

	private final Passkeys passkeys;

	private final SignInSuccess success;

	PasskeySignInController(Passkeys passkeys, SignInSuccess success) {
		this.passkeys = passkeys;
		this.success = success;
	}

	@PostMapping(path = "/login/passkey/options", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	String options(@Nullable Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
		return this.passkeys.signInOptions(authentication, request, response);
	}

	@PostMapping("/login/passkey")
	@Nullable String signIn(@RequestParam(defaultValue = "") String credential, @RequestParam(defaultValue = "") String returnTo,
			@Nullable Authentication authentication, HttpServletRequest request, HttpServletResponse response)
			throws IOException, ServletException {
		try {
			this.success.passkeySignedIn(this.passkeys.signIn(credential, request, response), returnTo, request,
					response);
			return null;
		}
		catch (SingleSignOnRequired ex) {
			return "redirect:/login?sso=sso.required";
		}
		catch (PasskeyRefused ex) {
			// someone half signed in, or stepping up, tries again where they were
			UriComponentsBuilder page = UriComponentsBuilder
				.fromPath((authentication != null) ? "/login/second-factor" : "/login")
				.queryParam("passkey", ex.reason());
			String local = LocalPath.orEmpty(returnTo);
			if (!local.isEmpty()) {
				page.queryParam("returnTo", local);
			}
			return "redirect:" + page.build().encode().toUriString();
		}
	}

}
