package io.concierge.partners.web;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import io.concierge.identity.Callers;
import io.concierge.partners.PartnerOutcomes;
import io.concierge.partners.Partners;
import io.concierge.shared.NotFound;

/**
 * The partner portal's home: who you work for, your colleagues, and what you can do here.
 */
@Controller
class PartnerPortalController {

	private final Partners partners;

	private final Callers callers;

	private final PartnerOutcomes outcomes;

	PartnerPortalController(Partners partners, Callers callers, PartnerOutcomes outcomes) {
		this.partners = partners;
		this.callers = callers;
		this.outcomes = outcomes;
	}

	@GetMapping("/partner")
	String home(Principal principal, Model model) {
		Partners.Member member = this.partners.member(this.callers.of(principal).account())
			.orElseThrow(() -> new NotFound("partner of " + principal.getName()));
		model.addAttribute("member", member);
		model.addAttribute("colleagues", this.partners.members(member.partner().id()));
		model.addAttribute("figures", this.outcomes.of(member.partner()));
		return "partners/home";
	}

}
