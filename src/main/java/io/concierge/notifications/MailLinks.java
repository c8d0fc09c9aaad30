package io.concierge.notifications;

import org.springframework.stereotype.Component;

import io.concierge.identity.PortalAddress;

/**
 * Where the portal is, for the links in mails: the portal's configured address, or this
 * node on localhost in the demo.
 */
@Component
class MailLinks {

	private final PortalAddress portal;

	MailLinks(PortalAddress portal) {
		this.portal = portal;
	}

	/**
	 * @param path a path within the portal, from its root
	 */
	String of(String path) {
		return this.portal.baseUrl() + path;
	}

}
