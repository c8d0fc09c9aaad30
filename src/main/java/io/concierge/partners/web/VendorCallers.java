package io.concierge.partners.web;

import java.security.Principal;

import org.springframework.stereotype.Component;

import io.concierge.identity.Callers;
import io.concierge.partners.Partner;
import io.concierge.partners.Partners;
import io.concierge.shared.NotFound;

/**
 * The vendor the signed-in partner works for; a carrier's people find no vendor pages.
 */
@Component
class VendorCallers {

	private final Partners partners;

	private final Callers callers;

	VendorCallers(Partners partners, Callers callers) {
		this.partners = partners;
		this.callers = callers;
	}

	Partner vendor(Principal principal) {
		return this.partners.member(this.callers.of(principal).account())
			.map(Partners.Member::partner)
			.filter((partner) -> partner.kind() == Partner.Kind.VENDOR)
			.orElseThrow(() -> new NotFound("vendor of " + principal.getName()));
	}

}
