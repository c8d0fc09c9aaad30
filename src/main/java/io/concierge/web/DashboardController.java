package io.concierge.web;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.concierge.identity.Accounts;
import io.concierge.shared.EmailAddress;

/**
 * The personal home page every sign-in lands on.
 */
@Controller
class DashboardController {

	private final Accounts accounts;

	DashboardController(Accounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/")
	String home() {
		return "redirect:/dashboard";
	}

	@GetMapping("/dashboard")
	String dashboard(Principal principal, Model model) {
		model.addAttribute("account", this.accounts.findByEmail(EmailAddress.of(principal.getName())).orElseThrow());
		return "web/dashboard";
	}

}
