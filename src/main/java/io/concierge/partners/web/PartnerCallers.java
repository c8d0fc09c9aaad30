package io.concierge.partners.web;

import java.security.Principal;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import io.concierge.identity.ApiKeys;
import io.concierge.identity.Callers;
import io.concierge.partners.Partner;
import io.concierge.partners.PartnerCredentials;
import io.concierge.partners.Partners;
import io.concierge.shared.NotFound;

/**
 * Who calls a partner API: one of the partner's people in their session, or one of the
 * partner's systems with a key or token (scope {@code partner}) made for that partner.
 */
@Component
class PartnerCallers {

	private final Partners partners;

	private final PartnerCredentials credentials;

	private final Callers callers;

	PartnerCallers(Partners partners, PartnerCredentials credentials, Callers callers) {
		this.partners = partners;
		this.credentials = credentials;
		this.callers = callers;
	}

	/**
	 * The partner acting, and its name for the audit trail: a person's address, or the
	 * system's credential.
	 */
	record PartnerCaller(Partner partner, String actor) {

	}

	/**
	 * @throws NotFound when a person works for no partner
	 * @throws NoPartner when a key or token was not made for a partner
	 */
	PartnerCaller of(Principal principal) {
		if (principal instanceof Authentication authentication
				&& authentication.getPrincipal() instanceof ApiKeys.ApiClient client) {
			return this.credentials.partnerOf(client)
				.map((partner) -> new PartnerCaller(partner, "api:" + client.name() + " (" + client.id() + ")"))
				.orElseThrow(() -> new NoPartner(client));
		}
		return this.partners.member(this.callers.of(principal).account())
			.map((member) -> new PartnerCaller(member.partner(), principal.getName()))
			.orElseThrow(() -> new NotFound("partner of " + principal.getName()));
	}

	/**
	 * A key or token of the partner scope that was not made by a partner's people: it may
	 * call the partner APIs for nobody (403).
	 */
	static class NoPartner extends RuntimeException {

		NoPartner(ApiKeys.ApiClient client) {
			super("The credential " + client.id() + " acts for no partner");
		}

	}

}
