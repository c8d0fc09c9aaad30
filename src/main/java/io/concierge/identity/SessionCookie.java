package io.concierge.identity;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import io.concierge.shared.CookieNames;

/**
 * The session cookie's name: {@code __Host-CONCIERGE_SESSION} when cookies are
 * {@code Secure} ({@code CONCIERGE_SECURE_COOKIES}, the default), else
 * {@code CONCIERGE_SESSION}, as a browser would refuse the prefix on a cookie that is
 * not.
 */
@Component
public class SessionCookie {

	private final String name;

	SessionCookie(@Value("${server.servlet.session.cookie.name}") String name,
			@Value("${server.servlet.session.cookie.secure:true}") boolean secure) {
		this.name = CookieNames.of(name, secure);
	}

	public String name() {
		return this.name;
	}

	@Bean
	static DefaultCookieSerializerCustomizer hostPrefixedSessionCookie(
			@Value("${server.servlet.session.cookie.name}") String name,
			@Value("${server.servlet.session.cookie.secure:true}") boolean secure) {
		return (serializer) -> serializer.setCookieName(CookieNames.of(name, secure));
	}

}
