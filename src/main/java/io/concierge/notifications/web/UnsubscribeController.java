package io.concierge.notifications.web;

import java.util.regex.Pattern;

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
 * carries a token of 256 random bits made for that mail (kept only hashed), and stops
 * only mails of its kind to its recipient. The page asks before it stops anything (a mail
 * scanner that follows links changes nothing); mail programs stop it with one click (RFC
 * 8058), a POST without the page.
 */
@Controller
class UnsubscribeController {

	/**
	 * A token (43 characters of base64url), or a notification's id in a mail sent before.
	 */
	private static final Pattern LINK = Pattern.compile("[A-Za-z0-9_-]{43}|[0-9a-fA-F-]{36}");

	private final NotificationPreferences preferences;

	UnsubscribeController(NotificationPreferences preferences) {
		this.preferences = preferences;
	}

	@GetMapping("/notifications/unsubscribe/{link}")
	String ask(@PathVariable String link, Model model) {
		if (!LINK.matcher(link).matches()) {
			throw new NotFound("unsubscribe link");
		}
		model.addAttribute("link", link);
		return "notifications/unsubscribe";
	}

	@PostMapping("/notifications/unsubscribe/{link}")
	@ResponseStatus(HttpStatus.OK)
	String unsubscribe(@PathVariable String link, Model model) {
		model.addAttribute("kind",
				this.preferences.unsubscribe(link).orElseThrow(() -> new NotFound("unsubscribe link")));
		return "notifications/unsubscribed";
	}

}
