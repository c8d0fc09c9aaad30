package io.concierge.identity.web;

import java.security.Principal;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.context.i18n.SimpleTimeZoneAwareLocaleContext;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.LocaleContextResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.identity.PasswordRefused;
import io.concierge.identity.ProfileChange;
import io.concierge.identity.StepUp;
import io.concierge.identity.web.Forms.PasswordChangeForm;
import io.concierge.identity.web.Forms.ProfileForm;
import io.concierge.shared.EmailAddress;

/**
 * The account page: profile (name, phone, language, time zone) and password.
 */
@Controller
class AccountController {

	private static final Pattern REGION_ZONE = Pattern
		.compile("^(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/.+");

	private static final List<String> TIME_ZONES = ZoneId.getAvailableZoneIds()
		.stream()
		.filter((zone) -> REGION_ZONE.matcher(zone).matches())
		.sorted()
		.toList();

	private final Accounts accounts;

	private final LocaleResolver localeResolver;

	private final StepUp stepUp;

	AccountController(Accounts accounts, LocaleResolver localeResolver, StepUp stepUp) {
		this.accounts = accounts;
		this.localeResolver = localeResolver;
		this.stepUp = stepUp;
	}

	@GetMapping("/account")
	String account(Principal principal, Model model) {
		AccountView account = account(principal);
		model.addAttribute("profile",
				new ProfileForm(account.displayName(), (account.phone() != null) ? account.phone() : "",
						(account.language() != null) ? account.language() : "en", account.timeZone()));
		model.addAttribute("password", PasswordChangeForm.empty());
		return page(model, account);
	}

	@PostMapping("/account/profile")
	String updateProfile(@Valid @ModelAttribute("profile") ProfileForm form, BindingResult errors, Principal principal,
			HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
		String timeZone = StringUtils.hasText(form.timeZone()) ? form.timeZone() : null;
		if (timeZone != null && !TIME_ZONES.contains(timeZone)) {
			errors.rejectValue("timeZone", "form.timeZone.invalid");
		}
		if (errors.hasErrors()) {
			model.addAttribute("password", PasswordChangeForm.empty());
			return page(model, account(principal));
		}
		this.accounts.updateProfile(
				EmailAddress.of(principal.getName()), new ProfileChange(form.name().strip(),
						StringUtils.hasText(form.phone()) ? form.phone().strip() : null, form.language(), timeZone),
				request.getRemoteAddr());
		remember(request, response, form.language(), timeZone);
		redirect.addFlashAttribute("notice", "account.profile.saved");
		return "redirect:/account";
	}

	@PostMapping("/account/password")
	String changePassword(@Valid @ModelAttribute("password") PasswordChangeForm form, BindingResult errors,
			Principal principal, HttpServletRequest request, Model model, RedirectAttributes redirect) {
		this.stepUp.require(principal, request, "/account");
		AccountView account = account(principal);
		if (!errors.hasErrors()) {
			try {
				if (this.accounts.changePassword(account.email(), form.currentPassword(), form.newPassword(),
						request.getSession().getId(), request.getRemoteAddr())) {
					redirect.addFlashAttribute("notice", "account.password.changed");
					return "redirect:/account";
				}
				errors.rejectValue("currentPassword", "account.password.wrong");
			}
			catch (PasswordRefused refused) {
				errors.rejectValue("newPassword", "password." + refused.problem());
			}
		}
		model.addAttribute("profile",
				new ProfileForm(account.displayName(), (account.phone() != null) ? account.phone() : "",
						(account.language() != null) ? account.language() : "en", account.timeZone()));
		return page(model, account);
	}

	private String page(Model model, AccountView account) {
		model.addAttribute("account", account);
		model.addAttribute("timeZones", TIME_ZONES);
		return "identity/account";
	}

	private AccountView account(Principal principal) {
		return this.accounts.findByEmail(EmailAddress.of(principal.getName())).orElseThrow();
	}

	private void remember(HttpServletRequest request, HttpServletResponse response, String language,
			@Nullable String timeZone) {
		if (this.localeResolver instanceof LocaleContextResolver resolver) {
			resolver.setLocaleContext(request, response, new SimpleTimeZoneAwareLocaleContext(Locale.of(language),
					(timeZone != null) ? TimeZone.getTimeZone(ZoneId.of(timeZone)) : null));
		}
	}

}
