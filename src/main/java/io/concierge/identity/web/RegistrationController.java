package io.concierge.identity.web;

import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.identity.Accounts;
import io.concierge.identity.PortalAddress;
import io.concierge.identity.IdentitySettings;
import io.concierge.identity.PasswordRefused;
import io.concierge.identity.RateLimits;
import io.concierge.identity.Registration;
import io.concierge.identity.web.Forms.RegistrationForm;
import io.concierge.shared.EmailAddress;

/**
 * Self-registration of customer accounts, unless an administrator has closed it.
 */
@Controller
class RegistrationController {

	private final Accounts accounts;

	private final PortalAddress address;

	private final RateLimits limits;

	private final IdentitySettings settings;

	RegistrationController(Accounts accounts, PortalAddress address, RateLimits limits, IdentitySettings settings) {
		this.accounts = accounts;
		this.address = address;
		this.limits = limits;
		this.settings = settings;
	}

	@GetMapping("/register")
	String form(Model model) {
		if (!this.settings.registrationOpen()) {
			return Messages.show(model, "register.closed");
		}
		model.addAttribute("form", RegistrationForm.empty());
		return "identity/register";
	}

	@PostMapping("/register")
	String register(@Valid @ModelAttribute("form") RegistrationForm form, BindingResult errors, Locale locale,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		if (!this.settings.registrationOpen()) {
			return Messages.show(model, "register.closed");
		}
		if (errors.hasErrors()) {
			return "identity/register";
		}
		if (!this.limits.tryAcquire("register:" + request.getRemoteAddr(), 10, Duration.ofHours(1))) {
			throw new TooManyRequests("registrations from " + request.getRemoteAddr());
		}
		try {
			this.accounts.register(new Registration(EmailAddress.of(form.email()), form.name().strip(), form.password(),
					locale.getLanguage()), this.address.baseUrl(), request.getRemoteAddr());
		}
		catch (PasswordRefused refused) {
			errors.rejectValue("password", "password." + refused.problem());
			return "identity/register";
		}
		redirect.addFlashAttribute("email", EmailAddress.of(form.email()).value());
		return "redirect:/register/sent";
	}

	@GetMapping("/register/sent")
	String sent(Model model) {
		return Messages.show(model, "register.sent", model.getAttribute("email"));
	}

}
