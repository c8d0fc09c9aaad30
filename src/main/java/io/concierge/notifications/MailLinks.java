package io.concierge.notifications;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Where the portal is, for the links in mails: {@code concierge.base-url}, or this node
 * on localhost when none is configured (the embedded mode).
 */
@Component
class MailLinks {

	private final String base;

	MailLinks(@Value("${concierge.base-url:}") String baseUrl, @Value("${server.port:8080}") int port) {
		this.base = StringUtils.hasText(baseUrl) ? baseUrl.replaceAll("/$", "") : "http://localhost:" + port;
	}

	/**
	 * @param path a path within the portal, from its root
	 */
	String of(String path) {
		return this.base + path;
	}

}
