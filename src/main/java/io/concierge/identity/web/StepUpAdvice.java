package io.concierge.identity.web;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.util.UriComponentsBuilder;

import io.concierge.identity.StepUp.PasswordRequired;
import io.concierge.identity.StepUp.StepUpRequired;
import io.concierge.shared.LocalPath;

/**
 * Wherever a sensitive action asks for a fresh second factor, the browser takes a detour
 * through the code page and comes back; one that asks for the password again, through the
 * password page.
 */
@ControllerAdvice
class StepUpAdvice {

	@ExceptionHandler(PasswordRequired.class)
	String password(PasswordRequired required) {
		return "redirect:" + UriComponentsBuilder.fromPath(ReauthenticationController.PAGE)
			.queryParam("returnTo", LocalPath.orEmpty(required.returnTo()))
			.build()
			.encode()
			.toUriString();
	}

	@ExceptionHandler(StepUpRequired.class)
	String stepUp(StepUpRequired required) {
		return "redirect:" + UriComponentsBuilder.fromPath("/login/second-factor")
			.queryParam("returnTo", LocalPath.orEmpty(required.returnTo()))
			.build()
			.encode()
			.toUriString();
	}

}
