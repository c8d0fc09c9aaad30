package io.concierge.web;

import java.util.Locale;
import java.util.TimeZone;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.context.i18n.TimeZoneAwareLocaleContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class PortalLocaleResolverTests {

	private final PortalLocaleResolver resolver = new PortalLocaleResolver(true);

	@Test
	void takesTheBrowsersFirstSupportedLanguageWithItsRegion() {
		assertThat(this.resolver.resolveLocale(browser("fr-FR,de-AT;q=0.8,en;q=0.5"))).isEqualTo(Locale.of("de", "AT"));
		assertThat(this.resolver.resolveLocale(browser("en-GB"))).isEqualTo(Locale.UK);
		assertThat(this.resolver.resolveLocale(browser("fr-FR,ja"))).isEqualTo(Locale.ENGLISH);
	}

	@Test
	void aChosenLanguageWinsOverTheBrowsers() {
		MockHttpServletRequest request = browser("en-GB");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.resolver.setLocale(request, response, PortalLocaleResolver.supported("de", request));
		MockHttpServletRequest next = browser("en-GB");
		next.setCookies(response.getCookie("__Host-CONCIERGE_LANG"));
		assertThat(this.resolver.resolveLocale(next)).isEqualTo(Locale.GERMAN);
		assertThat(PortalLocaleResolver.supported("fr", next)).isNull();
	}

	@Test
	void usesTheTimeZoneTheBrowserReportedAndIgnoresNonsense() {
		MockHttpServletRequest request = browser("de-DE");
		request.setCookies(new Cookie(PortalLocaleResolver.TIME_ZONE_COOKIE, "America/Chicago"));
		assertThat(zone(request)).isEqualTo(TimeZone.getTimeZone("America/Chicago"));
		MockHttpServletRequest nonsense = browser("de-DE");
		nonsense.setCookies(new Cookie(PortalLocaleResolver.TIME_ZONE_COOKIE, "Mars/Olympus"));
		assertThat(zone(nonsense)).isNull();
		MockHttpServletRequest secure = browser("de-DE");
		secure.setCookies(new Cookie("__Host-" + PortalLocaleResolver.TIME_ZONE_COOKIE, "Europe/Berlin"));
		assertThat(zone(secure)).as("set in a secure context").isEqualTo(TimeZone.getTimeZone("Europe/Berlin"));
	}

	private TimeZone zone(MockHttpServletRequest request) {
		return ((TimeZoneAwareLocaleContext) this.resolver.resolveLocaleContext(request)).getTimeZone();
	}

	private static MockHttpServletRequest browser(String acceptLanguage) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("Accept-Language", acceptLanguage);
		request.setPreferredLocales(
				java.util.Collections.list(java.util.Collections.enumeration(Locale.LanguageRange.parse(acceptLanguage)
					.stream()
					.map((range) -> Locale.forLanguageTag(range.getRange()))
					.toList())));
		return request;
	}

}
