package io.concierge.web;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.util.WebUtils;

import io.concierge.shared.CookieNames;

/**
 * English or German, chosen with {@code ?lang=} and remembered in a cookie, else the
 * browser's first supported language. The browser's region is kept where it speaks that
 * language, so a British reader gets British dates. The time zone is the browser's,
 * reported by the page script in a cookie, else the server's.
 */
class PortalLocaleResolver extends CookieLocaleResolver {

	static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.GERMAN);

	/**
	 * Set by the page script: {@code __Host-} and {@code Secure} in a secure context
	 * (HTTPS, or {@code localhost}), plain elsewhere.
	 */
	static final String TIME_ZONE_COOKIE = "CONCIERGE_TZ";

	PortalLocaleResolver(boolean secure) {
		super(CookieNames.of("CONCIERGE_LANG", secure));
		setCookieSecure(secure);
		setCookieMaxAge(Duration.ofDays(365));
		setCookieSameSite("Lax");
		setCookieHttpOnly(true);
		setDefaultLocaleFunction(PortalLocaleResolver::browserLocale);
		setDefaultTimeZoneFunction(PortalLocaleResolver::browserTimeZone);
	}

	/**
	 * A language cookie naming anything but English or German counts as none.
	 */
	@Override
	protected @Nullable Locale parseLocaleValue(String value) {
		Locale parsed = super.parseLocaleValue(value);
		boolean supported = parsed != null
				&& LANGUAGES.stream().anyMatch((language) -> language.getLanguage().equals(parsed.getLanguage()));
		return supported ? parsed : null;
	}

	/**
	 * The locale for one of the supported languages, with the browser's region for it if
	 * any.
	 */
	static @Nullable Locale supported(String language, HttpServletRequest request) {
		if (LANGUAGES.stream().noneMatch((supported) -> supported.getLanguage().equals(language))) {
			return null;
		}
		return Collections.list(request.getLocales())
			.stream()
			.filter((wanted) -> wanted.getLanguage().equals(language))
			.findFirst()
			.orElse(Locale.of(language));
	}

	private static Locale browserLocale(HttpServletRequest request) {
		for (Locale wanted : Collections.list(request.getLocales())) {
			Locale supported = supported(wanted.getLanguage(), request);
			if (supported != null) {
				return supported;
			}
		}
		return Locale.ENGLISH;
	}

	private static @Nullable TimeZone browserTimeZone(HttpServletRequest request) {
		Cookie cookie = WebUtils.getCookie(request, CookieNames.HOST_PREFIX + TIME_ZONE_COOKIE);
		if (cookie == null) {
			cookie = WebUtils.getCookie(request, TIME_ZONE_COOKIE);
		}
		if (cookie == null) {
			return null;
		}
		try {
			return TimeZone.getTimeZone(ZoneId.of(cookie.getValue()));
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

}
