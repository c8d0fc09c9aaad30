package io.concierge.partners.web;

import java.security.Principal;

import org.springframework.stereotype.Component;

import io.concierge.partners.Partner;
import io.concierge.shared.NotFound;

/**
 * The vendor the signed-in partner, or the vendor's system calling the API, works for; a
 * carrier's people find no vendor pages.
 */
@Component
class VendorCallers {

	private final PartnerCallers callers;

	VendorCallers(PartnerCallers callers) {
		this.callers = callers;
	}

	Partner vendor(Principal principal) {
		return vendorCaller(principal).partner();
	}

	/**
	 * @throws PartnerCallers.NoPartner when a key or token was made for no partner
	 */
	PartnerCallers.PartnerCaller vendorCaller(Principal principal) {
		PartnerCallers.PartnerCaller caller = this.callers.of(principal);
		if (caller.partner().kind() != Partner.Kind.VENDOR) {
			throw new NotFound("vendor of " + principal.getName());
		}
		return caller;
	}

}
