package io.concierge.identity;

import java.net.URI;
import java.net.URISyntaxException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The address people reach the portal at, which the links in mails start with:
 * {@code concierge.base-url}. Never the address a request came in on: its {@code Host}
 * header is whatever the sender wrote, and a password reset asked for with a forged one
 * would mail its owner a link to the sender's site. Without a configured address only the
 * demo starts, its links leading to this node on {@code localhost}, where the demo is
 * opened.
 */
@Component
public class PortalAddress {

	private final String configured;

	private final Environment environment;

	PortalAddress(@Value("${concierge.base-url:}") String configured,
			@Value("${concierge.demo.enabled:false}") boolean demo, Environment environment) {
		this.configured = configured.strip().replaceAll("/+$", "");
		this.environment = environment;
		if (this.configured.isEmpty() && !demo) {
			throw new IllegalStateException("Set CONCIERGE_BASE_URL (concierge.base-url) to the address people reach "
					+ "the portal at, such as https://portal.example.com: the links in mails start with it. "
					+ "Only the demo does without, its links leading to localhost.");
		}
		if (!this.configured.isEmpty()) {
			requireAbsolute(this.configured);
		}
	}

	/**
	 * The address without a closing slash, such as {@code https://portal.example.com}.
	 */
	public String baseUrl() {
		return StringUtils.hasText(this.configured) ? this.configured : "http://localhost:" + this.environment
			.getProperty("local.server.port", this.environment.getProperty("server.port", "8080"));
	}

	private static void requireAbsolute(String address) {
		try {
			URI uri = new URI(address);
			if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
					|| uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
				throw new URISyntaxException(address, "not an http or https address of a host");
			}
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(
					"CONCIERGE_BASE_URL (concierge.base-url) must be an address such as https://portal.example.com, not "
							+ address,
					ex);
		}
	}

}
