package io.concierge.billing.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.concierge.billing.SandboxProvider;
import io.concierge.billing.SandboxProvider.Outcome;
import io.concierge.shared.NotFound;

/**
 * The sandbox provider's hosted checkout, as a real provider's would be: the card form,
 * the bank's confirmation step, and back to the portal once paid.
 */
@Controller
class SandboxCheckoutController {

	private final SandboxProvider sandbox;

	SandboxCheckoutController(SandboxProvider sandbox) {
		this.sandbox = sandbox;
	}

	@GetMapping("/billing/sandbox/{session}")
	String checkout(@PathVariable String session, Model model) {
		SandboxProvider.Session found = session(session);
		if (found.status().equals("CHALLENGE")) {
			return "redirect:/billing/sandbox/" + session + "/confirm";
		}
		if (!found.status().equals("OPEN")) {
			return "redirect:" + found.returnUrl();
		}
		model.addAttribute("checkout", found);
		return "billing/sandbox-checkout";
	}

	@PostMapping("/billing/sandbox/{session}")
	String pay(@PathVariable String session, @RequestParam(defaultValue = "") String card,
			RedirectAttributes redirect) {
		SandboxProvider.Session found = session(session);
		Outcome outcome = this.sandbox.pay(session, card);
		return switch (outcome) {
			case PAID, CLOSED -> "redirect:" + found.returnUrl();
			case CHALLENGE -> "redirect:/billing/sandbox/" + session + "/confirm";
			case DECLINED, INVALID_CARD -> {
				redirect.addFlashAttribute("declined", outcome.name());
				yield "redirect:/billing/sandbox/" + session;
			}
		};
	}

	@GetMapping("/billing/sandbox/{session}/confirm")
	String challenge(@PathVariable String session, Model model) {
		SandboxProvider.Session found = session(session);
		if (!found.status().equals("CHALLENGE")) {
			return "redirect:/billing/sandbox/" + session;
		}
		model.addAttribute("checkout", found);
		return "billing/sandbox-confirm";
	}

	@PostMapping("/billing/sandbox/{session}/confirm")
	String confirm(@PathVariable String session, @RequestParam(defaultValue = "false") boolean confirmed,
			RedirectAttributes redirect) {
		SandboxProvider.Session found = session(session);
		Outcome outcome = this.sandbox.confirm(session, confirmed);
		if (outcome == Outcome.DECLINED) {
			redirect.addFlashAttribute("declined", "NOT_CONFIRMED");
			return "redirect:/billing/sandbox/" + session;
		}
		return "redirect:" + found.returnUrl();
	}

	private SandboxProvider.Session session(String id) {
		return this.sandbox.session(id).orElseThrow(() -> new NotFound("checkout " + id));
	}

}
