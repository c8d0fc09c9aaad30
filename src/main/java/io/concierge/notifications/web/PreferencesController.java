package io.concierge.notifications.web;

import java.security.Principal;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.identity.AccountView;
import io.concierge.identity.Accounts;
import io.concierge.identity.Callers;
import io.concierge.notifications.NotificationPreferences;
import io.concierge.notifications.NotificationPreferences.Choice;
import io.concierge.notifications.NotificationPreferences.InvalidQuietHours;
import io.concierge.notifications.NotificationPreferences.Settings;

/**
 * A customer's notification settings: per kind, by mail and in the portal; a daily digest
 * instead of single mails; quiet hours. Security mails are listed but cannot be turned
 * off.
 */
@Controller
class PreferencesController {

	private static final String PAGE = "/account/notifications";

	private final NotificationPreferences preferences;

	private final Callers callers;

	private final Accounts accounts;

	PreferencesController(NotificationPreferences preferences, Callers callers, Accounts accounts) {
		this.preferences = preferences;
		this.callers = callers;
		this.accounts = accounts;
	}

	@GetMapping(PAGE)
	String page(Principal principal, Model model) {
		io.concierge.identity.Caller caller = this.callers.of(principal);
		UUID account = caller.account();
		Settings settings = this.preferences.settings(account);
		return show(account, offered(caller, this.preferences.choices(account)), settings.dailyDigest(),
				text(settings.quietFrom()), text(settings.quietUntil()), model);
	}

	@PostMapping(PAGE)
	String save(@RequestParam MultiValueMap<String, String> form, Principal principal, Model model,
			RedirectAttributes redirect, jakarta.servlet.http.HttpServletResponse response) {
		io.concierge.identity.Caller caller = this.callers.of(principal);
		UUID account = caller.account();
		List<Choice> choices = this.preferences.choices(account)
			.stream()
			.map((choice) -> new Choice(choice.kind(), form.containsKey("email." + choice.kind()),
					form.containsKey("inApp." + choice.kind())))
			.toList();
		boolean digest = form.containsKey("dailyDigest");
		String from = form.getFirst("quietFrom");
		String until = form.getFirst("quietUntil");
		try {
			this.preferences.choose(account, choices, new Settings(digest, time(from), time(until)));
		}
		catch (InvalidQuietHours | DateTimeParseException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("quietError", "notify.settings.quiet.invalid");
			return show(account, offered(caller, choices), digest, (from != null) ? from : "",
					(until != null) ? until : "", model);
		}
		redirect.addFlashAttribute("saved", "notify.settings.saved");
		return "redirect:" + PAGE;
	}

	/**
	 * The kinds the caller is offered: customers do not hear what only staff do.
	 */
	private static List<Choice> offered(io.concierge.identity.Caller caller, List<Choice> choices) {
		return choices.stream()
			.filter((choice) -> caller.role() != io.concierge.identity.Role.CUSTOMER || !choice.kind().forStaff())
			.toList();
	}

	private String show(UUID account, List<Choice> choices, boolean digest, String from, String until, Model model) {
		AccountView customer = this.accounts.find(account).orElseThrow();
		model.addAttribute("choices", choices);
		model.addAttribute("dailyDigest", digest);
		model.addAttribute("quietFrom", from);
		model.addAttribute("quietUntil", until);
		model.addAttribute("timeZone", (customer.timeZone() != null) ? customer.timeZone() : "UTC");
		model.addAttribute("email", customer.email().value());
		model.addAttribute("bounced", this.preferences.lastBounce(customer.email()).orElse(null));
		return "notifications/settings";
	}

	private static @Nullable LocalTime time(@Nullable String text) {
		return StringUtils.hasText(text) ? LocalTime.parse(text.strip()) : null;
	}

	private static String text(@Nullable LocalTime time) {
		return (time != null) ? time.toString() : "";
	}

}
