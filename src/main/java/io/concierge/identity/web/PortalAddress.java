package io.concierge.identity.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The address links in emails start with: the configured base URL, else the one the
 * current request came in on.
 */
@Component
class PortalAddress {

	private final String configured;

	PortalAddress(@Value("${concierge.base-url}") String configured) {
		this.configured = configured;
	}

	String baseUrl() {
		return StringUtils.hasText(this.configured) ? this.configured.replaceAll("/+$", "")
				: ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
	}

}
