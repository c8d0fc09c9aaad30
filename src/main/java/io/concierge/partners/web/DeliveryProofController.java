package io.concierge.partners.web;

import java.security.Principal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import io.concierge.identity.Callers;
import io.concierge.partners.CarrierShipments;

/**
 * The proofs of delivery on the customer's order page: a fragment the page loads (and
 * loads again when the order moves live), showing only the proofs kept for the caller.
 * The orders module knows nothing of it; its page asks for it like billing's.
 */
@Controller
class DeliveryProofController {

	private final CarrierShipments shipments;

	private final Callers callers;

	DeliveryProofController(CarrierShipments shipments, Callers callers) {
		this.shipments = shipments;
		this.callers = callers;
	}

	@GetMapping("/orders/{number}/delivery-proof")
	String proofs(@PathVariable String number, Principal principal, Model model) {
		model.addAttribute("proofs", this.shipments.proofs(number, this.callers.of(principal).account()));
		return "partners/proof :: proofs";
	}

}
