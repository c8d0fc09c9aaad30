package io.concierge.notifications.web;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.concierge.notifications.NotificationPreferences;
import io.concierge.shared.NotFound;

/**
 * The unsubscribe link of a notification mail, which works without signing in: the link
 * names the mail, whose random id nobody can guess, and stops only mails of its kind to
 * its recipient. The page asks before it stops anything (a mail scanner that follows
 * links changes nothing); mail programs stop it with one click (RFC 8058), a POST without
 * the page.
 */
@Controller
class UnsubscribeController {

	private final NotificationPreferences preferences;

	UnsubscribeController(NotificationPreferences preferences) {
		this.preferences = preferences;
	}

	@GetMapping("/notifications/unsubscribe/{id}")
	String ask(@PathVariable UUID id, Model model) {
		model.addAttribute("id", id);
		return "notifications/unsubscribe";
	}

	@PostMapping("/notifications/unsubscribe/{id}")
	@ResponseStatus(HttpStatus.OK)
	String unsubscribe(@PathVariable UUID id, Model model) {
		model.addAttribute("kind",
				this.preferences.unsubscribe(id).orElseThrow(() -> new NotFound("notification " + id)));
		return "notifications/unsubscribed";
	}

}
