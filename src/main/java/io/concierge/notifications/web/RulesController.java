package io.concierge.notifications.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.notifications.NotificationRules;
import io.concierge.shared.NotFound;

/**
 * Administrators see which event tells customers what, and choose each rule's channels:
 * what customers get until they choose otherwise.
 */
@Controller
class RulesController {

	private static final String PAGE = "/admin/notifications";

	private final NotificationRules rules;

	RulesController(NotificationRules rules) {
		this.rules = rules;
	}

	@GetMapping(PAGE)
	String page(Model model) {
		model.addAttribute("rules", this.rules.all());
		return "notifications/rules";
	}

	@PostMapping(PAGE)
	String change(@RequestParam String event, @RequestParam(defaultValue = "false") boolean email,
			@RequestParam(defaultValue = "false") boolean inApp, @RequestParam(defaultValue = "false") boolean enabled,
			RedirectAttributes redirect) {
		try {
			this.rules.change(event, email, inApp, enabled);
		}
		catch (IllegalArgumentException ex) {
			throw new NotFound("notification rule " + event);
		}
		redirect.addFlashAttribute("saved", event);
		return "redirect:" + PAGE;
	}

}
