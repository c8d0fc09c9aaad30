package io.concierge.web;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.concierge.identity.Accounts;
import io.concierge.identity.Callers;
import io.concierge.shared.EmailAddress;

/**
 * The personal home page every sign-in lands on.
 */
@Controller
class DashboardController {

	private final Accounts accounts;

	private final Callers callers;

	DashboardController(Accounts accounts, Callers callers) {
		this.accounts = accounts;
		this.callers = callers;
	}

	@GetMapping("/")
	String home() {
		return "redirect:/dashboard";
	}

	@GetMapping("/dashboard")
	String dashboard(Principal principal, Model model) {
		model.addAttribute("account", this.accounts.findByEmail(EmailAddress.of(principal.getName())).orElseThrow());
		model.addAttribute("companyRoles", this.callers.of(principal).organisationRoles());
		return "web/dashboard";
	}

}
