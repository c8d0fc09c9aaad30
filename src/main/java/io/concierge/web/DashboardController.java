package io.concierge.web;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.concierge.identity.Accounts;
import io.concierge.identity.Caller;
import io.concierge.identity.Callers;
import io.concierge.orders.OrderQueries;
import io.concierge.shared.EmailAddress;

/**
 * The personal home page every sign-in lands on.
 */
@Controller
class DashboardController {

	private final Accounts accounts;

	private final Callers callers;

	private final OrderQueries orders;

	DashboardController(Accounts accounts, Callers callers, OrderQueries orders) {
		this.accounts = accounts;
		this.callers = callers;
		this.orders = orders;
	}

	@GetMapping("/")
	String home() {
		return "redirect:/dashboard";
	}

	@GetMapping("/dashboard")
	String dashboard(Principal principal, Model model) {
		model.addAttribute("account", this.accounts.findByEmail(EmailAddress.of(principal.getName())).orElseThrow());
		Caller caller = this.callers.of(principal);
		if (caller.role() == io.concierge.identity.Role.PARTNER) {
			// a carrier's or vendor's people have no orders of their own: their home is
			// the
			// partner portal
			return "redirect:/partner";
		}
		model.addAttribute("companyRoles", caller.organisationRoles());
		model.addAttribute("orders", this.orders.overview(caller, 5));
		return "web/dashboard";
	}

}
